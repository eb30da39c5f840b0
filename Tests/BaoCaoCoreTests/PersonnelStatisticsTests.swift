import Foundation
import Testing
@testable import BaoCaoCore

/// The headcount tables counted from the roster on 31 December, against counts made by hand.
@Suite("Personnel statistics")
struct PersonnelStatisticsTests {
    typealias F = PersonnelFixtures
    static let day = F.date("2026-12-31")

    static func person(_ kind: PersonnelKind, _ sex: PersonIdentity.Sex, born: String, _ ethnicity: String?, rank: String?,
                       _ levels: [String], status: PersonnelStatus = .working) -> PersonnelHeadcountFacts {
        PersonnelHeadcountFacts(status: status, kind: kind, sex: sex, birthDate: F.date(born), ethnicity: ethnicity,
                                rank: rank, trainingLevels: levels)
    }

    /// Eight people, two of whom have left.
    static let roster = [
        person(.civilServant, .female, born: "1996-06-01", "01", rank: "01.003", ["dai-hoc", "qlnn-cv"]),
        person(.civilServant, .male, born: "1980-01-01", "06", rank: "01.002", ["dai-hoc", "thac-si", "llct-trung-cap", "qlnn-cvc", "qlnn-cv"]),
        person(.civilServant, .male, born: "1996-12-31", "01", rank: "01.004", ["trung-cap"], status: .movedWithinUnit),
        person(.publicEmployee, .female, born: "1970-03-03", "02", rank: "V.08.01.02", ["dai-hoc", "thac-si"]),
        person(.official, .female, born: "1965-07-01", "01", rank: "01.003", ["dai-hoc", "llct-cao-cap"]),
        person(.civilServant, .female, born: "1966-01-01", "06", rank: "01.002", ["dai-hoc"], status: .retired),
        person(.civilServant, .male, born: "1985-01-01", "01", rank: "01.003", ["dai-hoc"], status: .transferred),
        person(.contractStaff, .male, born: "2000-01-01", nil, rank: nil, []),
    ]

    @Test func roster_isCountedAsByHand() throws {
        let values = try PersonnelStatistics.values(for: Self.roster, on: Self.day, catalog: F.catalog)
        #expect(values.count == F.catalog.statistics?.indicators.count)
        let expected: [String: Int] = [
            "NS.TONG": 6, "NS.NU": 3, "NS.DTTS": 2,
            "NS.CC.TONG": 3, "NS.CC.NU": 1, "NS.CC.DTTS": 1, "NS.VC.TONG": 1, "NS.VC.DTTS": 1, "NS.CB.TONG": 1, "NS.CB.NU": 1,
            "NS.HD.TONG": 1, "NS.HD.NU": 0, "NS.HD.DTTS": 0,
            "NS.CC.NGACH.CVCC": 0, "NS.CC.NGACH.CVC": 1, "NS.CC.NGACH.CV": 1, "NS.CC.NGACH.CS": 1, "NS.CC.NGACH.NV": 0,
            "NS.VC.HANG.II": 1, "NS.VC.HANG.III": 0,
            "NS.CC.CM.THS": 1, "NS.CC.CM.DH": 1, "NS.CC.CM.TC": 1, "NS.CC.CM.TS": 0, "NS.VC.CM.THS": 1, "NS.CB.CM.DH": 1,
            "NS.CC.LLCT.TC": 1, "NS.CC.LLCT.CC": 0, "NS.CB.LLCT.CC": 1,
            "NS.CC.QLNN.CVC": 1, "NS.CC.QLNN.CV": 1, "NS.CB.QLNN.CV": 0,
            // 30 on the day of the count (born 1996-12-31) is still "30 and under".
            "NS.CC.TUOI.D30": 2, "NS.CC.TUOI.31_40": 0, "NS.CC.TUOI.41_50": 1, "NS.VC.TUOI.56_60": 1, "NS.CB.TUOI.T60": 1,
        ]
        for (code, count) in expected {
            #expect(values[code] == ExactDecimal(count), "\(code): \(values[code]?.description ?? "-")")
        }
    }

    /// The same people counted a day earlier: the one whose birthday is the 31st is 29.
    @Test func age_isCountedOnTheReferenceDay() throws {
        let values = try PersonnelStatistics.values(for: Self.roster, on: F.date("2026-12-30"), catalog: F.catalog)
        #expect(values["NS.CC.TUOI.D30"] == 2)
        let later = try PersonnelStatistics.values(for: Self.roster, on: F.date("2027-06-02"), catalog: F.catalog)
        #expect(later["NS.CC.TUOI.D30"] == 1)
        #expect(later["NS.CC.TUOI.31_40"] == 1)
    }

    /// Facts made from a record: counted while working, not after retiring.
    @Test func factsFromARecord_followItsState() throws {
        let record = F.record([F.event(4, "2026-05-21", .left(Leaving(reason: .retired, form: "truoc-tuoi")))])
        let before = try #require(PersonnelHeadcountFacts(record: record, on: F.date("2025-12-31")))
        #expect(before.rank == "01.003" && before.trainingLevels == ["dai-hoc"] && before.ethnicity == "06")
        let counted = try PersonnelStatistics.values(for: [before], on: F.date("2025-12-31"), catalog: F.catalog)
        #expect(counted["NS.CC.TONG"] == 1 && counted["NS.CC.DTTS"] == 1 && counted["NS.CC.NGACH.CV"] == 1 && counted["NS.CC.CM.DH"] == 1)
        let after = try #require(PersonnelHeadcountFacts(record: record, on: Self.day))
        #expect(try PersonnelStatistics.values(for: [after], on: Self.day, catalog: F.catalog)["NS.TONG"] == 0)
        #expect(PersonnelHeadcountFacts(record: record, on: F.date("2015-02-28")) == nil)
    }

    /// The filter is data: a catalog that counts differently counts differently.
    @Test func aNewerFilter_isARelease_notACodeChange() throws {
        var catalog = F.catalog
        catalog.statistics?.indicators = [PersonnelStatisticsIndicator(code: "NS.CC.CV_TRO_LEN", filter: PersonnelHeadcountFilter(
            kinds: [.civilServant], rankGroups: ["chuyen-vien", "chuyen-vien-chinh", "chuyen-vien-cao-cap"]))]
        #expect(try PersonnelStatistics.values(for: Self.roster, on: Self.day, catalog: catalog) == ["NS.CC.CV_TRO_LEN": 2])
    }

    /// A province's 40,000 people: well under a second.
    @Test func fortyThousandPeople_inWellUnderASecond() throws {
        let people = (0..<5000).flatMap { _ in Self.roster }
        let statistics = try PersonnelStatistics(catalog: F.catalog)
        let clock = ContinuousClock()
        var values: [String: ExactDecimal] = [:]
        let elapsed = clock.measure { values = statistics.values(for: people, on: Self.day) }
        #expect(values["NS.TONG"] == 30000)
        #expect(elapsed < .seconds(1), "\(elapsed)")
    }
}
