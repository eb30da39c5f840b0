/// The sky as the Vietnamese calendar reads it: by whole days at UTC+7.
///
/// Vietnam's lunar calendar follows the same rules as China's but is computed for the
/// meridian 105° E (UTC+7), not 120° E (UTC+8). When a new moon or a solar term falls
/// between 23:00 and midnight Beijing time, the two calendars disagree by a day, and
/// sometimes by a whole month: Tết 1985 was 21 January in Vietnam and 20 February in
/// China, Tết 2007 was 17 February in Vietnam and 18 February in China. So the time zone
/// is a fixed part of this type, never a parameter someone could set to 8.
enum LocalSky {
    /// Hours east of Greenwich: Indochina Time, UTC+7.
    static let timeZone = 7.0

    /// Julian day number of new moon 0 (1900-01-01) at which `newMoonIndex` starts counting.
    private static let firstNewMoon = 2_415_021.076998695

    /// The local day (Julian day number) on which new moon number `k` falls.
    static func newMoonDay(_ k: Int) -> Int {
        Int((Astronomy.newMoon(k) + 0.5 + timeZone / 24).rounded(.down))
    }

    /// The index `k` of the new moon that falls on day `jdn`, when one does.
    static func newMoonIndex(onDay jdn: Int) -> Int {
        Int(((Double(jdn) - firstNewMoon) / Astronomy.synodicMonth + 0.5).rounded(.down))
    }

    /// The 30° sector (0 = from the March equinox, …, 9 = from the winter solstice) in
    /// which the sun stands at the start (local midnight) of day `jdn`.
    ///
    /// A change of sector during a month is a principal solar term (trung khí); the month
    /// containing sector 9's start is month 11, and a month with no change is a leap month.
    static func sunSector(atStartOfDay jdn: Int) -> Int {
        let longitude = Astronomy.sunLongitude(julianDay: Double(jdn) - 0.5 - timeZone / 24)
        return Int((longitude / Double.pi * 6).rounded(.down))
    }

    /// The first day of the lunar month that contains the winter solstice of Gregorian
    /// year `year`: lunar month 11.
    static func monthElevenStart(ofYear year: Int) -> Int {
        let lastDay = CivilDate.julianDayNumber(year: year, month: 12, day: 31)
        let k = Int((Double(lastDay - 2_415_021) / Astronomy.synodicMonth).rounded(.down))
        let newMoon = newMoonDay(k)
        // If the sun already stands past 270° when this new moon's day starts, the solstice
        // fell in the month before.
        return sunSector(atStartOfDay: newMoon) >= 9 ? newMoonDay(k - 1) : newMoon
    }
}
