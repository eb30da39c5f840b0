import BaoCaoCore

/// The synthetic monthly figures of `baocao demo --reform`'s history: for one commune and
/// one month of the socio-economic report (KTXH-THANG), plausible and always the same for
/// the same unit, month and seed (``SeededGenerator``), never anyone's real data.
///
/// Each commune has a size of its own (0.6–1.4 times of the sample commune of
/// `Config/samples/ktxh-thang-xa.csv`), each month a season, and each figure a little noise;
/// the catalog's rules hold (harvested ≤ sown, domestic revenue ≤ total, disbursed ≤ planned,
/// contract workers abroad ≤ new jobs, men + women = the total).
struct DemoFigures {
    let seed: UInt64

    /// The figures as the data-entry clerk types them (`NN01` = `1245,5`).
    func values(unit: UnitCode, period: Period) -> [(key: String, text: String)] {
        var random = SeededGenerator(seed: seed ^ Self.number(unit.rawValue) &* 1_000_003 ^ UInt64(period.firstDay.year * 100 + period.firstDay.month))
        var unitRandom = SeededGenerator(seed: seed ^ Self.number(unit.rawValue))
        // Every factor in thousandths, so the figures are exact integers of the smallest unit.
        let size = 600 + Int(unitRandom.next() % 800)
        let month = period.firstDay.month
        // Rice is sown in spring and summer, harvested in June and October.
        let sowing = [1: 300, 2: 1000, 3: 1200, 4: 600, 5: 200, 6: 900, 7: 1200, 8: 800, 9: 200, 10: 100, 11: 100, 12: 200][month] ?? 1000
        let harvest = [5: 300, 6: 1000, 9: 400, 10: 1000][month] ?? 50
        let year = 1000 + (period.firstDay.year - 2024) * 40   // a little growth each year
        func noise() -> Int { 900 + Int(random.next() % 200) }
        /// `base` (in the figure's smallest unit) for this commune, year and month.
        func scaled(_ base: Int, season: Int = 1000) -> Int {
            base * size / 1000 * year / 1000 * season / 1000 * noise() / 1000
        }
        func share(_ of: Int, _ low: Int, _ high: Int) -> Int {
            of * (low + Int(random.next() % UInt64(max(1, high - low)))) / 1000
        }

        let sown = scaled(12455, season: sowing)
        let harvested = share(sown, harvest * 800 / 1000, harvest * 950 / 1000)
        let revenue = scaled(8_540_125)
        let spending = scaled(21_300_750)
        let planned = 12_000_000 * size / 1000 * year / 1000   // the year's plan: no monthly noise
        let jobs = max(2, scaled(62))
        let men = share(jobs, 450, 650)
        let visits = scaled(98)
        var rows: [(String, String)] = [
            ("NN01", Self.text(tenths: sown)),
            ("NN02", Self.text(tenths: harvested)),
            ("NN03", Self.text(tenths: harvested * 56 / 10)),   // about 5.6 tonnes a hectare
            ("NN05", Self.text(tenths: scaled(8204))),
            ("NN07", String(scaled(7800))),
            ("NN08", String(scaled(1250))),
            ("NN09", String(scaled(2310))),
            ("NN10", String(scaled(8640))),
            ("NN11", Self.text(tenths: scaled(352))),
            ("NN12", random.next() % 12 == 0 ? "true" : "false"),
            ("CN01", Self.text(tenths: scaled(124507))),
            ("CN02", Self.text(tenths: scaled(31205))),
            ("TM01", Self.text(tenths: scaled(452301))),
            ("TM02", String(scaled(16500))),
            ("TM03", String(scaled(3200))),
            ("NS01", Self.text(thousandths: revenue)),
            ("NS02", Self.text(thousandths: share(revenue, 880, 960))),
            ("NS03", Self.text(thousandths: spending)),
            ("NS04", Self.text(thousandths: share(spending, 150, 250))),
            ("DT01", Self.text(thousandths: share(planned, month * 1000 / 12 * 700 / 1000, month * 1000 / 12 * 900 / 1000))),
            ("DT02", Self.text(thousandths: planned)),
            ("LD01[GT=nam]", String(men)),
            ("LD01[GT=nu]", String(jobs - men)),
            ("LD01", String(jobs)),
            ("LD02", String(share(jobs, 50, 200))),
            ("LD03", String(scaled(412))),
            ("LD07", Self.text(tenths: scaled(1856))),
            ("YT01", String(share(visits, 900, 1000))),
            ("YT02", String(visits)),
            ("YT04", String(Int(random.next() % 4))),
        ]
        rows += ["AN01", "AN02", "AN03", "AN04", "AN05"].map { ($0, String(Int(random.next() % 4))) }
        rows.append(("AN06", Self.text(tenths: Int(random.next() % 30))))
        return rows.map { (key: $0.0, text: $0.1) }
    }

    /// `12345` tenths as `1234,5`.
    static func text(tenths: Int) -> String { "\(tenths / 10),\(tenths % 10)" }

    /// `1234567` thousandths as `1234,567`.
    static func text(thousandths: Int) -> String {
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)," + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// A unit code as a number (FNV-1a of its characters), for the seed: the same on every machine.
    static func number(_ code: String) -> UInt64 {
        code.unicodeScalars.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1.value)) &* 1099511628211 }
    }
}
