import ArgumentParser
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// `baocao personnel …`: civil-servant records (seed 003) at this node — recruiting,
/// events, approval, reading, search, roster, quota, deadlines, declarations, statistics
/// and grants — and the transfer and custody subcommands of ``PersonnelTransferCommands``.
struct PersonnelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "personnel",
        abstract: "Hồ sơ cán bộ, công chức, viên chức: lập hồ sơ, cập nhật, duyệt, xem, tìm kiếm, danh sách, biên chế, hạn cập nhật, phiếu bổ sung lý lịch, thống kê, cấp quyền, chuyển giao và lưu giữ.",
        subcommands: [Add.self, Event.self, Approve.self, Show.self, Search.self, Roster.self, Quota.self, Overdue.self,
                      Declarations.self, Statistics.self, Grant.self, Revoke.self, Vitae.self, RosterWorkbookExport.self, Generate.self] + PersonnelTransferCommands.subcommands
    )

    /// The options every personnel command shares.
    struct Common: ParsableArguments {
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions

        /// The node's service (with its working calendar), the person acting, and now.
        func open() throws -> (PersonnelService, StaffMember, Date) {
            let node = try NodeContext(configFile: config)
            let now = Date()
            let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
            let calendar = WorkingCalendar(overrides: try CalendarOverridesFile.load(node.loaded.calendarOverridesPath))
            // Personnel commands neither sign nor verify a bundle: no key, no trust files read.
            // The personnel catalog is the province release's in force, as the store holds it.
            let runtime = NodeRuntime(store: node.store, files: node.bundleFiles, home: node.homeUnit, bootstrap: nil,
                                      clockTolerance: node.configuration.effectiveClockTolerance, arrivalRecorder: AuditLog.arrivals)
            return (PersonnelService(work: NodeWork(runtime: runtime, identity: nil), calendar: calendar), actor, now)
        }
    }

    static func date(_ text: String?, _ field: String) throws -> CivilDate? {
        try text.map { try CivilDate(personnelText: $0, field: field) }
    }

    static func recordID(_ text: String) throws -> PersonnelID {
        do { return try PersonnelID(parsing: text) } catch let error as CoreError { throw CLIError(error.message) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lập hồ sơ mới từ tệp YAML (identity, personal, recruitment, decision, takingUpOn); chờ thủ trưởng duyệt.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Tệp YAML của người được tuyển dụng.") var file: String

        func run() throws {
            let input = try YAMLDocument.decode(PersonnelRecruitmentInput.self, fromFile: file)
            let (service, actor, now) = try common.open()
            let id = try service.recruit(input, by: actor, at: now)
            print("Đã lập hồ sơ \(id), chờ thủ trưởng đơn vị duyệt (baocao personnel approve \(id)).")
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo hồ sơ cán bộ mẫu (người tổng hợp, không có thật) cho đơn vị của nút: dùng cho thử nghiệm, tập huấn, đo hiệu năng.",
            discussion: "Không tạo bên cạnh hồ sơ thật: nút đã có hồ sơ thì cần --force. Cùng hạt giống cho cùng danh sách.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Số người.") var count: Int
        @Option(name: .long, help: "Hạt giống (số nguyên không âm).") var seed: UInt64 = 1
        @Flag(name: .long, help: "Tạo cả khi nút đã có hồ sơ (chỉ trên nút thử nghiệm).") var force = false

        func run() throws {
            let (service, actor, now) = try common.open()
            let made = try service.generateSynthetic(count: count, seed: seed, force: force, by: actor, at: now)
            print("Đã tạo \(made.count) hồ sơ cán bộ mẫu (người tổng hợp, không có thật) cho đơn vị \(service.work.home).")
        }
    }

    struct Event: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cập nhật một thay đổi vào hồ sơ từ tệp YAML (effectiveOn, decision, change); chờ thủ trưởng duyệt.")
        @OptionGroup var common: Common
        @Argument(help: "Mã hồ sơ (HS-…).") var id: String
        @Option(name: .long, help: "Tệp YAML của thay đổi.") var file: String

        func run() throws {
            let record = try PersonnelCommand.recordID(id)
            let input = try YAMLDocument.decode(PersonnelEventInput.self, fromFile: file)
            let (service, actor, now) = try common.open()
            let sequence = try service.addEvent(to: record, input, by: actor, at: now)
            print("Đã ghi sự kiện số \(sequence) vào hồ sơ \(record), chờ thủ trưởng đơn vị duyệt.")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thủ trưởng đơn vị duyệt các thay đổi đang chờ của hồ sơ (Điều 13 khoản 1).")
        @OptionGroup var common: Common
        @Argument(help: "Mã hồ sơ (HS-…).") var id: String
        @Option(name: .long, parsing: .upToNextOption, help: "Chỉ duyệt các sự kiện số này.") var event: [Int] = []

        func run() throws {
            let record = try PersonnelCommand.recordID(id)
            let (service, actor, now) = try common.open()
            let approved = try service.approve(record, sequences: event.isEmpty ? nil : event, by: actor, at: now)
            print("Đã duyệt sự kiện \(approved.map(String.init).joined(separator: ", ")) của hồ sơ \(record).")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xem một hồ sơ vào một ngày: thông tin, tình trạng, quá trình (thay đổi chờ duyệt được đánh dấu). Thông tin nhạy cảm chỉ hiện với người được cấp quyền.")
        @OptionGroup var common: Common
        @Argument(help: "Mã hồ sơ (HS-…).") var id: String
        @Option(name: .long, help: "Ngày xem (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay.") var on: String?
        @Flag(name: .long, help: "In JSON.") var json = false

        func run() throws {
            let record = try PersonnelCommand.recordID(id)
            let day = try PersonnelCommand.date(on, "--on")
            let (service, actor, now) = try common.open()
            let view = try service.read(record, on: day, by: actor, at: now)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(view), as: UTF8.self))
            } else {
                print(PersonnelText.record(view))
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tìm hồ sơ theo tên (có hoặc không dấu), đơn vị, ngạch, chức vụ, tình trạng.")
        @OptionGroup var common: Common
        @Argument(help: "Tên hoặc một phần tên.") var text: String = ""
        @Option(name: .long, help: "Mã đơn vị.") var unit: String?
        @Option(name: .long, help: "Mã ngạch.") var rank: String?
        @Option(name: .long, help: "Mã chức vụ.") var position: String?
        @Option(name: .long, help: "Tình trạng: working, movedWithinUnit, transferred, retired, resigned, deceased.") var status: String?

        func run() throws {
            let wanted = try status.map { text in
                guard let status = PersonnelStatus(rawValue: text) else {
                    throw CLIError("Tình trạng \"\(text)\" không có; hãy dùng một trong: \(PersonnelStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return status
            }
            let unitCode = try unit.map { text in
                do { return try UnitCode(parsing: text) } catch let error as CoreError { throw CLIError(error.message) }
            }
            let (service, actor, now) = try common.open()
            let lines = try service.search(PersonnelQuery(name: text, unit: unitCode, rank: rank, position: position, status: wanted), by: actor, at: now)
            print(PersonnelText.lines(lines))
            print("\(lines.count) hồ sơ.")
        }
    }

    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách cán bộ vào một ngày, biên chế và số có mặt; người đã nghỉ, chuyển đi liệt kê riêng.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Ngày (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay.") var on: String?

        func run() throws {
            let day = try PersonnelCommand.date(on, "--on")
            let (service, actor, now) = try common.open()
            let roster = try service.roster(on: day, by: actor, at: now)
            print("Danh sách cán bộ ngày \(roster.date.personnelDisplayText): \(roster.working.count) người đang công tác.")
            print(PersonnelText.lines(roster.working))
            for quota in roster.quotas {
                print("Biên chế \(quota.unit)\(quota.section.map { "/\($0)" } ?? ""): \(quota.quota) (quyết định \(quota.decisionNumber) ngày \(quota.decisionDate.personnelDisplayText)), có mặt \(quota.counted)"
                      + (quota.overQuota > 0 ? ", VƯỢT \(quota.overQuota)" : ""))
            }
            if !roster.left.isEmpty {
                print("Đã nghỉ, chuyển công tác (hồ sơ vẫn lưu, Điều 12 khoản 3): \(roster.left.count) người.")
                print(PersonnelText.lines(roster.left))
            }
        }
    }

    struct Quota: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Biên chế của đơn vị.", subcommands: [Set.self])

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Giao biên chế cho đơn vị (hoặc một phòng, ban) theo quyết định.")
            @OptionGroup var common: Common
            @Argument(help: "Số biên chế.") var headcount: Int
            @Option(name: .long, help: "Mã phòng, ban (bỏ trống: cả đơn vị).") var section: String?
            @Option(name: .long, help: "Số quyết định giao biên chế.") var decision: String
            @Option(name: .long, help: "Ngày quyết định (dd/mm/yyyy hoặc yyyy-mm-dd).") var decisionDate: String

            func run() throws {
                let day = try CivilDate(personnelText: decisionDate, field: "--decision-date")
                let (service, actor, now) = try common.open()
                try service.setQuota(section: section, headcount: headcount, decisionNumber: decision, decisionDate: day, by: actor, at: now)
                print("Đã giao \(headcount) biên chế\(section.map { " cho \($0)" } ?? ""), quyết định \(decision) ngày \(day.personnelDisplayText).")
            }
        }
    }

    struct Overdue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các việc cập nhật hồ sơ đến hạn hoặc quá hạn (Điều 9, 10), tính theo ngày làm việc.")
        @OptionGroup var common: Common

        func run() throws {
            let (service, actor, now) = try common.open()
            let items = try service.dutiesDue(by: actor, at: now)
            print(Figures.table(["Hồ sơ", "Sự kiện", "Việc", "Căn cứ", "Hiệu lực", "Hạn", "Trễ (ngày)"], items.map { item in
                [item.id.rawValue, String(item.eventSequence), PersonnelText.duty(item.duty), item.article, item.effectiveOn.personnelDisplayText,
                 item.dueOn.personnelDisplayText, item.daysLate > 0 ? String(item.daysLate) : ""]
            }, rightAligned: [1, 6]))
            print("\(items.filter(\.isOverdue).count) việc quá hạn, \(items.filter { !$0.isOverdue }.count) việc đến hạn.")
        }
    }

    struct Declarations: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Phiếu bổ sung lý lịch hằng năm (Điều 9 khoản 2 điểm b).", subcommands: [Request.self, List.self])

        struct Request: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Yêu cầu mọi người trong danh sách kê khai phiếu bổ sung lý lịch của một năm.")
            @OptionGroup var common: Common
            @Option(name: .long, help: "Năm kê khai.") var year: Int

            func run() throws {
                let (service, actor, now) = try common.open()
                let count = try service.requestDeclarations(year: year, by: actor, at: now)
                print("Đã yêu cầu \(count) người kê khai phiếu bổ sung lý lịch năm \(year).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Các phiếu đã yêu cầu, chưa kê khai trước.")
            @OptionGroup var common: Common
            @Option(name: .long, help: "Năm kê khai (mặc định: mọi năm).") var year: Int?

            func run() throws {
                let (service, actor, now) = try common.open()
                let list = try service.declarations(year: year, by: actor, at: now)
                print(Figures.table(["Năm", "Hồ sơ", "Họ và tên", "Đã kê khai"], list.map { item in
                    [String(item.year), item.id.rawValue, item.fullName, item.declaredAt.map { VietnamTime.displayText($0) } ?? "chưa"]
                }, rightAligned: []))
                print("\(list.filter(\.isOutstanding).count) phiếu chưa kê khai.")
            }
        }
    }

    struct Statistics: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thống kê số lượng cán bộ vào một ngày (Điều 5 khoản 2 điểm c); với --draft, đưa vào báo cáo nháp của chế độ thống kê cho kỳ đó.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Ngày thống kê (dd/mm/yyyy hoặc yyyy-mm-dd).") var on: String?
        @Option(name: .long, help: "Kỳ báo cáo, ví dụ 2026: lập (hoặc cập nhật) báo cáo nháp của chế độ thống kê.") var draft: Period?

        func run() throws {
            let (service, actor, now) = try common.open()
            if let draft {
                let filled = try service.draftStatisticsReport(period: draft, by: actor, at: now)
                print("Đã đưa số liệu thống kê vào báo cáo số \(filled.report.id ?? 0): \(filled.report.regimeCode) kỳ \(filled.report.period), lần \(filled.report.revision).")
                return
            }
            guard let day = try PersonnelCommand.date(on, "--on") else { throw CLIError("Hãy cho biết ngày thống kê (--on) hoặc kỳ báo cáo (--draft).") }
            let table = try service.statistics(on: day, by: actor, at: now)
            print("Thống kê \(table.regime) ngày \(table.date.personnelDisplayText) (danh mục \(table.catalogVersion)): \(table.headcount) người đang công tác.")
            print(Figures.table(["Chỉ tiêu", "Giá trị"], table.values.sorted { $0.key < $1.key }.map { [$0.key, Figures.text($0.value)] }, rightAligned: [1]))
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Quản trị cấp quyền hồ sơ cán bộ cho một tài khoản theo văn bản đồng ý (Điều 3 khoản 3): edit, read hoặc sensitive.")
        @OptionGroup var common: Common
        @Argument(help: "Tên đăng nhập.") var login: String
        @Argument(help: "Quyền: edit (cập nhật), read (khai thác), sensitive (xem thông tin nhạy cảm).") var scope: String
        @Option(name: .long, help: "Số văn bản đồng ý.") var document: String?
        @Option(name: .long, help: "Ngày văn bản (dd/mm/yyyy hoặc yyyy-mm-dd).") var documentDate: String?

        func run() throws {
            let granted = try PersonnelText.scope(scope)
            let day = try PersonnelCommand.date(documentDate, "--document-date")
            let (service, actor, now) = try common.open()
            try service.grant(login: login, scope: granted, documentNumber: document, documentDate: day, by: actor, at: now)
            print("Đã cấp quyền \"\(granted.vietnameseName)\" hồ sơ cán bộ cho \(login) theo văn bản \(document ?? "") ngày \(day?.personnelDisplayText ?? "").")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Quản trị thu hồi quyền hồ sơ cán bộ của một tài khoản.")
        @OptionGroup var common: Common
        @Argument(help: "Tên đăng nhập.") var login: String
        @Argument(help: "Quyền: edit, read hoặc sensitive.") var scope: String

        func run() throws {
            let revoked = try PersonnelText.scope(scope)
            let (service, actor, now) = try common.open()
            try service.revoke(login: login, scope: revoked, by: actor, at: now)
            print("Đã thu hồi quyền \"\(revoked.vietnameseName)\" hồ sơ cán bộ của \(login).")
        }
    }
}

/// How personnel records are printed at the terminal.
enum PersonnelText {
    static func scope(_ text: String) throws -> PersonnelScope {
        guard let scope = PersonnelScope(rawValue: text) else {
            throw CLIError("Quyền \"\(text)\" không có; hãy dùng edit, read hoặc sensitive.")
        }
        return scope
    }

    static func duty(_ duty: PersonnelDuty) -> String {
        switch duty {
        case .enterNewPerson: "lập hồ sơ người mới"
        case .recordStateChange: "cập nhật thay đổi"
        case .recordMoveWithinUnit: "điều chuyển trong đơn vị"
        case .sendTransfer: "chuyển giao hồ sơ"
        case .forwardTransfer: "chuyển tiếp hồ sơ"
        case .recordLeaving: "cập nhật nghỉ, chuyển đi"
        }
    }

    static func lines(_ lines: [PersonnelRosterLine]) -> String {
        Figures.table(["Hồ sơ", "Họ và tên", "Đơn vị", "Phòng, ban", "Loại", "Ngạch", "Tình trạng"], lines.map { line in
            [line.id.rawValue, line.fullName, line.unit.rawValue, line.section ?? "", line.kind.vietnameseName, line.rank ?? "", line.status.vietnameseName]
        }, rightAligned: [])
    }

    static func record(_ view: PersonnelRecordView) -> String {
        var text = ["Hồ sơ \(view.id) (\(view.holding == .kept ? "đơn vị quản lý" : "bản sao của \(view.holderUnit)")), ngày \(view.date.personnelDisplayText)",
                    "Họ và tên: \(view.fullName)\(view.otherNames.map { " (tên gọi khác: \($0))" } ?? "")",
                    "Ngày sinh: \(view.birthDate.personnelDisplayText), giới tính: \(view.sex.vietnameseName)"]
        if let status = view.status {
            text.append("Tình trạng: \(status.vietnameseName); đơn vị \(view.unit?.rawValue ?? "")\(view.section.map { ", \($0)" } ?? ""); \(view.kind?.vietnameseName ?? "")")
            if let rank = view.rank {
                text.append("Ngạch: \(view.rankName ?? rank), bậc \(view.step ?? 0), hệ số \(view.coefficient.map(VietnameseNumberFormat.format) ?? "")")
            }
            if !view.positions.isEmpty { text.append("Chức vụ: " + view.positions.joined(separator: "; ")) }
        } else {
            text.append("Tình trạng: chưa có hiệu lực vào ngày này (hoặc chưa được duyệt).")
        }
        let personal = view.personal
        text.append("Dân tộc: \(personal.ethnicity.text); tôn giáo: \(personal.religion.text); thành phần xuất thân: \(personal.origin.text)")
        text.append("Sức khỏe: \(personal.health.text); nhóm máu: \(personal.bloodGroup.text); hôn nhân: \(personal.maritalStatus.text)")
        switch personal.family {
        case .masked: text.append("Quan hệ gia đình: \(PersonnelShown<String>.mask)")
        case .shown(let family):
            text.append("Quan hệ gia đình: " + (family.isEmpty ? "—" : family.map { "\($0.relation) \($0.fullName)\($0.birthYear.map { " (\($0))" } ?? "")" }.joined(separator: "; ")))
        }
        text.append("Quá trình:")
        for entry in view.history {
            text.append("  \(entry.sequence). \(entry.effectiveOn.personnelDisplayText) \(entry.summary)"
                        + (entry.decision.map { " — QĐ \($0.number) ngày \($0.signedOn.personnelDisplayText) của \($0.issuer)" } ?? "")
                        + (entry.isPending ? " [CHỜ DUYỆT]" : ""))
        }
        return text.joined(separator: "\n")
    }
}
