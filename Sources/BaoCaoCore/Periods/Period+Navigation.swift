// Moving between periods: the one before, the one after, the same one last year, and all
// the periods of a kind in a year. Comparisons in reports ("so với kỳ trước", "so với
// cùng kỳ năm trước") are built on these.

extension Period {
    /// The periods of one kind in a year, in order: 12 months, 4 quarters, 2 halves, one
    /// nine-month period or one year; none for ad hoc periods, which have no schedule.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriod`` when the year is outside ``supportedYears``.
    public static func periods(of kind: PeriodKind, in year: Int) throws -> [Period] {
        _ = try Period.year(year)  // checks the year
        return switch kind {
        case .monthly: (1...12).map { Period(.month(year: year, month: $0)) }
        case .quarterly: (1...4).map { Period(.quarter(year: year, quarter: $0)) }
        case .halfYear: (1...2).map { Period(.half(year: year, half: $0)) }
        case .nineMonths: [Period(.nineMonths(year: year))]
        case .yearly: [Period(.year(year))]
        default: []
        }
    }

    /// The period of the same kind just before this one: `2026-01` gives `2025-12`,
    /// `2026-H1` gives `2025-H2`, `2026-9M` gives `2025-9M`.
    ///
    /// `nil` for an ad hoc period, which has no sequence, and at the edge of
    /// ``supportedYears``.
    public var previous: Period? { stepped(by: -1) }

    /// The period of the same kind just after this one; `nil` as for ``previous``.
    public var next: Period? { stepped(by: 1) }

    /// The same period one year earlier: `2026-Q4` gives `2025-Q4`. An ad hoc period's
    /// dates move back a year, with 29 February becoming 28 February.
    ///
    /// `nil` only at the edge of ``supportedYears``.
    public var samePeriodLastYear: Period? {
        switch storage {
        case .month(let year, let month): try? .month(month, year: year - 1)
        case .quarter(let year, let quarter): try? .quarter(quarter, year: year - 1)
        case .half(let year, let half): try? .half(half, year: year - 1)
        case .nineMonths(let year): try? .nineMonths(year: year - 1)
        case .year(let year): try? .year(year - 1)
        case .adHoc(let from, let to): try? .adHoc(from: Self.oneYearEarlier(from), to: Self.oneYearEarlier(to))
        }
    }

    private func stepped(by step: Int) -> Period? {
        switch storage {
        case .month(let year, let month):
            let index = year * 12 + (month - 1) + step
            return try? .month(index % 12 + 1, year: index / 12)
        case .quarter(let year, let quarter):
            let index = year * 4 + (quarter - 1) + step
            return try? .quarter(index % 4 + 1, year: index / 4)
        case .half(let year, let half):
            let index = year * 2 + (half - 1) + step
            return try? .half(index % 2 + 1, year: index / 2)
        case .nineMonths(let year):
            return try? .nineMonths(year: year + step)
        case .year(let year):
            return try? .year(year + step)
        case .adHoc:
            return nil
        }
    }

    private static func oneYearEarlier(_ date: CivilDate) -> CivilDate {
        let year = date.year - 1
        return CivilDate(unchecked: year, date.month, min(date.day, CivilDate.daysInMonth(year: year, month: date.month)))
    }
}

extension Period: Comparable {
    /// Periods sort by their first day, then by their last day (so `2026-01` comes before
    /// `2026-Q1`, which comes before `2026-H1` and `2026`), then by kind, which makes the
    /// order total: no two different periods compare as equal.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.firstDay, lhs.lastDay, lhs.kind.rank) < (rhs.firstDay, rhs.lastDay, rhs.kind.rank)
    }
}
