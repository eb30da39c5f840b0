/// The lunar months from one month 11 to the next: the unit in which the calendar is built.
///
/// Month 11 is anchored by the winter solstice, so the run of months between two
/// consecutive months 11 is what astronomy fixes; month numbers inside it follow. The run
/// has 12 months, or 13 when a leap month is needed, and then the leap month is the first
/// month during which the sun crosses no 30° boundary (it has no principal solar term) and
/// takes the number of the month before it.
///
/// A cycle ending in Gregorian year `Y` holds months 11 and 12 of lunar year `Y - 1`
/// followed by months 1 to 10 of lunar year `Y`.
struct MonthElevenCycle {
    struct Month {
        let number: Int
        let isLeap: Bool
        /// Julian day number of the month's first day.
        let firstDay: Int
        /// The Julian day number of the next month's first day.
        let nextFirstDay: Int
        var length: Int { nextFirstDay - firstDay }
    }

    /// The Gregorian year whose December holds the month 11 that ends the cycle.
    let endYear: Int
    let months: [Month]

    /// The cycle from month 11 of `endYear - 1` up to (not including) month 11 of `endYear`.
    init(endingIn endYear: Int) {
        self.endYear = endYear
        let start = LocalSky.monthElevenStart(ofYear: endYear - 1)
        let end = LocalSky.monthElevenStart(ofYear: endYear)
        let firstIndex = LocalSky.newMoonIndex(onDay: start)
        let count = LocalSky.newMoonIndex(onDay: end) - firstIndex
        let leapOffset = count > 12 ? Self.leapMonthOffset(firstIndex: firstIndex) : nil

        var firstDays = (0..<count).map { LocalSky.newMoonDay(firstIndex + $0) }
        firstDays.append(end)
        months = (0..<count).map { offset in
            // Offset 0 is month 11; each later offset is one more, except that the months
            // from the leap month on are numbered one lower.
            let shifted = offset - ((leapOffset.map { offset >= $0 } ?? false) ? 1 : 0)
            return Month(
                number: (shifted + 10) % 12 + 1,
                isLeap: offset == leapOffset,
                firstDay: firstDays[offset],
                nextFirstDay: firstDays[offset + 1])
        }
    }

    /// The offset (1…12) from month 11 of the first month without a principal solar term,
    /// found by comparing the sun's sector at the start of consecutive months.
    private static func leapMonthOffset(firstIndex k: Int) -> Int {
        var offset = 1
        var sector = LocalSky.sunSector(atStartOfDay: LocalSky.newMoonDay(k + 1))
        while offset < 13 {
            let next = LocalSky.sunSector(atStartOfDay: LocalSky.newMoonDay(k + offset + 1))
            if next == sector { return offset }
            sector = next
            offset += 1
        }
        return offset
    }

    /// The month of this cycle that contains day `jdn`, which must lie within the cycle.
    func month(containing jdn: Int) -> Month {
        months.last { $0.firstDay <= jdn } ?? months[0]
    }

    /// The lunar year a month of this cycle belongs to.
    func lunarYear(of month: Month) -> Int {
        month.number >= 11 ? endYear - 1 : endYear
    }
}
