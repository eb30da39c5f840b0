import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

/// The receiver's side: reports that arrived, assigned, accepted or returned.
struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Báo cáo đã nhận từ đơn vị cấp dưới: liệt kê, phân công, chấp nhận, trả lại (kèm lý do); ghi nhận báo cáo nhận ngoài hệ thống khi có sự cố.",
        subcommands: [List.self, Assign.self, Accept.self, Return.self, RecordOutside.self, Outside.self]
    )

    struct Common: ParsableArguments {
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions

        func open() throws -> (InboxService, StaffMember, Date) {
            let (work, actor, now) = try acting.signedIn(config: config)
            return (InboxService(work: work), actor, now)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê báo cáo đã nhận, mới nhất trước.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Chỉ một chế độ báo cáo.") var regime: RegimeCode?
        @Option(name: .long, help: "Chỉ một kỳ.") var period: Period?
        @Option(name: .long, help: "Chỉ một trạng thái: received, accepted, returned.") var state: String?
        @Flag(name: .long, help: "In JSON.") var json = false

        func run() throws {
            let (service, actor, _) = try common.open()
            let wanted = try state.map { text -> ReportState in
                guard let state = ReportState(rawValue: text) else { throw ValidationError("Trạng thái \"\(text)\" không hợp lệ.") }
                return state
            }
            let entries = try service.list(regime: regime, period: period, state: wanted, by: actor)
            if json {
                print(JSONValue.array(entries.map { entry in
                    var summary = ReportText.summary(entry.report)
                    if case .object(var pairs) = summary {
                        pairs.append(("signer", service.signerSubject(of: entry).map(JSONValue.string) ?? .null))
                        summary = .object(pairs)
                    }
                    return summary
                }).text)
                return
            }
            if entries.isEmpty { print("Chưa nhận báo cáo nào."); return }
            for entry in entries {
                let r = entry.report
                var line = "\(r.id!)\t\(r.unitCode)\t\(r.regimeCode)\t\(r.period)\tlần \(r.revision)\t\(r.state.displayName)"
                if r.late { line += "\tĐẾN SAU KHI ĐÃ ĐÓNG TIẾP NHẬN (TRỄ HẠN)" }
                if let received = r.receivedAt { line += "\tnhận \(VietnamTime.displayText(received))" }
                if let note = TimelinessPolicy.standard.arrivalNote(signedAt: r.signedAt, receivedAt: r.receivedAt) { line += "\t\(note)" }
                if let signer = service.signerSubject(of: entry) { line += "\tký bởi \(signer)" }
                if let assigned = r.assignedTo { line += "\tgiao cho \(assigned)" }
                print(line)
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Giao cho cán bộ xử lý: một báo cáo đã nhận (số báo cáo), hoặc cả một chế độ báo cáo (--regime; các báo cáo đến sau tự được giao).")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Giao cả chế độ báo cáo này thay vì một báo cáo.") var regime: RegimeCode?
        @Argument(help: "Số báo cáo (khi không dùng --regime), rồi tên đăng nhập của cán bộ.") var arguments: [String]

        func run() throws {
            let (service, actor, now) = try common.open()
            if let regime {
                guard arguments.count == 1 else { throw ValidationError("Cần đúng một tên đăng nhập sau --regime.") }
                try service.assign(regime: regime, to: arguments[0], by: actor, at: now)
                print("Đã giao chế độ \(regime) cho \(arguments[0]); báo cáo đến sau được giao tự động.")
            } else {
                guard arguments.count == 2, let id = Int64(arguments[0]) else { throw ValidationError("Cần số báo cáo và tên đăng nhập.") }
                try service.assign(report: id, to: arguments[1], by: actor, at: now)
                print("Đã giao báo cáo số \(id) cho \(arguments[1]).")
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chấp nhận báo cáo (số báo cáo), hoặc mọi báo cáo đang chờ của một chế độ và kỳ (--regime và --period); quyết định đã ký được gửi xuống đơn vị báo cáo.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Chấp nhận mọi báo cáo đang chờ của chế độ này (cùng --period).") var regime: RegimeCode?
        @Option(name: .long, help: "Kỳ báo cáo, ví dụ 2026-11 (cùng --regime).") var period: Period?
        @Argument(help: "Số báo cáo (khi không dùng --regime).") var id: Int64?
        @OptionGroup var personal: PersonalSignatureOptions

        func validate() throws {
            switch (id, regime, period) {
            case (.some, nil, nil), (nil, .some, .some): return
            default: throw ValidationError("Cần số báo cáo, hoặc cả --regime và --period (không dùng cùng lúc).")
            }
        }

        func run() throws {
            let person = try personal.identity()
            let (service, actor, now) = try common.open()
            if let regime, let period {
                let count = try service.acceptAll(regime: regime, period: period, by: actor, personalSignature: person, at: now)
                print(count == 0 ? "Không có báo cáo nào của \(regime) kỳ \(period) đang chờ chấp nhận."
                                 : "Đã chấp nhận \(count) báo cáo của \(regime) kỳ \(period).")
            } else if let id {
                try service.accept(report: id, by: actor, personalSignature: person, at: now)
                print("Đã chấp nhận báo cáo số \(id).")
            }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trả lại báo cáo để đơn vị sửa, ghi rõ lý do; quyết định đã ký được gửi xuống.")
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Option(name: .long, help: "Lý do (bắt buộc).") var reason: String
        @OptionGroup var personal: PersonalSignatureOptions

        func run() throws {
            let person = try personal.identity()
            let (service, actor, now) = try common.open()
            try service.giveBack(report: id, reason: reason, by: actor, personalSignature: person, at: now)
            print("Đã trả lại báo cáo số \(id): \(reason)")
        }
    }
}

/// The receiving window of a regime-period and its snapshots.
struct WindowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window",
        abstract: "Mở, gia hạn, đóng tiếp nhận báo cáo của một kỳ; đóng thì chốt số liệu (số liệu chốt có đánh số).",
        subcommands: [Open.self, Extend.self, Close.self, Show.self]
    )

    struct Common: ParsableArguments {
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã chế độ báo cáo.") var regime: RegimeCode
        @Argument(help: "Kỳ báo cáo.") var period: Period

        func open() throws -> (WindowService, StaffMember, Date) {
            let (work, actor, now) = try acting.signedIn(config: config)
            return (WindowService(work: work), actor, now)
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mở tiếp nhận; thông báo được gửi xuống các đơn vị phải báo cáo.")
        @OptionGroup var common: Common

        func run() throws {
            let (service, actor, now) = try common.open()
            try service.open(regime: common.regime, period: common.period, by: actor, at: now)
            print("Đã mở tiếp nhận \(common.regime) kỳ \(common.period).")
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gia hạn tiếp nhận đến một thời điểm theo văn bản thông báo (số, ngày, lý do); báo cáo đến trước thời điểm đó được tính là đúng hạn.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Gia hạn đến (giờ Việt Nam), ví dụ 2026-06-20T17:00.") var until: String
        @Option(name: .long, help: "Số văn bản thông báo gia hạn, ví dụ 15/TB-UBND.") var number: String
        @Option(name: .long, help: "Ngày của văn bản, YYYY-MM-DD.") var date: String
        @Option(name: .long, help: "Lý do gia hạn.") var reason: String

        func run() throws {
            guard let instant = VietnamTime.instant(localText: until) else {
                throw CLIError("Thời điểm gia hạn \(until) không đúng dạng YYYY-MM-DDTHH:MM (giờ Việt Nam), ví dụ 2026-06-20T17:00.")
            }
            let documentDate = try CivilDate(parsing: date)
            let (service, actor, now) = try common.open()
            try service.extend(regime: common.regime, period: common.period, until: instant,
                               document: .init(number: number, date: documentDate, reason: reason), by: actor, at: now)
            print("Đã gia hạn tiếp nhận \(common.regime) kỳ \(common.period) đến \(VietnamTime.displayText(instant)) "
                + "(văn bản số \(number) ngày \(documentDate.vietnameseText)); thông báo được gửi xuống các đơn vị phải báo cáo.")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đóng tiếp nhận và chốt số liệu; báo cáo đến sau được ghi nhận là nộp muộn.")
        @OptionGroup var common: Common

        func run() throws {
            let (service, actor, now) = try common.open()
            let number = try service.close(regime: common.regime, period: common.period, by: actor, at: now)
            print("Đã đóng tiếp nhận \(common.regime) kỳ \(common.period); số liệu chốt số \(number).")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trạng thái tiếp nhận và các lần chốt số liệu.")
        @OptionGroup var common: Common
        @Flag(name: .long, help: "In JSON.") var json = false

        func run() throws {
            let (service, actor, _) = try common.open()
            let window = try service.window(regime: common.regime, period: common.period)
            let snapshots = try service.snapshots(regime: common.regime, period: common.period, by: actor)
            let announcements = try service.announcements(regime: common.regime, period: common.period, by: actor)
            if json {
                print(JSONValue.object([
                    ("state", window.map { .string($0.state.rawValue) } ?? .null),
                    ("announcements", .array(announcements.map(WindowAnnouncementJSON.value))),
                    ("snapshots", .array(snapshots.map { s in
                        .object([("number", .int(s.number)), ("takenAt", .string(Manifest.formatTime(s.takenAt))), ("takenBy", .string(s.takenBy)),
                                 ("cause", .string(s.cause)),
                                 ("reports", .array(s.reports.map { .object([("unit", .string($0.unit.rawValue)), ("revision", .int($0.revision))]) })),
                                 ("values", .object(s.values.sorted { $0.key < $1.key }.map { ($0.key.description, .string($0.value.description)) }))])
                    })),
                ]).text)
                return
            }
            print("Tiếp nhận \(common.regime) kỳ \(common.period): " + (window.map { $0.state == .open ? "đang mở" : "đã đóng" } ?? "chưa mở"))
            for a in announcements { print("  - \(a.vietnameseText)") }
            for s in snapshots {
                print("Số liệu chốt số \(s.number) lúc \(VietnamTime.displayText(s.takenAt)) (\(s.cause)), gồm \(s.reports.map { "\($0.unit) lần \($0.revision)" }.joined(separator: ", ")):")
                for (key, value) in s.values.sorted(by: { $0.key < $1.key }) {
                    print("  \(key.description) = \(VietnameseNumberFormat.format(value))")
                }
            }
        }
    }
}

/// Notices: reminders sent down, and what came from above.
struct NoticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices",
        abstract: "Thông báo nhận từ cấp trên (chưa đọc trước); gửi đôn đốc xuống đơn vị chậm hoặc chưa nộp.",
        subcommands: [List.self, Remind.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê thông báo đã nhận, chưa đọc trước; đánh dấu đã đọc.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Flag(name: .long, help: "In JSON.") var json = false

        func run() throws {
            let (work, actor, now) = try acting.signedIn(config: config)
            let service = NoticeService(work: work)
            let notices = try service.received(by: actor)
            if json {
                print(JSONValue.array(notices.map { n in
                    .object([("id", .int(Int(n.id ?? 0))), ("kind", .string(n.kind.rawValue)), ("sender", .string(n.sender.rawValue)),
                             ("regime", n.regimeCode.map { .string($0.rawValue) } ?? .null), ("period", n.period.map { .string($0.id) } ?? .null),
                             ("text", .string(n.text)), ("sentAt", .string(Manifest.formatTime(n.sentAt))), ("read", .bool(n.readAt != nil))])
                }).text)
            } else if notices.isEmpty {
                print("Không có thông báo nào.")
            } else {
                for n in notices {
                    print("\(n.readAt == nil ? "[MỚI] " : "")\(VietnamTime.displayText(n.sentAt)) \(n.sender) — \(n.kind.vietnameseName): \(n.text)")
                }
            }
            try service.markRead(notices.filter { $0.readAt == nil }.compactMap(\.id), by: actor, at: now)
        }
    }

    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Gửi đôn đốc (văn bản đã ký) tới các đơn vị được nêu, hoặc mọi đơn vị chưa nộp.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã chế độ báo cáo.") var regime: RegimeCode
        @Argument(help: "Kỳ báo cáo.") var period: Period
        @Option(name: .long, parsing: .upToNextOption, help: "Mã đơn vị nhận (mặc định: mọi đơn vị chưa nộp).") var unit: [UnitCode] = []
        @Option(name: .long, help: "Nội dung (mặc định: đề nghị gửi đúng hạn).") var text: String?

        func run() throws {
            let (work, actor, now) = try acting.signedIn(config: config)
            let reminded = try NoticeService(work: work).remind(regime: regime, period: period, units: unit, text: text, by: actor, at: now)
            print(reminded.isEmpty ? "Không có đơn vị nào cần đôn đốc." : "Đã gửi đôn đốc tới: \(reminded.map(\.rawValue).joined(separator: ", ")).")
        }
    }
}
