import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

/// The node, the calendar and the instant the reading commands share.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "Tệp cấu hình của nút (YAML).")
    var config: String = "baocao.yaml"

    @Flag(name: .long, help: "In kết quả dạng JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Xét tại thời điểm này (ISO 8601) thay vì bây giờ.", visibility: .hidden))
    var at: String?

    @OptionGroup var person: ActorOptions

    /// Opens the node and signs the reader in: figures are shown to staff only.
    func signedIn() throws -> (node: NodeContext, actor: StaffMember) {
        let node = try NodeContext(configFile: config)
        return (node, try person.actor(store: node.store, configuration: node.configuration, now: Date()))
    }

    func now() throws -> Date {
        guard let at else { return Date() }
        guard let date = try? Date(at, strategy: .iso8601) else { throw CLIError("Thời điểm \(at) không đúng dạng ISO 8601 (ví dụ 2026-11-20T10:00:00Z).") }
        return date
    }

    func calendar(_ node: NodeContext) throws -> WorkingCalendar {
        WorkingCalendar(overrides: try CalendarOverridesFile.load(node.loaded.calendarOverridesPath))
    }
}

/// Texts shared by the tables.
enum Figures {
    static func text(_ value: ExactDecimal?) -> String { value.map(VietnameseNumberFormat.format) ?? "" }
    static func json(_ value: ExactDecimal?) -> JSONValue { value.map { .string($0.description) } ?? .null }
    static func date(_ date: Date?) -> JSONValue { date.map { .string($0.formatted(.iso8601)) } ?? .null }

    /// Columns padded to their widest cell; numbers right-aligned.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)).joined(separator: "\n")
    }
}

struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Số liệu tổng hợp của một chế độ báo cáo trong một kỳ, với lũy kế, so với cùng kỳ và so với kế hoạch.",
        discussion: "Tổng hợp từ bản sửa đổi mới nhất đã được tiếp nhận của mỗi đơn vị cấp dưới. --provisional tính cả báo cáo đã nhận nhưng chưa xem xét; --unit xem số liệu của một đơn vị cấp dưới, kèm gói tin đã ký."
    )

    @Argument(help: "Mã chế độ báo cáo.")
    var regime: RegimeCode

    @Argument(help: "Kỳ báo cáo, ví dụ 2026-11, 2026-Q4.")
    var period: Period

    @Flag(name: .long, help: "Số liệu tạm tính: tính cả báo cáo đã nhận, chưa tiếp nhận.")
    var provisional = false

    @Option(name: .long, help: "Xem số liệu của một đơn vị cấp dưới (mã đơn vị).")
    var unit: UnitCode?

    @Flag(name: .long, help: "Với --unit, kỳ trước sắp xếp 2025: báo cáo gốc đã ký của đơn vị mang mã đó, không phải số liệu kế thừa.")
    var original = false

    @OptionGroup var options: ReadingOptions

    func run() throws {
        let (node, actor) = try options.signedIn()
        let service = ConsolidationService(store: node.store, home: node.homeUnit)
        let catalog = try node.store.catalog()
        if let unit {
            let drill = try service.drillDown(regime: regime, period: period, unit: unit, provisional: provisional, original: original, by: actor)
            printDrillDown(drill, catalog: catalog)
            return
        }
        let view = try service.view(regime: regime, period: period, provisional: provisional, by: actor)
        if options.json {
            print(JSONValue.object([
                ("unit", .string(view.unit.code.rawValue)),
                ("regime", .string(view.regime.code.rawValue)),
                ("period", .string(view.period.id)),
                ("provisional", .bool(view.provisional)),
                ("rows", .array(view.rows.map { row in
                    .object([
                        ("key", .string(row.key.description)),
                        ("value", Figures.json(row.value)),
                        ("yearToDate", Figures.json(row.yearToDate)),
                        ("samePeriodLastYear", Figures.json(row.samePeriodLastYear)),
                        ("versusLastYearPercent", Figures.json(row.versusLastYear)),
                        ("plan", Figures.json(row.plan)),
                        ("versusPlanPercent", Figures.json(row.versusPlan)),
                        ("comparisonNotes", .object(row.comparisons.sorted { $0.key < $1.key }.compactMap { column, comparison in
                            comparison.vietnameseText(formerName: view.formerLabel).map { (column.rawValue, JSONValue.string($0)) }
                        })),
                    ])
                })),
                ("inexactColumns", .array(view.inexactColumns.sorted().map { .string($0.rawValue) })),
                ("carriedFrom", .array((view.history?.figures.counted ?? []).map { .string($0.rawValue) })),
                ("carriedMissing", .array((view.history?.figures.missing ?? []).map { .string($0.rawValue) })),
                ("contributors", .array(view.contributors.map { h in
                    // A report received outside the system says so; a signed one is as it always was.
                    .object([("unit", .string(h.unitCode.rawValue)), ("revision", .int(h.revision)), ("state", .string(h.state.rawValue)),
                             ("bundleId", h.bundleId.map(JSONValue.string) ?? .null)] + (h.isOutsideStandIn ? [("receivedOutside", .bool(true))] : []))
                })),
                ("notCounted", .array(view.notCounted.map { .string($0.code.rawValue) })),
            ]).text)
            return
        }
        print("\(view.regime.name) — kỳ \(view.period.id) — \(view.unit.name) (\(view.unit.code))\(view.provisional ? " — SỐ LIỆU TẠM TÍNH" : "")")
        let rows = view.rows.map { row -> [String] in
            let indicator = catalog.indicator(code: row.key.indicator)
            return [row.key.description, indicator?.name ?? "", indicator?.unitOfMeasure ?? "",
                    Figures.text(row.value), Figures.text(row.yearToDate), Figures.text(row.samePeriodLastYear),
                    Figures.text(row.versusLastYear), Figures.text(row.plan), Figures.text(row.versusPlan)]
        }
        print(Figures.table(["Mã", "Chỉ tiêu", "ĐVT", "Kỳ này", "Lũy kế", "Cùng kỳ", "So cùng kỳ (%)", "Kế hoạch", "So kế hoạch (%)"],
                            rows, rightAligned: [3, 4, 5, 6, 7, 8]))
        let n = { (count: Int) in VietnameseNumberFormat.format(ExactDecimal(count)) }
        print("Tổng hợp từ \(n(view.contributors.count)) đơn vị; chưa có số liệu: \(n(view.notCounted.count)) đơn vị"
            + (view.notCounted.isEmpty ? "." : " (\(view.notCounted.prefix(10).map(\.code.rawValue).joined(separator: ", "))\(view.notCounted.count > 10 ? ", …" : "")).")
            + (view.includesOwnValues ? " Có số liệu do đơn vị tự báo cáo." : ""))
        let outside = view.contributors.filter(\.isOutsideStandIn).map(\.unitCode.rawValue)
        if !outside.isEmpty {
            print("Trong đó nhập thay từ văn bản nhận ngoài hệ thống, không phải bản gốc ký số (* NGOÀI HỆ THỐNG): \(outside.joined(separator: ", ")).")
        }
        printCarried(view)
    }

    /// Where the figures before the reform come from, and every figure that does not
    /// compare exactly, with the reason.
    private func printCarried(_ view: ConsolidatedView) {
        guard let history = view.history, let succession = view.succession else { return }
        print("Số liệu trước ngày \(String(format: "%02d/%02d/%04d", succession.effective.day, succession.effective.month, succession.effective.year)) lấy từ báo cáo gốc đã ký của các đơn vị trước sắp xếp (kỳ \(history.figures.period.id)): "
            + (history.figures.counted.isEmpty ? "chưa có báo cáo nào của các đơn vị đó" : history.figures.counted.map(view.formerLabel).joined(separator: ", ")) + "."
            + (history.figures.missing.isEmpty ? "" : " Chưa có số liệu của: \(history.figures.missing.map(view.formerLabel).joined(separator: ", "))."))
        let notes = view.rows.flatMap { row in
            row.comparisons.sorted { $0.key < $1.key }.compactMap { column, comparison in
                comparison.vietnameseText(formerName: view.formerLabel).map { "  \(row.key) (\(column.vietnameseName)): \($0)" }
            }
        }
        guard !notes.isEmpty else { return }
        print("Ghi chú so sánh:")
        notes.forEach { print($0) }
    }

    private func printDrillDown(_ drill: DrillDown, catalog: Catalog) {
        if options.json {
            print(JSONValue.object([
                ("unit", .string(drill.unit.code.rawValue)),
                ("regime", .string(regime.rawValue)),
                ("period", .string(period.id)),
                ("revision", drill.report.map { .int($0.revision) } ?? .null),
                ("state", drill.report.map { .string($0.state.rawValue) } ?? .null),
                ("bundleId", drill.report?.bundleId.map(JSONValue.string) ?? .null),
                ("signedAt", Figures.date(drill.report?.signedAt)),
                ("relayedFor", drill.report?.relayedFor.map { .string($0.rawValue) } ?? .null),
                ("values", .object(drill.values.sorted { $0.key < $1.key }.map { ($0.key.description, .string($0.value.description)) })),
                ("carriedFrom", .array((drill.carried?.figures.counted ?? []).map { .string($0.rawValue) })),
                ("carriedMissing", .array((drill.carried?.figures.missing ?? []).map { .string($0.rawValue) })),
                ("comparisonNotes", .object(Set(drill.values.keys.map(\.indicator)).sorted().compactMap { code in
                    drill.note(for: code).map { (code, JSONValue.string($0)) }
                })),
            ]).text)
            return
        }
        if let carried = drill.carried, let succession = drill.succession {
            print("\(drill.unit.name) (\(drill.unit.code)) — kỳ \(period) — số liệu kế thừa từ các đơn vị trước sắp xếp: "
                + carried.figures.counted.map(succession.formerLabel).joined(separator: ", ")
                + (carried.figures.missing.isEmpty ? "" : "; chưa có số liệu của: \(carried.figures.missing.map(succession.formerLabel).joined(separator: ", "))"))
            let rows = drill.values.sorted { $0.key < $1.key }.map { key, value in
                let indicator = catalog.indicator(code: key.indicator)
                return [key.description, indicator?.name ?? "", indicator?.unitOfMeasure ?? "", Figures.text(value), drill.note(for: key.indicator) ?? ""]
            }
            print(Figures.table(["Mã", "Chỉ tiêu", "ĐVT", "Giá trị", "Ghi chú so sánh"], rows, rightAligned: [3]))
            return
        }
        guard let report = drill.report else {
            print("\(drill.unit.name) (\(drill.unit.code)): chưa có báo cáo \(provisional ? "đã nhận" : "đã tiếp nhận") cho kỳ \(period).")
            return
        }
        print("\(drill.unit.name) (\(drill.unit.code)) — kỳ \(period) — lần \(report.revision), \(report.state.displayName)")
        print("Gói tin: \(report.bundleId ?? "(không có)")" + (report.signedAt.map { ", ký lúc \(VietnamTime.displayText($0))" } ?? ""))
        if let receiver = report.relayedFor {
            print("Bản lưu của báo cáo gửi \(receiver), do \(receiver) chuyển lên nguyên vẹn, mang chữ ký số của chính \(drill.unit.code).")
        }
        let rows = drill.values.sorted { $0.key < $1.key }.map { key, value in
            let indicator = catalog.indicator(code: key.indicator)
            return [key.description, indicator?.name ?? "", indicator?.unitOfMeasure ?? "", Figures.text(value)]
        }
        print(Figures.table(["Mã", "Chỉ tiêu", "ĐVT", "Giá trị"], rows, rightAligned: [3]))
    }
}

struct CompletenessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completeness",
        abstract: "Tình hình gửi báo cáo của các đơn vị cấp dưới: đã gửi, đã tiếp nhận, đúng hạn, trễ hạn, chưa gửi."
    )

    @Argument(help: "Mã chế độ báo cáo.")
    var regime: RegimeCode

    @Argument(help: "Kỳ báo cáo.")
    var period: Period

    @OptionGroup var options: ReadingOptions

    @Option(name: .customLong("rule"), help: "Xem xét thời hạn của báo cáo đơn vị này (đang được đánh dấu cần xem xét), cùng --time và --reason.")
    var ruleUnit: UnitCode?

    @Option(name: .customLong("time"), help: "Thời điểm được tính: signing (thời điểm ký), arrival (thời điểm nhận) hoặc first (lần gửi đầu bị trả lại).")
    var ruleTime: String?

    @Option(name: .long, help: "Lý do xem xét (bắt buộc khi xem xét).")
    var reason: String?

    func validate() throws {
        if ruleUnit == nil, ruleTime != nil || reason != nil { throw ValidationError("--time và --reason chỉ dùng cùng --rule.") }
    }

    func run() throws {
        let (node, actor) = try options.signedIn()
        let service = CompletenessService(store: node.store, home: node.homeUnit, calendar: try options.calendar(node))
        if let ruleUnit {
            let ruling: TimelinessRuling
            switch ruleTime {
            case "signing": ruling = .signingTime
            case "arrival": ruling = .arrivalTime
            case "first": ruling = .firstRevision
            default: throw ValidationError("--time phải là signing (thời điểm ký), arrival (thời điểm nhận) hoặc first (lần gửi đầu bị trả lại).")
            }
            try service.rule(regime: regime, period: period, unit: ruleUnit, ruling, reason: reason ?? "", by: actor, at: try options.now())
            print("Đã ghi kết quả xem xét thời hạn của \(ruleUnit): \(ruling.vietnameseName).")
        }
        let report = try service.completeness(regime: regime, period: period, by: actor, now: try options.now())
        let s = report.summary
        if options.json {
            print(JSONValue.object([
                ("regime", .string(report.regime.code.rawValue)),
                ("period", .string(report.period.id)),
                ("summary", .object([("expected", .int(s.expected)), ("received", .int(s.received)), ("accepted", .int(s.accepted)),
                                     ("onTime", .int(s.onTime)), ("late", .int(s.late)), ("missing", .int(s.missing)),
                                     ("notYetDue", .int(s.notYetDue)), ("flagged", .int(s.flagged))])),
                ("announcements", .array(report.announcements.map(WindowAnnouncementJSON.value))),
                ("units", .array(report.units.map { u in
                    .object([
                        ("unit", .string(u.unit.code.rawValue)),
                        ("dueDate", u.deadline.map { .string($0.dueDate.description) } ?? .null),
                        ("received", .bool(u.received)),
                        ("accepted", .bool(u.accepted)),
                        ("state", u.latestState.map { .string($0.rawValue) } ?? .null),
                        ("revisions", .int(u.revisions)),
                        ("timeliness", .string(u.timeliness.rawValue)),
                        ("judgedAt", Figures.date(u.judgedAt)),
                        ("bySigningTime", .bool(u.bySigningTime)),
                        ("review", u.review.map { .string($0.rawValue) } ?? .null),
                        ("bundleId", u.bundleId.map(JSONValue.string) ?? .null),
                        ("clockSkewSeconds", u.clockSkew.map { .int($0) } ?? .null),
                        ("ruling", u.ruling.map { .string($0.rawValue) } ?? .null),
                        ("receivedOutside", .bool(u.receivedOutside)),
                        ("arrivedAfterClosure", .bool(u.arrivedAfterClosure)),
                        ("judgedRevision", u.judgedRevision.map { .int($0) } ?? .null),
                        ("onTimeBefore", Figures.date(u.onTimeBefore)),
                    ])
                })),
            ]).text)
            return
        }
        print("\(report.regime.name) — kỳ \(report.period.id)")
        let rows = report.units.map { u -> [String] in
            [u.unit.code.rawValue, u.unit.name, u.deadline.map { $0.dueDate.vietnameseText } ?? "",
             u.latestState?.displayName ?? "", u.judgedAt.map(VietnamTime.displayText) ?? "",
             u.timeliness.vietnameseName, u.notes]
        }
        print(Figures.table(["Mã", "Đơn vị", "Hạn gửi", "Trạng thái", "Thời điểm xét", "Thời hạn", "Ghi chú"], rows, rightAligned: []))
        let n = { (count: Int) in VietnameseNumberFormat.format(ExactDecimal(count)) }
        print("Phải gửi: \(n(s.expected)); đã nhận: \(n(s.received)); đã tiếp nhận: \(n(s.accepted)); đúng hạn: \(n(s.onTime)); "
            + "trễ hạn: \(n(s.late)); chưa gửi (quá hạn): \(n(s.missing)); chưa đến hạn: \(n(s.notYetDue)); cần xem xét: \(n(s.flagged)).")
        print("Đúng hạn hay trễ hạn tính theo thời điểm hệ thống nhận báo cáo.")
        if report.announcements.isEmpty {
            print("Chưa có thông báo mở, gia hạn hay đóng tiếp nhận của kỳ này.")
        } else {
            print("Căn cứ các thông báo tiếp nhận:")
            for a in report.announcements { print("  - \(a.vietnameseText)") }
        }
    }
}

struct RankingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ranking",
        abstract: "Xếp hạng các đơn vị cấp dưới theo việc thực hiện chế độ báo cáo định kỳ trong năm."
    )

    @Argument(help: "Năm, ví dụ 2026.")
    var year: Int

    @OptionGroup var options: ReadingOptions

    func run() throws {
        let (node, actor) = try options.signedIn()
        let service = CompletenessService(store: node.store, home: node.homeUnit, calendar: try options.calendar(node))
        let ranking = try service.rankingWithAnnouncements(year: year, by: actor, now: try options.now())
        let scores = ranking.scores
        if options.json {
            // The array stays as scripts read it; the announcements are in `completeness --json` per period.
            print(JSONValue.array(scores.map { s in
                .object([("rank", .int(s.rank)), ("unit", .string(s.unit.code.rawValue)), ("due", .int(s.due)), ("onTime", .int(s.onTime)),
                         ("late", .int(s.late)), ("missing", .int(s.missing)), ("onTimePercent", Figures.json(s.onTimePercent))])
            }).text)
            return
        }
        print("Xếp hạng thực hiện chế độ báo cáo định kỳ năm \(year)")
        let n = { (count: Int) in VietnameseNumberFormat.format(ExactDecimal(count)) }
        let rows = scores.map { s in
            [n(s.rank), s.unit.code.rawValue, s.unit.name, n(s.due), n(s.onTime), n(s.late), n(s.missing), Figures.text(s.onTimePercent)]
        }
        print(Figures.table(["Hạng", "Mã", "Đơn vị", "Phải gửi", "Đúng hạn", "Trễ hạn", "Chưa gửi", "Đúng hạn (%)"], rows, rightAligned: [0, 3, 4, 5, 6, 7]))
        if !ranking.announcements.isEmpty {
            print("Căn cứ các thông báo tiếp nhận:")
            for basis in ranking.announcements {
                print("  \(basis.regime) kỳ \(basis.period.id): " + basis.announcements.map(\.vietnameseText).joined(separator: "; "))
            }
        }
    }
}

struct OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "Các báo cáo đã quá hạn mà đơn vị cấp dưới chưa gửi."
    )

    @OptionGroup var options: ReadingOptions

    func run() throws {
        let (node, actor) = try options.signedIn()
        let service = CompletenessService(store: node.store, home: node.homeUnit, calendar: try options.calendar(node))
        let list = try service.overdue(by: actor, now: try options.now())
        if options.json {
            print(JSONValue.array(list.map { o in
                .object([("regime", .string(o.regime.code.rawValue)), ("period", .string(o.period.id)), ("unit", .string(o.unit.code.rawValue)),
                         ("dueDate", .string(o.deadline.dueDate.description)), ("daysOverdue", .int(o.daysOverdue))])
            }).text)
            return
        }
        guard !list.isEmpty else {
            print("Không có báo cáo nào quá hạn.")
            return
        }
        let n = { (count: Int) in VietnameseNumberFormat.format(ExactDecimal(count)) }
        let rows = list.map { o in
            [o.regime.code.rawValue, o.period.id, o.unit.code.rawValue, o.unit.name, o.deadline.dueDate.vietnameseText, n(o.daysOverdue)]
        }
        print(Figures.table(["Chế độ", "Kỳ", "Mã", "Đơn vị", "Hạn gửi", "Số ngày quá hạn"], rows, rightAligned: [5]))
        print("Tổng cộng: \(n(list.count)) báo cáo quá hạn.")
    }
}
