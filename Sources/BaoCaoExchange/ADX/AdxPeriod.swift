import BaoCaoCore

/// Periods as ADX writes them: the first day of the cut-off window and an ISO 8601
/// duration, `2026-10-15/P1M`.
///
/// The first day is the window's, not the calendar's, because the figures are the
/// window's: under Nghị định 09/2019/NĐ-CP month 2026-11 covers 2026-10-15..2026-11-14.
/// Months are `P1M`, quarters `P3M`, halves `P6M`, nine months `P9M`, years `P1Y`, and ad
/// hoc periods `PnD` for their n days. (BaoCao has no weekly or daily periods; an ADX
/// `PnW` or `PnD` is read as an ad hoc period.)
public enum AdxPeriod {
    /// `2026-10-15/P1M` for 2026-11 under ``CutOffRule/decree09``.
    public static func text(for period: Period, cutOff: CutOffRule) -> String {
        let window = cutOff.window(for: period)
        return "\(window.from)/\(duration(of: period.kind) ?? "P\(window.dayCount)D")"
    }

    /// The regular durations, by kind; `nil` for ad hoc periods.
    static func duration(of kind: PeriodKind) -> String? {
        switch kind {
        case .monthly: "P1M"
        case .quarterly: "P3M"
        case .halfYear: "P6M"
        case .nineMonths: "P9M"
        case .yearly: "P1Y"
        default: nil
        }
    }

    /// Reads `start/duration` back into our period under `cutOff`.
    ///
    /// #### Errors
    /// ``ExchangeError`` `.malformedFile` when the text is not `YYYY-MM-DD/PnM` (or `PnY`,
    /// `PnW`, `PnD`), or when no period of that length starts on that day under `cutOff`
    /// (a calendar month `2026-11-01/P1M` under the decree, for example).
    public static func period(parsing text: String, cutOff: CutOffRule) throws -> Period {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = try? CivilDate(parsing: String(parts[0])), let (count, unit) = durationParts(parts[1]) else {
            throw ExchangeError(.malformedFile,
                                message: "kỳ ADX \"\(text)\" không đúng dạng: cần ngày bắt đầu và thời lượng ISO 8601, ví dụ 2026-10-15/P1M (tháng 11/2026 theo Nghị định 09), P3M, P6M, P9M, P1Y hoặc PnD",
                                log: "adx: bad period \(text)")
        }
        let kind: PeriodKind
        switch (count, unit) {
        case (1, "M"): kind = .monthly
        case (3, "M"): kind = .quarterly
        case (6, "M"): kind = .halfYear
        case (9, "M"): kind = .nineMonths
        case (1, "Y"), (12, "M"): kind = .yearly
        case (_, "D"), (_, "W"):
            let days = unit == "W" ? count * 7 : count
            guard days >= 1, let period = try? Period.adHoc(from: start, to: start.adding(days: days - 1)) else {
                throw ExchangeError(.malformedFile, message: "kỳ ADX \"\(text)\" không dùng được (số ngày hoặc năm ngoài phạm vi)",
                                    log: "adx: ad hoc period out of range \(text)")
            }
            return period
        default:
            throw ExchangeError(.malformedFile,
                                message: "kỳ ADX \"\(text)\": thời lượng \(parts[1]) không ứng với kỳ báo cáo nào (P1M tháng, P3M quý, P6M 6 tháng, P9M 9 tháng, P1Y năm, PnD đột xuất)",
                                log: "adx: unsupported duration \(text)")
        }
        let candidates = [start.year, start.year + 1].flatMap { (try? Period.periods(of: kind, in: $0)) ?? [] }
        guard let period = candidates.first(where: { cutOff.window(for: $0).from == start }) else {
            throw ExchangeError(.malformedFile,
                                message: "kỳ ADX \"\(text)\" không khớp kỳ báo cáo nào: theo quy tắc chốt số liệu \"\(cutOff)\", kỳ \(kind.displayName.lowercased()) không bắt đầu ngày \(start)",
                                log: "adx: no \(kind.rawValue) period starts on \(start) under \(cutOff)")
        }
        return period
    }

    /// `P1M` → (1, "M"); `nil` for anything but one count and one unit of Y, M, W, D.
    private static func durationParts(_ text: Substring) -> (Int, String)? {
        guard text.hasPrefix("P"), let unit = text.last, "YMWD".contains(unit) else { return nil }
        let digits = text.dropFirst().dropLast()
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCII), let count = Int(digits) else { return nil }
        return (count, String(unit))
    }
}
