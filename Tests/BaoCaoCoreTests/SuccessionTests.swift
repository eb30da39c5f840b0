import Foundation
import Testing
@testable import BaoCaoCore

/// The sample succession (Hoà Bình, Phú Thọ and Vĩnh Phúc into Phú Thọ, 1 July 2025) and
/// what the plan makes of the demo's nodes.
@Suite("Succession")
struct SuccessionTests {
    typealias F = PersonnelFixtures

    static func sample() throws -> (Succession, Topology) {
        let path = "Topology/phu-tho-2025-07-ke-thua.csv"
        let succession = try Succession(csv: F.text(path), fileName: path, effective: CivilDate(year: 2025, month: 7, day: 1),
                                        graceUntil: CivilDate(year: 2025, month: 9, day: 30), basis: "Nghị quyết 202/2025/QH15")
        let topology = try Topology(csv: F.text("Topology/phu-tho-2025-07-2-cap.csv"), fileName: "phu-tho")
        return (succession, topology)
    }

    @Test func sampleSuccession_isValid_andReachesEveryCommuneOfTheNewProvince() throws {
        let (succession, topology) = try Self.sample()
        #expect(succession.problems(against: topology).isEmpty)
        let reached = Set(succession.links.map(\.successor))
        for commune in topology.children(of: "25") where commune.kind == .commune {
            #expect(reached.contains(commune.code), "\(commune.code) has no predecessor")
        }
        #expect(succession.predecessors(of: "25").map(\.former) == ["17", "25", "26"])
        #expect(Set(succession.predecessors(of: "04792").map(\.former)) == ["04792", "04813", "04825"])
    }

    @Test func plan_forTheDemoNodes_continuesMergesAndRetires() throws {
        let (succession, topology) = try Self.sample()
        let plan = try ReformPlan(succession: succession, newTopology: topology,
                                  nodes: ["17", "17-SNV", "148", "04792", "04813", "04825", "150", "04888", "04891"])
        #expect(plan.step(of: "04792")?.action == .continueAs(try #require(topology.unit(code: "04792"))))
        #expect(plan.step(of: "04792")?.receivesHistoryOf == ["04813", "04825"])
        #expect(plan.step(of: "04813")?.action.successor.code == "04792")
        #expect(plan.step(of: "17-SNV")?.action == .continueAs(try #require(topology.unit(code: "25-SNV"))))
        #expect(plan.step(of: "148")?.action == .retire(handsArchiveTo: try #require(topology.unit(code: "25"))))
        #expect(plan.step(of: "04891")?.notComparable == ["04891"])
        #expect(plan.enrol.map(\.code) == ["25"])
        #expect(Set(plan.revoke) == ["17", "17-SNV", "148", "04813", "04825", "150", "04888"])
    }
}
