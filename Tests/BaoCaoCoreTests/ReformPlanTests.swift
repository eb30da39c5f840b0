import Testing
@testable import BaoCaoCore

/// The plan for every node of Hà Nội (01), the largest city: its 30 district nodes and 526
/// commune nodes cross to the 126 communes of the 2-level map. The expected plan is worked
/// out here from the table file's lines directly.
@Suite("Reform plan")
struct ReformPlanTests {
    typealias F = PersonnelFixtures

    struct Row {
        let old: UnitCode, kind: String, new: UnitCode, share: String, isDefault: Bool
    }

    static func dataLines(_ path: String) throws -> [[String]] {
        try F.text(path).split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func haNoi() throws -> (Succession, Topology, [Row], Set<UnitCode>) {
        let table = "Topology/ha-noi-2025-07-ke-thua.csv", map = "Topology/ha-noi-2025-07-2-cap.csv"
        let succession = try Succession(csv: F.text(table), fileName: table, effective: CivilDate(stringLiteral: "2025-07-01"),
                                        graceUntil: CivilDate(stringLiteral: "2025-09-30"), basis: "Nghị quyết của Ủy ban Thường vụ Quốc hội năm 2025")
        let topology = try Topology(csv: F.text(map), fileName: map)
        let rows = try dataLines(table).map {
            Row(old: try UnitCode(parsing: $0[0]), kind: $0[2], new: try UnitCode(parsing: $0[4]), share: $0[5], isDefault: $0[6] == "default")
        }
        let newCodes = Set(try dataLines(map).map { try UnitCode(parsing: $0[0]) })
        return (succession, topology, rows, newCodes)
    }

    /// The official table as it is: divided communes whose pieces go to units whose codes
    /// other old communes had (Phú Thượng 00091, Xuân La 00103 …) are no cycle.
    @Test func haNoi_successionIsValid() throws {
        let (succession, topology, rows, _) = try Self.haNoi()
        #expect(succession.problems(against: topology).map(\.message) == [])
        #expect(succession.formerUnits.count == Set(rows.map(\.old)).count)
        #expect(succession.formerUnits.filter { $0.kind == .district }.count == 30)
        #expect(succession.formerUnits.filter { $0.kind == .commune }.count == 526)
    }

    @Test func haNoi_planForEveryNode() throws {
        let (succession, topology, rows, newCodes) = try Self.haNoi()
        let nodes = succession.formerUnits.map(\.code)
        let plan = try ReformPlan(succession: succession, newTopology: topology, nodes: nodes)

        // Worked out from the lines: a node continues if the new map has its code and one of
        // its rows goes there; a district hands its archive to the city; any other node goes
        // to its whole successor or its seat's piece.
        var expected: [UnitCode: (kind: String, to: UnitCode)] = [:]
        for code in nodes {
            let mine = rows.filter { $0.old == code }
            if newCodes.contains(code), mine.contains(where: { $0.new == code }) {
                expected[code] = ("continue", code)
            } else if mine[0].share == "archive" {
                expected[code] = ("retire", mine[0].new)
            } else {
                expected[code] = ("merge", (mine.first { $0.share == "whole" } ?? mine.first { $0.isDefault }!).new)
            }
        }
        #expect(plan.steps.count == nodes.count)
        for step in plan.steps {
            let want = expected[step.node.code]!
            let kind = switch step.action { case .continueAs: "continue"; case .mergeInto: "merge"; case .retire: "retire" }
            #expect(kind == want.kind && step.action.successor.code == want.to, "\(step.node.code): \(step.action)")
            if kind == "continue" {
                let received = expected.filter { $0.value.to == step.node.code && $0.key != step.node.code }.map(\.key).sorted()
                #expect(step.receivesHistoryOf == received, "\(step.node.code)")
            } else {
                #expect(step.receivesHistoryOf.isEmpty)
            }
            let divided = Set(rows.filter { $0.new == want.to && $0.share == "part" }.map(\.old)).sorted()
            #expect(step.notComparable == divided, "\(step.node.code)")
        }
        let continued = Set(expected.filter { $0.value.kind == "continue" }.map(\.key))
        #expect(plan.enrol.map(\.code) == Set(expected.values.map(\.to)).subtracting(continued).sorted())
        #expect(Set(plan.revoke) == Set(nodes).subtracting(continued))
        #expect(plan.revoke.count == nodes.count - continued.count)

        // The counts a person reads in the plan.
        #expect(plan.steps.filter { if case .retire = $0.action { true } else { false } }.count == 30)
        #expect(plan.step(of: "01")?.action == .continueAs(try #require(topology.unit(code: "01"))))
        #expect(plan.step(of: "001")?.action == .retire(handsArchiveTo: try #require(topology.unit(code: "01"))))
        #expect(plan.step(of: "00001")?.action == .mergeInto(try #require(topology.unit(code: "00097"))))
        // Xuân La (00103), divided, its seat to Xuân Đỉnh (00611); Tây Hồ took its code and a piece of it.
        #expect(plan.step(of: "00103")?.action == .continueAs(try #require(topology.unit(code: "00103"))))
        #expect(plan.step(of: "00103")?.notComparable.contains("00103") == true)
        // Every commune of the new city receives some node's history or is one.
        let reached = Set(plan.steps.map(\.action.successor.code))
        for unit in topology.units where unit.kind == .commune {
            #expect(reached.contains(unit.code) || plan.enrol.contains(unit) || continued.contains(unit.code), "\(unit.code)")
        }
    }

    /// A commune whose code the new map gave to a unit it had no part in does not continue:
    /// its node merges into its successor and its certificates are revoked, and the unit of
    /// that code is enrolled.
    @Test func aCodeReusedByAnotherUnit_doesNotContinue() throws {
        let topology = try Topology(units: [
            ReportingUnit(code: "90", name: "Tỉnh Thử", kind: .province),
            ReportingUnit(code: "90001", name: "Xã Mới Một", kind: .commune, parentCode: "90"),
            ReportingUnit(code: "90003", name: "Xã Mới Ba", kind: .commune, parentCode: "90"),
        ])
        let succession = Succession(
            effective: CivilDate(stringLiteral: "2025-07-01"), graceUntil: CivilDate(stringLiteral: "2025-09-30"), basis: "Nghị quyết thử",
            formerUnits: [ReportingUnit(code: "90", name: "Tỉnh Thử", kind: .province),
                          ReportingUnit(code: "90001", name: "Xã Một", kind: .commune, parentCode: "90"),
                          ReportingUnit(code: "90002", name: "Xã Hai", kind: .commune, parentCode: "90")],
            links: [SuccessionLink(former: "90", successor: "90", share: .whole),
                    SuccessionLink(former: "90001", successor: "90003", share: .whole),
                    SuccessionLink(former: "90002", successor: "90001", share: .whole)])
        let plan = try ReformPlan(succession: succession, newTopology: topology, nodes: ["90", "90001", "90002"])
        #expect(plan.step(of: "90001")?.action == .mergeInto(try #require(topology.unit(code: "90003"))))
        #expect(plan.step(of: "90002")?.action == .mergeInto(try #require(topology.unit(code: "90001"))))
        #expect(plan.revoke == ["90001", "90002"])
        #expect(plan.enrol.map(\.code) == ["90001", "90003"])
    }

    /// A node the succession does not name and the new map does not have cannot be planned.
    @Test func aNodeNamedNowhere_isRefused() throws {
        let (succession, topology, _, _) = try Self.haNoi()
        let error = #expect(throws: CoreError.self) { try ReformPlan(succession: succession, newTopology: topology, nodes: ["17"]) }
        #expect(error?.message == "Phương án sắp xếp đơn vị không hợp lệ: nút 17 không có trong danh sách đơn vị trước sắp xếp lẫn danh sách mới.")
    }
}
