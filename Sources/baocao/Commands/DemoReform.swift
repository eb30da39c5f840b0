import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// `baocao demo --reform`: the 3-level Hòa Bình network with its monthly history from
/// January 2024 to June 2025, which crosses the 2025 reform (``ReformPlan``) and goes on as
/// part of the 2-level Phú Thọ network.
///
/// The nodes before: the province 17 and its Sở Nội vụ 17-SNV; the district 148 with the
/// communes 04792, 04813 and 04825 (all three merge into 04792 Phường Tân Hòa); the district
/// 150 with 04888 and 04891 (04888 goes wholly into 04891 Xã Tiền Phong, while 04891 Xã Vầy
/// Nưa is divided: its seat continues as 04891, a part goes to 04828, not simulated).
///
/// Everything is made in this process, once, and reused by later runs: the PKI (valid from
/// December 2023, so every report of the history is signed by a certificate valid then), the
/// nodes, the province's first release (15 December 2023), and the history (``DemoHistory``).
struct DemoReform {
    /// The nodes of the old map, in the order they are shown.
    static let nodeCodes: [UnitCode] = ["17", "17-SNV", "148", "04792", "04813", "04825", "150", "04888", "04891"]
    /// The months of the history before the reform.
    static let firstMonth: Period = "2024-01"
    static let lastMonthBefore: Period = "2025-06"
    /// The seed of the synthetic figures: the same history every time.
    static let seed: UInt64 = 2025_07_01
    /// When the demo PKI starts to be valid, and when the province publishes its first release.
    static let pkiFrom = VietnamTime.startOfDay(try! CivilDate(year: 2023, month: 12, day: 1))
    static let firstRelease = VietnamTime.startOfDay(try! CivilDate(year: 2023, month: 12, day: 15)).addingTimeInterval(9 * 3600)
    /// Long enough for certificates and releases made for December 2023 to be in force today.
    static let validityDays = 1500

    let root: String
    let base: URL
    let portBase: Int

    /// The day the new map takes effect, the day Hòa Bình closes its chain, the instant the
    /// new province publishes its first release.
    static let chainClosed = VietnamTime.startOfDay(try! CivilDate(year: 2025, month: 6, day: 30)).addingTimeInterval(10 * 3600)
    static let newRelease = VietnamTime.startOfDay(try! CivilDate(year: 2025, month: 7, day: 1)).addingTimeInterval(8 * 3600)
    static let firstMonthAfter: Period = "2025-07"
    /// The new province, and the nodes that go on under it with their codes.
    static let newProvince: UnitCode = "25"
    static let continuing: [UnitCode] = ["04792", "04891"]

    var oldTopologyPath: String { root + "/Topology/hoa-binh-2025-03-3-cap.csv" }
    var newTopologyPath: String { root + "/Topology/phu-tho-2025-07-2-cap.csv" }
    var successionPath: String { root + "/Config/reform/phu-tho-2025-07.yaml" }
    var catalogPath: String { root + "/Config/catalog/kinh-te-xa-hoi.yaml" }
    var personnelPath: String { root + "/Config/catalog/nhan-su.yaml" }
    var pki: URL { base.appendingPathComponent("pki") }

    func prepare() async throws -> DemoNetwork {
        let topology = try TopologyFile.load(oldTopologyPath)
        let units = try Self.nodeCodes.map { code in
            guard let unit = topology.unit(code: code) else { throw CLIError("Danh sách đơn vị \(oldTopologyPath) không có đơn vị \(code) của mạng thử nghiệm.") }
            return unit
        }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: pki.appendingPathComponent("root.key").path) {
            print("Tạo hạ tầng khóa thử nghiệm (RSA 2048, hiệu lực từ 01/12/2023) cho \(units.count) đơn vị…")
            let made = try DevelopmentPKI.make(topology: topology, unitCodes: units.map(\.code), keyKind: .rsa2048, now: Self.pkiFrom,
                                               validityDays: Self.validityDays)
            try made.write(to: pki)
        }
        let personnel = try YAMLDocument.decode(PersonnelCatalogFile.self, fromFile: personnelPath).catalog(forProvince: topology.roots[0].code)
        var nodes: [DemoNetwork.Node] = []
        let crossedBefore = FileManager.default.fileExists(atPath: base.appendingPathComponent("data/\(Self.newProvince)/baocao.sqlite").path)
        for (index, unit) in units.enumerated() {
            if crossedBefore, Self.continuing.contains(unit.code) {
                // Its configuration already names its new parent: keep it.
                nodes.append(DemoNetwork.Node(unit: unit, config: base.appendingPathComponent("nodes/\(unit.code).yaml").path,
                                              syncPort: portBase + index, localPort: portBase + 100 + index, level: topology.level(of: unit.code) ?? 0))
                continue
            }
            let parent = units.firstIndex { $0.code == unit.parentCode }.map { (unit: units[$0].code, port: portBase + $0) }
            var configuration = DemoConfiguration(unit: unit, base: base, pki: pki, topology: oldTopologyPath, catalog: catalogPath,
                                                  plans: root + "/Config/plans/hoa-binh-2026.csv", personnel: personnelPath,
                                                  syncPort: portBase + index, localPort: portBase + 100 + index, parent: parent)
            configuration.releaseValidityDays = Self.validityDays
            let config = try DemoNetwork.setUpNode(configuration, index: index, personnel: personnel)
            nodes.append(DemoNetwork.Node(unit: unit, config: config, syncPort: portBase + index, localPort: portBase + 100 + index,
                                          level: topology.level(of: unit.code) ?? 0))
        }
        let network = try DemoReformNodes(nodes: nodes)
        try await publishFirstRelease(network)
        try await makeHistory(network)
        let crossed = try await cross(network, personnel: personnel)
        try await makeHistoryAfter(crossed)

        var result = DemoNetwork(title: "Phú Thọ 2 cấp sau sắp xếp, có lịch sử của Hòa Bình 3 cấp từ 01/2024", base: base, nodes: crossed.nodes)
        result.notes = notes(crossed)
        return result
    }

    /// The crossing of 1 July 2025 on the release chains: Hòa Bình closes its chain naming
    /// the new province 25 (enrolled under the same demo root) and its key; 25's first
    /// release carries the new map and the succession and continues Hòa Bình's; the nodes
    /// that go on under their codes (04792, 04891) take it from their new parent 25.
    /// Returns the new network's nodes: 25 and the continuing communes.
    private func cross(_ old: DemoReformNodes, personnel: PersonnelCatalog) async throws -> DemoReformNodes {
        let newTopology = try TopologyFile.load(newTopologyPath)
        guard let province = newTopology.unit(code: Self.newProvince) else {
            throw CLIError("Danh sách đơn vị \(newTopologyPath) không có tỉnh \(Self.newProvince).")
        }
        try DemoEnrolment.enrol(province, pki: pki, at: Self.chainClosed, validityDays: Self.validityDays)
        let enrolled = DemoEnrolment.folder(of: province.code, pki: pki)
        // Hòa Bình's last release, once.
        let closing = base.appendingPathComponent("data/17/outbox/release-17-dong-chuoi.bcb").path
        if !FileManager.default.fileExists(atPath: closing) {
            let close = try ReleaseCommand.Close.parse(["--config", try old.config("17"), "--successor", province.code.rawValue,
                                                       "--successor-publishers", enrolled.appendingPathComponent("signing.pem").path,
                                                       "--out", closing])
            try close.publish(at: Self.chainClosed)
            try await old.carryDown(at: Self.chainClosed.addingTimeInterval(3600))
        }

        // The new province's node, with the new map, and the continuing communes under it.
        let index = Self.nodeCodes.count
        let provincePorts = (sync: portBase + index, local: portBase + 100 + index)
        var configuration = DemoConfiguration(unit: province, base: base, pki: pki, topology: newTopologyPath, catalog: catalogPath,
                                              plans: root + "/Config/plans/phu-tho-2026.csv", personnel: personnelPath,
                                              syncPort: provincePorts.sync, localPort: provincePorts.local, parent: nil)
        configuration.releaseValidityDays = Self.validityDays
        configuration.publishers = enrolled.appendingPathComponent("publishers.txt").path
        configuration.registry = enrolled.appendingPathComponent("registry.json").path
        let provinceConfig = try DemoNetwork.setUpNode(configuration, index: index,
                                                       personnel: try YAMLDocument.decode(PersonnelCatalogFile.self, fromFile: personnelPath)
                                                           .catalog(forProvince: province.code))
        var nodes = [DemoNetwork.Node(unit: province, config: provinceConfig, syncPort: provincePorts.sync, localPort: provincePorts.local, level: 0)]
        for code in Self.continuing {
            guard let unit = newTopology.unit(code: code), let before = old.nodes.first(where: { $0.unit.code == code }) else {
                throw CLIError("Xã \(code) không có trong danh sách đơn vị mới hoặc mạng thử nghiệm.")
            }
            var moved = DemoConfiguration(unit: unit, base: base, pki: pki, topology: newTopologyPath, catalog: catalogPath,
                                          plans: root + "/Config/plans/phu-tho-2026.csv", personnel: nil,
                                          syncPort: before.syncPort, localPort: before.localPort, parent: (unit: province.code, port: provincePorts.sync))
            moved.releaseValidityDays = Self.validityDays
            try Data(moved.yaml().utf8).write(to: URL(fileURLWithPath: before.config))
            nodes.append(DemoNetwork.Node(unit: unit, config: before.config, syncPort: before.syncPort, localPort: before.localPort, level: 1))
        }
        let crossed = try DemoReformNodes(nodes: nodes)
        if try crossed.node(province.code).work.store.latestReleases().isEmpty {
            let publish = try ReleaseCommand.Publish.parse(["--config", provinceConfig, "--topology", newTopologyPath, "--succession", successionPath,
                                                           "--continues", closing])
            try publish.publish(at: Self.newRelease)
            for code in Self.continuing {
                // A new parent: its feed is read from its start.
                try await ParentLink(runtime: crossed.node(code).work.runtime).setFeedCursor(0)
            }
            try await crossed.carryDown(at: Self.newRelease.addingTimeInterval(3600))
        }
        // Every node applies the succession: the continuing ones go on, the others hand
        // their signed history over (`baocao reform apply`, then `baocao import` at the successor).
        let release = try Data(contentsOf: base.appendingPathComponent("data/\(province.code)/outbox/release-\(province.code)-v1.bcb"))
        try DemoHandover(old: old, new: crossed, sticks: base.appendingPathComponent("ban-giao"))
            .run(release: release, at: Self.newRelease.addingTimeInterval(2 * 3600))
        return crossed
    }

    /// The months after the reform at the continuing communes, sent to 25, up to the last
    /// month whose communes' deadline has passed; once each.
    private func makeHistoryAfter(_ network: DemoReformNodes) async throws {
        let history = DemoHistory(figures: DemoFigures(seed: Self.seed), calendar: try network.calendar())
        let province = try network.node(Self.newProvince)
        guard let regime = try province.work.store.catalog().regime(code: DemoHistory.regime) else { return }
        let today = VietnamTime.civilDate(at: Date())
        let months = DemoHistory.months(from: Self.firstMonthAfter, through: "2099-12").prefix { period in
            (regime.deadline(for: period, senderKind: .commune, calendar: history.calendar)?.dueDate).map { $0 < today } ?? false
        }
        let communes = try Self.continuing.map { try network.node($0) }
        let pending = try months.filter { try ReportService(work: communes[0].work).latest(regime: DemoHistory.regime, period: $0) == nil }
        guard !pending.isEmpty else { return }
        print("Tạo lịch sử sau sắp xếp: \(pending.count) tháng từ \(pending[0]) của \(Self.continuing.map(\.rawValue).joined(separator: ", ")) gửi tỉnh \(Self.newProvince)…")
        fflush(nil)
        for period in pending {
            try await history.month(period, communes: communes, receiver: province, province: nil)
        }
    }

    /// The province's first release, dated 15 December 2023, carried down to every node.
    private func publishFirstRelease(_ network: DemoReformNodes) async throws {
        let province = try network.node("17")
        guard try province.work.store.latestReleases().isEmpty else { return }
        let publish = try ReleaseCommand.Publish.parse(["--config", try network.config("17")])
        try publish.publish(at: Self.firstRelease)
        try await network.carryDown(at: Self.firstRelease.addingTimeInterval(3600))
    }

    /// The monthly history before the reform, once: a later run finds it made.
    private func makeHistory(_ network: DemoReformNodes) async throws {
        let last = try network.node("150")
        if try ReportService(work: last.work).latest(regime: DemoHistory.regime, period: Self.lastMonthBefore) != nil { return }
        if try ReportService(work: network.node("04792").work).latest(regime: DemoHistory.regime, period: Self.firstMonth) != nil {
            throw CLIError("Lịch sử báo cáo thử nghiệm tại \(base.path) chưa tạo xong ở lần chạy trước; hãy xóa thư mục này rồi chạy lại.")
        }
        let months = DemoHistory.months(from: Self.firstMonth, through: Self.lastMonthBefore)
        print("Tạo lịch sử báo cáo \(DemoHistory.regime) từ \(Self.firstMonth) đến \(Self.lastMonthBefore) (\(months.count) tháng, 5 xã, 2 huyện)…")
        fflush(nil)
        let history = DemoHistory(figures: DemoFigures(seed: Self.seed), calendar: try network.calendar())
        let province = try network.node("17")
        for period in months {
            try await history.month(period, communes: [network.node("04792"), network.node("04813"), network.node("04825")],
                                    receiver: network.node("148"), province: province)
            try await history.month(period, communes: [network.node("04888"), network.node("04891")],
                                    receiver: network.node("150"), province: province)
        }
    }

    /// Where to look, printed before the nodes start.
    private func notes(_ network: DemoReformNodes) -> [String] {
        let port = { (code: UnitCode) in network.nodes.first { $0.unit.code == code }.map { String($0.localPort) } ?? "?" }
        let view = { (code: UnitCode, period: String) in
            "http://127.0.0.1:\(port(code))/tong-hop/xem?regime=\(DemoHistory.regime)&period=\(period)"
        }
        return [
            "Trước sắp xếp: mỗi tháng từ \(Self.firstMonth) đến \(Self.lastMonthBefore), 5 xã của Hòa Bình gửi báo cáo \(DemoHistory.regime) đã ký, "
                + "huyện 148 và 150 chấp nhận, tổng hợp và gửi tỉnh 17 (số liệu tổng hợp, seed \(Self.seed)).",
            "Sắp xếp ngày 01/07/2025: tỉnh 17 kết thúc chuỗi bản phát hành, tỉnh 25 (mới cấp khóa) phát hành danh sách đơn vị 2 cấp cùng phương án "
                + "kế thừa, nối tiếp chuỗi của 17; 04792 (nhận 04813, 04825) và 04891 (Xã Tiền Phong: Vầy Nưa giữ trụ sở, nhận 04888) tiếp tục dưới tỉnh 25.",
            "Từ \(Self.firstMonthAfter): 04792 và 04891 gửi báo cáo tháng cho tỉnh 25. Xem:",
            "  Phường Tân Hòa tháng 3/2026 với cùng kỳ: \(view("04792", "2026-03")) (đăng nhập tonghop hoặc lanhdao)",
            "  Xã Tiền Phong, ghi chú so sánh không chính xác: \(view("04891", "2026-03"))",
            "  Tỉnh Phú Thọ, cùng kỳ chưa đủ (Vĩnh Phúc, Phú Thọ cũ không mô phỏng): \(view(Self.newProvince, "2026-03"))",
        ]
    }
}
