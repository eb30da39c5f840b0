/// The refusals of ``AcceptanceTable+Succession``: bundles from or to units the 2025
/// reform retired.
extension AcceptanceRefusal {
    /// Whether this refusal is about a unit the reform retired: it then says more than a
    /// revocation of that unit's certificate would, and is given instead.
    public var concernsRetiredUnit: Bool {
        ["formerUnitReplaced", "lateReportMisaddressed", "lateReportAfterGrace", "recipientRetired"].contains(code)
    }

    /// "04813 (Xã Yên Mông) đã nhập vào 04792 (Phường Tân Hòa) từ 01/07/2025", or the like
    /// for a divided unit and a level that ended.
    static func whatBecameOf(_ former: ReportingUnit, successor: ReportingUnit, succession: Succession) -> String {
        let rows = succession.links(from: former.code)
        let date = succession.effective.vietnameseText
        let named = { (unit: ReportingUnit) in "\(unit.code) (\(unit.name))" }
        switch rows.first?.share {
        case .part?:
            let pieces = rows.map(\.successor.rawValue).joined(separator: ", ")
            return "Đơn vị \(named(former)) đã được chia cho các đơn vị \(pieces) từ \(date), phần giữ trụ sở là \(named(successor))"
        case .archive?:
            return "Đơn vị \(named(former)) đã kết thúc hoạt động từ \(date) (sắp xếp đơn vị hành chính), nhiệm vụ và lưu trữ chuyển về \(named(successor))"
        default:
            return "Đơn vị \(named(former)) đã nhập vào \(named(successor)) từ \(date)"
        }
    }

    /// (a) A retired unit sending what only the unit that succeeds it may send now.
    static func formerUnitReplaced(_ former: ReportingUnit, by successor: ReportingUnit, succession: Succession,
                                   exchange: BundleExchange, period: Period?) -> Self {
        let what = period.map { "báo cáo kỳ \($0)" } ?? "gói tin \(exchange.kind.vietnameseName)"
        return Self("formerUnitReplaced",
                    whatBecameOf(former, successor: successor, succession: succession) + "; \(what) phải gửi dưới mã \(successor.code).",
                    log: "\(exchange.kind) from \(former.code), retired on \(succession.effective) into \(successor.code)")
    }

    /// (c) A late report of a retired unit not addressed to its successor.
    static func lateReportMisaddressed(_ former: ReportingUnit, period: Period, successor: ReportingUnit, exchange: BundleExchange) -> Self {
        Self("lateReportMisaddressed",
             "Báo cáo muộn kỳ \(period) của đơn vị cũ \(former.code) (\(former.name)) phải gửi tới đơn vị kế thừa \(successor.code) "
                 + "(\(successor.name)), không phải tới \(exchange.recipient.vietnameseText).",
             log: "late report of \(former.code) for \(period) addressed to \(exchange.recipient), not its successor \(successor.code)")
    }

    /// (c) A late report of a retired unit arriving after the grace date.
    static func lateReportAfterGrace(_ former: ReportingUnit, period: Period, arrivedOn: CivilDate?, succession: Succession) -> Self {
        let arrived = arrivedOn.map { " đến ngày \($0.vietnameseText)," } ?? ""
        return Self("lateReportAfterGrace",
                    "Báo cáo kỳ \(period) của đơn vị cũ \(former.code) (\(former.name))\(arrived) sau hạn nhận báo cáo muộn của đơn vị cũ "
                        + "(hết ngày \(succession.graceUntil.vietnameseText)); không nhận nữa.",
                    log: "late report of \(former.code) for \(period) arrived \(arrivedOn?.description ?? "undated"), grace ended \(succession.graceUntil)")
    }

    /// (b) A bundle addressed to a unit the reform retired.
    static func recipientRetired(_ former: ReportingUnit, successor: ReportingUnit, succession: Succession) -> Self {
        Self("recipientRetired",
             "Không gửi được tới đơn vị đã thôi tồn tại: " + whatBecameOf(former, successor: successor, succession: succession)
                 + "; hãy gửi tới \(successor.code) (\(successor.name)).",
             log: "recipient \(former.code) retired on \(succession.effective), successor \(successor.code)")
    }
}
