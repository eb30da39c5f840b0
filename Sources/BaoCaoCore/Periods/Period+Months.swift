// The calendar days and months a period spans, and its name for people.

extension Period {
    /// The months (1–12) of ``year`` that a regular period spans; `nil` for ad hoc periods,
    /// which may cross a year.
    var monthRange: ClosedRange<Int>? {
        switch storage {
        case .month(_, let month): month...month
        case .quarter(_, let quarter): (3 * quarter - 2)...(3 * quarter)
        case .half(_, let half): (6 * half - 5)...(6 * half)
        case .nineMonths: 1...9
        case .year: 1...12
        case .adHoc: nil
        }
    }

    /// The first calendar day of the period: the 1st of its first month, or an ad hoc
    /// period's first date. (The figures may cover other days: see ``CutOffRule``.)
    public var firstDay: CivilDate {
        switch storage {
        case .adHoc(let from, _): from
        default: CivilDate(unchecked: year, monthRange!.lowerBound, 1)
        }
    }

    /// The last calendar day of the period: the end of its last month, or an ad hoc
    /// period's last date.
    public var lastDay: CivilDate {
        switch storage {
        case .adHoc(_, let to): to
        default: CivilDate(unchecked: year, monthRange!.upperBound, 1).lastDayOfMonth
        }
    }

    /// The months the period spans, in order: `2026-Q4` gives `2026-10`, `2026-11`,
    /// `2026-12`; an ad hoc period gives every month it touches.
    ///
    /// This is what aggregation across periods needs: a quarter is made of its months.
    public var months: [Period] {
        var result: [Period] = []
        var (year, month) = (firstDay.year, firstDay.month)
        while (year, month) <= (lastDay.year, lastDay.month) {
            result.append(Period(.month(year: year, month: month)))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return result
    }

    /// The period's name for people: "Tháng 11/2026", "Quý IV/2026", "6 tháng đầu năm
    /// 2026", "6 tháng cuối năm 2026", "9 tháng năm 2026", "Năm 2026",
    /// "Từ 01/03/2026 đến 20/03/2026".
    public var title: String {
        switch storage {
        case .month(let year, let month): "Tháng \(month)/\(year)"
        case .quarter(let year, let quarter): "Quý \(["I", "II", "III", "IV"][quarter - 1])/\(year)"
        case .half(let year, 1): "6 tháng đầu năm \(year)"
        case .half(let year, _): "6 tháng cuối năm \(year)"
        case .nineMonths(let year): "9 tháng năm \(year)"
        case .year(let year): "Năm \(year)"
        case .adHoc(let from, let to): "Từ \(Self.dayText(from)) đến \(Self.dayText(to))"
        }
    }

    /// `01/03/2026`, the way Vietnamese documents write a date.
    private static func dayText(_ date: CivilDate) -> String {
        "\(DigitText.padded(date.day, width: 2))/\(DigitText.padded(date.month, width: 2))/\(date.year)"
    }
}
