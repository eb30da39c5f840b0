import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Testing
@testable import BaoCaoNode

@Suite("Routing")
struct BundleRouterTests {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
        ReportingUnit(code: "17-SKHDT", name: "Sở Kế hoạch và Đầu tư", kind: .department, parentCode: "17"),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05293", name: "Xã Văn Sơn", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "148", name: "Thành phố Hòa Bình", kind: .district, parentCode: "17"),
    ])

    private func route(at home: UnitCode, from sender: UnitCode, to recipient: BundleRecipient) -> [String] {
        guard let route = BundleRouter(home: home, topology: Self.topology).route(sender: sender, recipient: recipient) else { return ["unroutable"] }
        return (route.deliverHere ? ["here"] : []) + route.onward.map { "\($0.direction.rawValue):\($0.destination)" }
    }

    /// A commune's report goes up to its district, which relays it up to the province.
    @Test func reportToProvince_goesUpHopByHop() {
        #expect(route(at: "05290", from: "05290", to: "17") == ["up:157"])
        #expect(route(at: "157", from: "05290", to: "17") == ["up:17"])
        #expect(route(at: "17", from: "05290", to: "17") == ["here"])
    }

    /// A commune's report for a department climbs to the lowest common ancestor, then goes down.
    @Test func reportToDepartment_goesToLowestCommonAncestorThenDown() {
        #expect(route(at: "157", from: "05290", to: "17-SKHDT") == ["up:17"])
        #expect(route(at: "17", from: "05290", to: "17-SKHDT") == ["down:17-SKHDT"])
        #expect(route(at: "17-SKHDT", from: "05290", to: "17-SKHDT") == ["here"])
    }

    /// A decision or receipt for a commune comes down through its district.
    @Test func decisionForCommune_comesDownThroughDistrict() {
        #expect(route(at: "17", from: "17", to: "05293") == ["down:157"])
        #expect(route(at: "157", from: "17", to: "05293") == ["down:05293"])
    }

    /// The province's release spreads to every child; a district's local release goes up
    /// and to its communes, and from the province on to the other branches.
    @Test func broadcasts_reachEveryNeighbourButTheSource() {
        #expect(route(at: "17", from: "17", to: "*") == ["here", "down:17-SKHDT", "down:157", "down:148"])
        #expect(route(at: "157", from: "17", to: "*") == ["here", "down:05290", "down:05293"])
        #expect(route(at: "157", from: "157", to: "*") == ["here", "up:17", "down:05290", "down:05293"])
        #expect(route(at: "17", from: "157", to: "*") == ["here", "down:17-SKHDT", "down:148"])
    }

    private func route(at home: UnitCode, _ kind: BundleKind, from sender: UnitCode, to recipient: BundleRecipient) -> [String] {
        guard let route = BundleRouter(home: home, topology: Self.topology).route(sender: sender, recipient: recipient, kind: kind) else {
            return ["unroutable"]
        }
        return (route.deliverHere ? ["here"] : []) + (route.keepsCopy ? ["copy"] : [])
            + route.onward.map { "\($0.direction.rawValue):\($0.destination)" }
    }

    /// A commune's report to its district is delivered there and relayed byte for byte to
    /// the province, which keeps it as an archive copy and never sends it back down; the
    /// district's decision on it goes down to the commune and up to the province the same way.
    @Test func exchangesBelow_travelUpAsArchiveCopies() {
        #expect(route(at: "05290", .report, from: "05290", to: "157") == ["up:157"])
        #expect(route(at: "157", .report, from: "05290", to: "157") == ["here", "up:17"])
        #expect(route(at: "17", .report, from: "05290", to: "157") == ["copy"])
        #expect(route(at: "157", .decision, from: "157", to: "05290") == ["down:05290", "up:17"])
        #expect(route(at: "05290", .decision, from: "157", to: "05290") == ["here"])
        #expect(route(at: "17", .decision, from: "157", to: "05290") == ["copy"])
        // A district's report to the province, and the province's decision: nothing above to copy to.
        #expect(route(at: "17", .report, from: "157", to: "17") == ["here"])
        #expect(route(at: "17", .decision, from: "17", to: "157") == ["down:157"])
        // Other kinds, and exchanges across branches, keep their ordinary route.
        #expect(route(at: "157", .transfer, from: "05290", to: "157") == ["here"])
        #expect(route(at: "17", .report, from: "05290", to: "17-SKHDT") == ["down:17-SKHDT"])
        #expect(route(at: "17-SKHDT", .report, from: "05290", to: "17-SKHDT") == ["here"])
    }

    /// Under a national node the archive still ends at the province: the commune's report
    /// and the province's decision on it go no higher; the province's own report does.
    @Test func archiveCopies_endAtTheProvince() throws {
        let country = try Topology(units: [
            ReportingUnit(code: "VN", name: "Việt Nam", kind: .national),
            ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province, parentCode: "VN"),
            ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
            ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
            ReportingUnit(code: "05293", name: "Xã Văn Sơn", kind: .commune, parentCode: "17"),
        ])
        func route(at home: UnitCode, _ kind: BundleKind, from sender: UnitCode, to recipient: BundleRecipient) -> [String] {
            guard let route = BundleRouter(home: home, topology: country).route(sender: sender, recipient: recipient, kind: kind) else { return ["unroutable"] }
            return (route.deliverHere ? ["here"] : []) + (route.keepsCopy ? ["copy"] : []) + route.onward.map { "\($0.direction.rawValue):\($0.destination)" }
        }
        #expect(route(at: "157", .report, from: "05290", to: "157") == ["here", "up:17"])
        #expect(route(at: "17", .report, from: "05290", to: "157") == ["copy"])
        #expect(route(at: "17", .report, from: "05293", to: "17") == ["here"])
        #expect(route(at: "17", .decision, from: "17", to: "05293") == ["down:05293"])
        #expect(route(at: "17", .report, from: "17", to: "VN") == ["up:VN"])
        #expect(route(at: "VN", .report, from: "17", to: "VN") == ["here"])
    }

    @Test func unknownRecipient_isUnroutable() {
        #expect(route(at: "157", from: "05290", to: "99999") == ["unroutable"])
    }
}
