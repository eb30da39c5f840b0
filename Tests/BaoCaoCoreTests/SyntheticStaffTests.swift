import Foundation
import Testing
@testable import BaoCaoCore

/// The seeded generator of synthetic staff: valid records, the same every run.
@Suite("Synthetic staff")
struct SyntheticStaffTests {
    typealias F = PersonnelFixtures
    static let today = F.date("2026-12-06")
    static let thousand = SyntheticStaff.roster(for: "05290", count: 1000, seed: 19, catalog: F.catalog, today: today)

    @Test func aThousandRecords_allPassValidation() throws {
        for record in Self.thousand {
            try F.catalog.validate(record)
        }
        #expect(Set(Self.thousand.map(\.id)).count == 1000)
        #expect(Set(Self.thousand.compactMap(\.identity.nationalIDNumber)).count == 1000)
    }

    @Test func theSameSeed_makesTheSamePeople_anotherSeedOthers() {
        let again = SyntheticStaff.roster(for: "05290", count: 1000, seed: 19, catalog: F.catalog, today: Self.today)
        #expect(again == Self.thousand)
        let other = SyntheticStaff.roster(for: "05290", count: 50, seed: 20, catalog: F.catalog, today: Self.today)
        #expect(other.map(\.identity.fullName) != Self.thousand.prefix(50).map(\.identity.fullName))
        let otherUnit = SyntheticStaff.roster(for: "05293", count: 50, seed: 19, catalog: F.catalog, today: Self.today)
        #expect(otherUnit.map(\.id) != Self.thousand.prefix(50).map(\.id))
    }

    @Test func peopleLookRealistic_forHoaBinh() throws {
        let people = Self.thousand
        let nguyen = people.filter { $0.identity.fullName.hasPrefix("Nguyễn ") }.count
        #expect((180...420).contains(nguyen), "\(nguyen)")
        let muong = people.filter { $0.personal.ethnicity == "06" }.count
        #expect((230...430).contains(muong), "\(muong)")
        #expect(people.filter { $0.personal.ethnicity == "01" }.count > 500)
        for person in people {
            let words = person.identity.fullName.split(separator: " ")
            #expect(words.count == 3 && person.identity.fullName.isNFC)
            #expect((1965...2002).contains(person.identity.birthDate.year))
            let number = try #require(person.identity.nationalIDNumber)
            #expect(number.hasPrefix("017") && number.count == 12)
            #expect(Array(number)[6...7] == ["9", "9"])
            if person.identity.sex == .female { #expect(words[1] != "Văn") } else { #expect(words[1] != "Thị") }
        }
        let retired = people.filter { $0.state(on: Self.today)?.status == .retired }.count
        #expect((5...150).contains(retired), "\(retired)")
        // Steps rise with the catalog's coefficients; some were promoted, some appointed.
        let states = people.compactMap { $0.state(on: Self.today) }
        #expect(states.contains { $0.pay?.rank == "01.002" })
        #expect(states.contains { !$0.positions.isEmpty })
        #expect(states.contains { $0.evaluations.count >= 10 })
        #expect(states.contains { ($0.seniorityBeyondFramePercent ?? 0) >= 5 })
    }

    /// The roster counts into the statistics: everyone on it is in the total.
    @Test func roster_countsIntoTheStatistics() throws {
        let facts = Self.thousand.compactMap { PersonnelHeadcountFacts(record: $0, on: F.date("2025-12-31")) }
        let onRoster = facts.filter(\.status.isOnRoster).count
        let values = try PersonnelStatistics.values(for: facts, on: F.date("2025-12-31"), catalog: F.catalog)
        #expect(values["NS.TONG"] == ExactDecimal(onRoster))
        #expect(onRoster > 700)
        let byKind = ["NS.CB.TONG", "NS.CC.TONG", "NS.VC.TONG", "NS.HD.TONG"].compactMap { values[$0] }
        #expect(try ExactDecimal.sum(byKind) == ExactDecimal(onRoster))
    }
}
