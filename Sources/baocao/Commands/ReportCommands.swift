import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import Foundation

/// The node's own reports, from a draft to the receiver's decision.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Báo cáo của đơn vị: lập, nhập số liệu, duyệt số liệu từng phần, trình, duyệt và ký, trả lại, gửi, xem.",
        subcommands: [New.self, Set.self, ImportValues.self, Narrative.self, Outline.self, ApproveSection.self, ReturnSection.self, Submit.self, Approve.self,
                      Reject.self, Send.self, Show.self, List.self, Usage.self, PDF.self, PDFVerify.self]
    )

    /// The options every report command shares.
    struct Common: ParsableArguments {
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions

        func open() throws -> (ReportService, StaffMember, Date) {
            let (work, actor, now) = try acting.signedIn(config: config)
            return (ReportService(work: work), actor, now)
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lập báo cáo mới (lần 1, hoặc lần sửa tiếp theo sau khi bị trả lại).")
        @OptionGroup var common: Common
        @Argument(help: "Mã chế độ báo cáo, ví dụ KTXH-THANG.") var regime: RegimeCode
        @Argument(help: "Kỳ báo cáo, ví dụ 2026-10.") var period: Period

        func run() throws {
            let (service, actor, now) = try common.open()
            let report = try service.create(regime: regime, period: period, by: actor, at: now)
            print("Đã lập báo cáo số \(report.id!): \(report.regimeCode) kỳ \(report.period), lần \(report.revision) (\(report.state.displayName)).")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Nhập số liệu: MÃ=GIÁ_TRỊ, số viết kiểu Việt Nam (1.245,5); giá trị rỗng để xóa.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Argument(help: "Các số liệu MÃ=GIÁ_TRỊ, ví dụ NN01=1.245,5 LD01[GT=nu]=12.") var entries: [String]
        @Flag(name: .long, help: "Đánh dấu là số ước tính (mặc định: chính thức).") var estimated = false

        func run() throws {
            let (service, actor, now) = try common.open()
            let pairs = try entries.map { entry -> (key: String, text: String) in
                guard let equals = entry.lastIndex(of: "=") else {  // keys may hold "=" (LD01[GT=nu]=12)
                    throw ValidationError("\"\(entry)\" phải có dạng MÃ=GIÁ_TRỊ.")
                }
                return (String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
            }
            let problems = try service.setValues(report: id, pairs, status: estimated ? .estimated : .final, by: actor, at: now)
            ReportText.printProblems(problems, saved: pairs.count)
        }
    }

    struct ImportValues: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-values",
            abstract: "Nhập số liệu từ tệp CSV (mỗi dòng MÃ;GIÁ_TRỊ, số kiểu Việt Nam, dòng tiêu đề được bỏ qua), Excel hoặc ADX; không lưu gì nếu có ô sai.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Argument(help: "Tệp CSV, .xlsx hoặc ADX.") var file: String

        func run() throws {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("Không đọc được tệp \(file): \(error.localizedDescription)")
            }
            let (work, actor, now) = try common.acting.signedIn(config: common.config)
            let report = try ReportService(work: work).details(report: id, by: actor).report
            let outcome = try FileValueImport(work: work).importFile(data, named: file, regime: report.regimeCode, period: report.period,
                                                                     keepValid: false, by: actor, at: now)
            for note in outcome.conversions { print("Đã chuyển: \(note)") }
            ReportText.printProblems(outcome.result.remaining, saved: outcome.result.stored)
        }
    }

    struct Narrative: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đặt báo cáo thuyết minh (văn bản) từ một tệp.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Argument(help: "Tệp văn bản UTF-8.") var file: String

        func run() throws {
            let text = try TextFile.read(file)
            let (service, actor, now) = try common.open()
            try service.setNarrative(report: id, text, by: actor, at: now)
            print("Đã lưu báo cáo thuyết minh (\(text.count) ký tự).")
        }
    }

    /// The form's outline (đề cương, 000 art. 13.1) beside what the narrative says under
    /// each heading; `--out` writes it to a file to edit and set back with `report narrative`.
    struct Outline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xem đề cương báo cáo của biểu mẫu (các mục, hướng dẫn viết) và phần thuyết minh đã viết theo từng mục; --out ghi ra tệp để soạn rồi đặt lại bằng `report narrative`.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Option(name: .long, help: "Ghi phần thuyết minh theo đề cương ra tệp này (UTF-8) để soạn.") var out: String?

        func run() throws {
            let (service, actor, _) = try common.open()
            let details = try service.details(report: id, by: actor)
            let outline = details.form?.outline ?? []
            guard !outline.isEmpty else {
                throw CLIError("Biểu mẫu \(details.form?.title ?? details.report.formCode) không có đề cương báo cáo: thuyết minh viết tự do.")
            }
            let narrative = OutlinedNarrative(narrative: details.report.narrative, outline: outline)
            print("Đề cương báo cáo — \(details.form?.title ?? details.report.formCode):")
            for part in narrative.parts {
                print(part.heading.title)
                if let guidance = part.heading.guidance { print("  Hướng dẫn: \(guidance)") }
                print(part.text.isEmpty ? "  (chưa viết)" : part.text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
            if let out {
                try Data(narrative.editableText.utf8).write(to: URL(fileURLWithPath: out))
                print("Đã ghi phần thuyết minh theo đề cương ra \(out); soạn xong, đặt lại bằng: baocao report narrative \(id) \(out)")
            }
        }
    }

    struct ApproveSection: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve-section",
            abstract: "Duyệt số liệu một phần của biểu mẫu (lãnh đạo đơn vị, hoặc người được lãnh đạo ủy quyền: baocao section delegate).")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Argument(help: "Mã phần của biểu mẫu.") var section: String

        func run() throws {
            let (service, actor, now) = try common.open()
            try service.approveSection(report: id, section: section, by: actor, at: now)
            print("Đã duyệt số liệu phần \(section) của báo cáo số \(id).")
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trình lãnh đạo duyệt.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64

        func run() throws {
            let (service, actor, now) = try common.open()
            try service.submit(report: id, by: actor, at: now)
            print("Đã trình lãnh đạo báo cáo số \(id).")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lãnh đạo duyệt và ký số báo cáo: chữ ký cá nhân của lãnh đạo (--personal-key, --personal-certificate) bên cạnh chữ ký của đơn vị.")
        @OptionGroup var common: Common
        @OptionGroup var personal: PersonalSignatureOptions
        @Argument(help: "Số báo cáo.") var id: Int64

        func run() throws {
            let person = try personal.identity()
            let (service, actor, now) = try common.open()
            let bundle = try service.approve(report: id, by: actor, personalSignature: person, at: now)
            let signers = person.map { "chữ ký cá nhân của \($0.certificate.commonName ?? $0.certificate.subject) và chữ ký của đơn vị" } ?? "chữ ký của đơn vị"
            print("Đã duyệt và ký báo cáo số \(id) (\(signers)); gói tin \(bundle). Gửi bằng: baocao report send \(id).")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lãnh đạo trả lại để sửa, ghi rõ lý do.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Option(name: .long, help: "Lý do (bắt buộc).") var reason: String

        func run() throws {
            let (service, actor, now) = try common.open()
            try service.reject(report: id, reason: reason, by: actor, at: now)
            print("Đã trả lại báo cáo số \(id) để sửa: \(reason)")
        }
    }

    struct ReturnSection: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return-section",
            abstract: "Lãnh đạo trả lại số liệu một phần cho bộ phận sửa, ghi rõ lý do; các phần khác giữ nguyên.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Argument(help: "Mã phần của biểu mẫu.") var section: String
        @Option(name: .long, help: "Lý do (bắt buộc).") var reason: String

        func run() throws {
            let (service, actor, now) = try common.open()
            try service.returnSection(report: id, section: section, reason: reason, by: actor, at: now)
            print("Đã trả lại số liệu phần \(section) của báo cáo số \(id) cho bộ phận sửa: \(reason)")
        }
    }

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đưa báo cáo đã ký vào hàng đợi gửi lên đơn vị nhận (gửi khi đồng bộ hoặc qua USB).")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64

        func run() throws {
            let (service, actor, now) = try common.open()
            try service.send(report: id, by: actor, at: now)
            print("Đã đưa báo cáo số \(id) vào hàng đợi gửi.")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xem một báo cáo: trạng thái, số liệu, lịch sử, lý do trả lại.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Flag(name: .long, help: "In JSON.") var json = false

        func run() throws {
            let (service, actor, _) = try common.open()
            let details = try service.details(report: id, by: actor)
            if json { Swift.print(ReportText.json(details).text) } else { ReportText.print(details) }
        }
    }

    struct Usage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lập báo cáo tình hình sử dụng hệ thống của một kỳ (tần suất, nơi nhận và căn cứ theo quy định của tỉnh trong danh mục), số liệu tính từ nhật ký hệ thống; --plan chỉ in quy định.")
        @OptionGroup var common: Common
        @Argument(help: "Kỳ báo cáo, ví dụ 2026-10, 2026-H1, 2026.") var period: Period?
        @Flag(name: .long, help: "Chỉ in các báo cáo sử dụng hệ thống tỉnh quy định cho đơn vị: kỳ, nơi nhận, căn cứ.") var plan = false

        func run() throws {
            let (work, actor, now) = try common.acting.signedIn(config: common.config)
            let service = UsageReportService(work: work)
            guard !plan, let period else {
                let plans = try service.plans()
                if plans.isEmpty { print("Danh mục không quy định báo cáo tình hình sử dụng hệ thống nào cho đơn vị \(work.home).") }
                for p in plans {
                    print("\(p.regime.code)\t\(p.regime.frequency?.displayName ?? "")\tgửi \(p.receiverText)\n  căn cứ: \(p.basisLine)")
                }
                return
            }
            let regime = try service.regime(for: period)
            let report = try service.draft(period: period, by: actor, at: now)
            print("Đã lập báo cáo sử dụng hệ thống số \(report.id!) (\(regime.code)) kỳ \(period), lần \(report.revision):")
            for (key, text) in try service.figures(period: period) { print("  \(key) = \(text)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê báo cáo của đơn vị (mọi lần sửa).")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Chỉ một chế độ báo cáo.") var regime: RegimeCode?
        @Flag(name: .long, help: "In JSON.") var json = false

        func run() throws {
            let (service, actor, _) = try common.open()
            let reports = try service.list(regime: regime, by: actor)
            if json {
                print(JSONValue.array(reports.map(ReportText.summary)).text)
            } else if reports.isEmpty {
                print("Chưa có báo cáo nào.")
            } else {
                for r in reports {
                    print("\(r.id!)\t\(r.regimeCode)\t\(r.period)\tlần \(r.revision)\t\(r.state.displayName)" + (r.reason.map { "\tlý do: \($0)" } ?? ""))
                }
            }
        }
    }
}

/// How reports are shown.
enum ReportText {
    static func printProblems(_ problems: [ValueProblem], saved: Int) {
        Swift.print("Đã lưu \(saved) số liệu.")
        if problems.isEmpty {
            Swift.print("Số liệu hợp lệ.")
        } else {
            Swift.print("Còn \(problems.count) vấn đề cần sửa trước khi trình:")
            for problem in problems { Swift.print("  - \(problem.description)") }
        }
    }

    static func summary(_ r: ReportRecord) -> JSONValue {
        .object([
            ("id", .int(Int(r.id ?? 0))), ("regime", .string(r.regimeCode.rawValue)), ("period", .string(r.period.id)), ("unit", .string(r.unitCode.rawValue)),
            ("revision", .int(r.revision)), ("state", .string(r.state.rawValue)), ("late", .bool(r.late)),
            ("reason", r.reason.map(JSONValue.string) ?? .null), ("bundle", r.bundleId.map(JSONValue.string) ?? .null),
            ("signedAt", r.signedAt.map { .string(Manifest.formatTime($0)) } ?? .null),
            ("receivedAt", r.receivedAt.map { .string(Manifest.formatTime($0)) } ?? .null),
            ("assignedTo", r.assignedTo.map(JSONValue.string) ?? .null),
        ])
    }

    static func json(_ d: ReportService.Details) -> JSONValue {
        .object([
            ("report", summary(d.report)),
            ("values", .object(d.values.sorted { $0.key < $1.key }.map { ($0.key.description, .object([("value", .string($0.value.text)), ("status", .string($0.value.status.rawValue))])) })),
            ("sectionApprovals", .array(d.sectionApprovals.map { .object([("section", .string($0.sectionCode)), ("by", .string($0.approvedBy))]) })),
            ("returnedSections", .array(d.openSectionReturns.map { r in
                .object([("section", .string(r.sectionCode)), ("reason", .string(r.reason)), ("by", .string(r.returnedBy)),
                         ("at", .string(Manifest.formatTime(r.returnedAt)))])
            })),
            ("history", .array(d.events.map { e in
                .object([("at", .string(Manifest.formatTime(e.at))), ("actor", .string(e.actor)), ("from", e.fromState.map { .string($0.rawValue) } ?? .null),
                         ("to", .string(e.toState.rawValue)), ("reason", e.reason.map(JSONValue.string) ?? .null)])
            })),
            ("problems", .array(d.problems.map { .string($0.description) })),
        ])
    }

    static func print(_ d: ReportService.Details) {
        let r = d.report
        Swift.print("Báo cáo số \(r.id!): \(r.regimeCode) kỳ \(r.period), đơn vị \(r.unitCode), lần \(r.revision)")
        Swift.print("Trạng thái: \(r.state.displayName)" + (r.late ? " (đến sau khi đã đóng tiếp nhận, tính trễ hạn)" : ""))
        if let reason = r.reason { Swift.print("Lý do trả lại: \(reason)") }
        if let signed = r.signedAt { Swift.print("Ký lúc: \(VietnamTime.displayText(signed))") }
        if let received = r.receivedAt { Swift.print("Nhận lúc: \(VietnamTime.displayText(received))") }
        Swift.print("Số liệu:")
        for section in d.form?.sections ?? [] {
            let approval = d.sectionApprovals.first { $0.sectionCode == section.code }
            let returned = d.openSectionReturns.first { $0.sectionCode == section.code }
            Swift.print("  [\(section.code)] \(section.title)" + (approval.map { " — đã duyệt bởi \($0.approvedBy)" }
                ?? returned.map { " — lãnh đạo \($0.returnedBy) trả lại lúc \(VietnamTime.displayText($0.returnedAt)), lý do: \($0.reason); cần sửa và duyệt lại" }
                ?? " — chưa duyệt"))
            for (key, value) in d.values.sorted(by: { $0.key < $1.key }) where section.rows.contains(key.indicator) {
                let shown = value.number.map(VietnameseNumberFormat.format) ?? value.text
                Swift.print("    \(key.description) = \(shown)" + (value.status == .estimated ? " (ước tính)" : ""))
            }
        }
        if !d.problems.isEmpty {
            Swift.print("Còn \(d.problems.count) vấn đề:")
            for problem in d.problems { Swift.print("  - \(problem.description)") }
        }
        Swift.print("Lịch sử:")
        for e in d.events {
            Swift.print("  \(VietnamTime.displayText(e.at)) \(e.actor): \(e.fromState?.displayName ?? "—") → \(e.toState.displayName)"
                        + (e.reason.map { " (\($0))" } ?? ""))
        }
    }
}
