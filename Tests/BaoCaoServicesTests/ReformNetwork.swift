import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// A small province crossing the 2025 reform, each node with its own database and bundle
/// files, bundles carried between them by USB (``TransferService``): before it, Hòa Bình (17)
/// with Huyện Lạc Sơn (157), its communes Xã Quý Hòa (05269) and Xã Nhân Nghĩa (05290),
/// and its Sở Nội vụ (17-SNV); after it, Phú Thọ (25) with its Sở Nội vụ (25-SNV), Xã Nhân
/// Nghĩa going on and Xã Quyết Thắng (05287), which Xã Quý Hòa went into.
///
/// The old-map nodes run on the province's release of the old map; at ``reform()`` each
/// takes the new province's release with the succession (the release chain's crossing is
/// recorded directly: that is the chain's part), and new-map nodes are set up on it.
final class ReformNetwork: @unchecked Sendable {
    static let before = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
        ReportingUnit(code: "17-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "17"),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05269", name: "Xã Quý Hòa", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
    ])
    static let after = try! Topology(units: [
        ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
        ReportingUnit(code: "25-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "25"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "25"),
        ReportingUnit(code: "05287", name: "Xã Quyết Thắng", kind: .commune, parentCode: "25"),
    ])
    /// Every unit of both maps: who has keys.
    static let everyUnit = try! Topology(units: before.units + after.units.filter { before.unit(code: $0.code) == nil })
    static let succession = Succession(
        effective: "2025-07-01", graceUntil: "2025-09-30",
        basis: "Nghị quyết thử nghiệm số 01/2025 về sắp xếp đơn vị hành chính", formerUnits: before.units,
        links: [SuccessionLink(former: "17", successor: "25", share: .whole),
                SuccessionLink(former: "17-SNV", successor: "25-SNV", share: .whole),
                SuccessionLink(former: "157", successor: "25", share: .archive),
                SuccessionLink(former: "05269", successor: "05287", share: .whole),
                SuccessionLink(former: "05290", successor: "05290", share: .whole)])
    static let period: Period = "2025-03"

    /// The sample personnel catalog (`Config/catalog/nhan-su.yaml`) with `authority` its Sở Nội vụ.
    static func personnel(authority: UnitCode) -> PersonnelCatalog {
        var catalog = SampleCatalogs.personnel
        catalog.authority = authority
        return catalog
    }

    let pki: DevelopmentPKI
    let directory: URL
    private(set) var works: [UnitCode: NodeWork] = [:]
    private var paths: [UnitCode: String] = [:]

    init() throws {
        pki = try DevelopmentPKI.make(topology: Self.everyUnit, keyKind: .ecP256, now: Date().addingTimeInterval(-3600))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-reform-\(UUID().uuidString)")
        let (_, old, _) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(release(publisher: "17", topology: Self.before), at: Date())
        for unit in Self.before.units.map(\.code) where unit != "17" {
            try setUp(unit, on: Self.before)
            guard try works[unit]!.runtime.ingest(old, from: .carrier, now: Date()) == .accepted else { throw TestFailure("old release refused at \(unit)") }
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func work(_ unit: UnitCode) -> NodeWork { works[unit]! }

    /// The province's release: the same catalog, every unit's signing certificate
    /// registered (a former unit's signatures stay verifiable after the reform), and the
    /// sample personnel catalog with the province's Sở Nội vụ (17-SNV, then 25-SNV) keeping
    /// the records, every unit's encryption certificate listed.
    func release(publisher: UnitCode, topology: Topology, succession: Succession? = nil) -> ReleaseContent {
        let trust = TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)],
                              publishers: [pki.units[publisher]!.signing.certificate.fingerprint],
                              signers: pki.registry.signers, nodes: pki.registry.nodes, encryption: pki.registry.encryption)
        // The old map's release an hour earlier: of two open chains a node takes the newer
        // (``ProvinceChains``), and release times are kept to the second.
        let publishedAt = publisher == "17" ? Date() - 3600 : Date()
        return ReleaseContent(publisher: publisher, version: 1, previousHash: nil, publishedAt: publishedAt, expiresAt: Date() + 86_400 * 30,
                              topology: topology.units, catalog: LifecycleNetwork.catalog, trust: trust,
                              personnel: Self.personnel(authority: publisher == "17" ? "17-SNV" : "25-SNV"), succession: succession)
    }

    private func setUp(_ unit: UnitCode, on topology: Topology) throws {
        let path = directory.appendingPathComponent("nodes/\(unit)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let store = try NodeStore.open(at: path + "/baocao.sqlite")
        _ = try store.initialize(homeUnit: unit, topology: topology, catalog: Catalog(), at: Date())
        paths[unit] = path
        works[unit] = try open(unit, store: store)
    }

    /// The node's services, on a runtime that reads what is in force afresh.
    private func open(_ unit: UnitCode, store: NodeStore) throws -> NodeWork {
        let pinned = [pki.units["17"]!.signing.certificate.fingerprint, pki.units["25"]!.signing.certificate.fingerprint]
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: paths[unit]!), home: unit,
                                  bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: pinned, registry: pki.registry),
                                  clockTolerance: 86_400, signer: pki.units[unit]!.signing, arrivalRecorder: AuditLog.arrivals,
                                  encryption: pki.units[unit]!.encryption)
        return NodeWork(runtime: runtime, identity: pki.units[unit]!.signing)
    }

    /// The reform reaches the network: every old-map node takes Phú Thọ's release with the
    /// succession, and the nodes of `enrolled` (units of the new map) are set up on it.
    func reform(enrolling enrolled: [UnitCode] = ["05287", "25"]) throws {
        let content = release(publisher: "25", topology: Self.after, succession: Self.succession)
        let (_, data, accepted) = try ReleasePublisher(identity: pki.units["25"]!.signing).publish(content, at: Date())
        for unit in Array(works.keys) {
            let store = works[unit]!.store
            try store.writer.write { db in
                try NodeStore.recordRelease(StoredRelease(publisher: "25", version: 1, contentHash: accepted.hash, previousHash: nil,
                                                          publishedAt: content.publishedAt, receivedAt: Date(), bundleId: nil, content: accepted.bytes),
                                            topology: Self.after, catalogInForce: LifecycleNetwork.catalog, in: db)
                try NodeStore.recordSuccession(Self.succession, releaseHash: accepted.hash, at: Date(), in: db)
            }
            works[unit] = try open(unit, store: store)
        }
        for unit in enrolled {
            try setUp(unit, on: Self.after)
            guard try works[unit]!.runtime.ingest(data, from: .carrier, now: Date()) == .accepted else { throw TestFailure("new release refused at \(unit)") }
            try works[unit]!.store.writer.write { db in
                try NodeStore.recordSuccession(Self.succession, releaseHash: accepted.hash, at: Date(), in: db)
            }
        }
    }

    /// Carries what `unit` has for its parent up, and what the parent has for it down.
    func carry(_ unit: UnitCode, parent: UnitCode) throws {
        let up = folder("usb-up")
        _ = try TransferService(work: work(unit)).export(to: up, by: .node, at: Date())
        _ = try TransferService(work: work(parent)).importBundles(from: [up], by: .node, at: Date())
        let down = folder("usb-down")
        _ = try TransferService(work: work(parent)).export(to: down, for: unit, by: .node, at: Date())
        _ = try TransferService(work: work(unit)).importBundles(from: [down], by: .node, at: Date())
    }

    /// Imports a USB folder at `unit`, one line per file.
    func importFolder(_ path: String, at unit: UnitCode) throws -> [USBTransfer.ImportLine] {
        var lines: [USBTransfer.ImportLine] = []
        _ = try TransferService(work: work(unit)).importBundles(from: [path], by: .node, at: Date()) { line, _, _ in lines.append(line) }
        return lines
    }

    /// A commune's report of R1 for ``period``, signed, sent and accepted by the district.
    /// Returns the report's and the decision's bundle ids.
    @discardableResult
    func acceptedReport(at commune: UnitCode, values: [(String, String)] = [("NN01", "10,5"), ("TC01", "3")]) throws -> (report: String, decision: String) {
        let leader = Self.person("chutich", [.dataEntry, .approver])
        let reports = ReportService(work: work(commune))
        let id = try reports.create(regime: "R1", period: Self.period, by: leader, at: Date()).id!
        try reports.setValues(report: id, values, by: leader, at: Date())
        for section in ["A", "B"] { try reports.approveSection(report: id, section: section, by: leader, at: Date()) }
        try reports.submit(report: id, by: leader, at: Date())
        let bundle = try reports.approve(report: id, by: leader, at: Date())
        try reports.send(report: id, by: leader, at: Date())
        try carry(commune, parent: "157")
        _ = try InboxService(work: work("157")).acceptAll(regime: "R1", period: Self.period, by: Self.person("tonghop", [.aggregator]), at: Date())
        try carry(commune, parent: "157")
        let record = try ReportService(work: work(commune)).details(report: id, by: leader).report
        guard record.state == .accepted, let decision = record.decisionBundleId else { throw TestFailure("report not accepted at \(commune)") }
        return (bundle, decision)
    }

    /// The revisions of a unit's R1 report for ``period`` a node holds.
    func revisions(of unit: UnitCode, at node: UnitCode) throws -> [ReportRecord] {
        try work(node).store.writer.read { db in try NodeStore.revisions(regime: "R1", period: Self.period, unit: unit, in: db) }
    }

    func folder(_ name: String) -> String { directory.appendingPathComponent("\(name)-\(UUID().uuidString)").path }

    static func person(_ login: String, _ roles: Set<Role>) -> StaffMember {
        StaffMember(userId: 7, login: login, displayName: "Anh \(login)", roles: roles)
    }

    static let admin = person("quantri", [.admin])
}
