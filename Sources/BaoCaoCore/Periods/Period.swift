/// A reporting period (kỳ báo cáo): the month, quarter, half year, nine months or year a
/// report is about, or the explicit dates of an ad hoc report.
///
/// Its identity is its id, which is also how it is written everywhere (files, URLs,
/// bundles): `2026-11`, `2026-Q4`, `2026-H1`, `2026-H2`, `2026-9M`, `2026`, and
/// `2026-03-01..2026-03-20` for ad hoc periods. Every id names exactly one period and
/// every period has exactly one id, so ids can be compared as text without surprises.
///
/// A period is only *what* is reported on. Which days the figures cover (the cut-off
/// window) is a separate question answered by a ``CutOffRule``, because a regime may
/// choose its own rule.
public struct Period: Hashable, Sendable {
    enum Storage: Hashable, Sendable {
        case month(year: Int, month: Int)
        case quarter(year: Int, quarter: Int)
        case half(year: Int, half: Int)
        case nineMonths(year: Int)
        case year(Int)
        case adHoc(from: CivilDate, to: CivilDate)
    }

    let storage: Storage

    /// For our own arithmetic on values already checked; public callers use the factories.
    init(_ storage: Storage) {
        self.storage = storage
    }

    /// The years a regular period may belong to, and the years of an ad hoc period's dates.
    ///
    /// Bounded so that every window and every "same period last year" stays within the
    /// years the calendar is checked for.
    public static let supportedYears = 1900...2199

    /// A month, `2026-11`.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriod`` when the month is outside 1–12 or the year
    /// outside ``supportedYears``.
    public static func month(_ month: Int, year: Int) throws -> Period {
        let id = "\(DigitText.padded(year, width: 4))-\(DigitText.padded(month, width: 2))"
        try checkYear(year, id: id)
        guard (1...12).contains(month) else {
            throw CoreError.invalidPeriod(id, reason: "tháng phải từ 01 đến 12", why: "month outside 1...12")
        }
        return Period(.month(year: year, month: month))
    }

    /// A quarter, `2026-Q4`.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriod`` when the quarter is outside 1–4 or the year
    /// outside ``supportedYears``.
    public static func quarter(_ quarter: Int, year: Int) throws -> Period {
        let id = "\(DigitText.padded(year, width: 4))-Q\(quarter)"
        try checkYear(year, id: id)
        guard (1...4).contains(quarter) else {
            throw CoreError.invalidPeriod(id, reason: "quý phải từ Q1 đến Q4", why: "quarter outside 1...4")
        }
        return Period(.quarter(year: year, quarter: quarter))
    }

    /// A half year: `2026-H1` (January–June) or `2026-H2` (July–December).
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriod`` when `half` is not 1 or 2 or the year is
    /// outside ``supportedYears``.
    public static func half(_ half: Int, year: Int) throws -> Period {
        let id = "\(DigitText.padded(year, width: 4))-H\(half)"
        try checkYear(year, id: id)
        guard (1...2).contains(half) else {
            throw CoreError.invalidPeriod(id, reason: "nửa năm phải là H1 hoặc H2", why: "half outside 1...2")
        }
        return Period(.half(year: year, half: half))
    }

    /// The first nine months of a year, `2026-9M`.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriod`` when the year is outside ``supportedYears``.
    public static func nineMonths(year: Int) throws -> Period {
        try checkYear(year, id: "\(DigitText.padded(year, width: 4))-9M")
        return Period(.nineMonths(year: year))
    }

    /// A whole year, `2026`.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriod`` when the year is outside ``supportedYears``.
    public static func year(_ year: Int) throws -> Period {
        try checkYear(year, id: DigitText.padded(year, width: 4))
        return Period(.year(year))
    }

    /// An ad hoc period with explicit dates, both inclusive: `2026-03-01..2026-03-20`.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriod`` when `from` is after `to` or either date's
    /// year is outside ``supportedYears``.
    public static func adHoc(from: CivilDate, to: CivilDate) throws -> Period {
        let id = "\(from)..\(to)"
        for date in [from, to] where !supportedYears.contains(date.year) {
            throw CoreError.invalidPeriod(
                id, reason: "năm phải từ \(supportedYears.lowerBound) đến \(supportedYears.upperBound)",
                why: "year \(date.year) outside \(supportedYears)")
        }
        guard from <= to else {
            throw CoreError.invalidPeriod(
                id, reason: "ngày bắt đầu \(from) sau ngày kết thúc \(to)", why: "start after end")
        }
        return Period(.adHoc(from: from, to: to))
    }

    private static func checkYear(_ year: Int, id: String) throws {
        guard supportedYears.contains(year) else {
            throw CoreError.invalidPeriod(
                id, reason: "năm phải từ \(supportedYears.lowerBound) đến \(supportedYears.upperBound)",
                why: "year outside \(supportedYears)")
        }
    }

    /// How often such a period comes back.
    public var kind: PeriodKind {
        switch storage {
        case .month: .monthly
        case .quarter: .quarterly
        case .half: .halfYear
        case .nineMonths: .nineMonths
        case .year: .yearly
        case .adHoc: .adHoc
        }
    }

    /// The year the period belongs to; for an ad hoc period, the year of its first day.
    public var year: Int {
        switch storage {
        case .month(let year, _), .quarter(let year, _), .half(let year, _), .nineMonths(let year), .year(let year):
            year
        case .adHoc(let from, _):
            from.year
        }
    }

    /// The period's id, as ``init(parsing:)`` reads it.
    public var id: String {
        let year = DigitText.padded(self.year, width: 4)
        switch storage {
        case .month(_, let month): return "\(year)-\(DigitText.padded(month, width: 2))"
        case .quarter(_, let quarter): return "\(year)-Q\(quarter)"
        case .half(_, let half): return "\(year)-H\(half)"
        case .nineMonths: return "\(year)-9M"
        case .year: return year
        case .adHoc(let from, let to): return "\(from)..\(to)"
        }
    }
}

extension Period: CustomStringConvertible {
    /// The id: `2026-Q4`.
    public var description: String { id }
}
