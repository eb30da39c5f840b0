import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

/// The pending bundles as one ZIP to carry by hand: only for those who may send or
/// configure, and every export in the audit log.
@Suite("Transfer: exporting the pending bundles for a USB stick")
struct TransferServiceTests {
    let directory: URL
    let work: NodeWork

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-transfer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try Fixtures.store()
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: Fixtures.home, bootstrap: nil,
                                  clockTolerance: 86_400)
        work = NodeWork(runtime: runtime, identity: nil)
    }

    /// A bundle held here and waiting to go up to the parent, with its file.
    func pendingBundle(_ id: String, bytes: Data) throws {
        try work.runtime.files.write(bytes, id: id)
        let bundle = StoredBundle(id: id, kind: "report", sender: Fixtures.home, recipient: "17", size: bytes.count, signer: "ab",
                                  signedAt: Date(), origin: .local, receivedAt: Date(), about: [:])
        try work.store.record(bundle, deliveries: [Delivery(bundleId: id, destination: "17", direction: .up, queuedAt: Date())])
    }

    func exports() throws -> [AuditEntry] {
        try AuditLog.entries(in: work.store).filter { $0.action == AuditAction.bundlesExported.rawValue }
    }

    /// Should hand the approver every pending bundle, under the unit's folder, and record
    /// the export once with how many it held.
    @Test func exportArchive_byTheApprover_holdsEveryPendingBundle_andIsAudited() throws {
        let bytes = Data("nội dung gói tin đã ký".utf8)
        try pendingBundle("goi-tin-1", bytes: bytes)
        let leader = Actor(userId: 7, login: "lanhdao", displayName: "Anh Nam", roles: [.approver])

        let archive = try TransferService(work: work).exportArchive(by: leader, at: Date())

        #expect(archive.count == 1)
        #expect(archive.data.range(of: Data("baocao-148/goi-tin-1.bcb".utf8)) != nil)
        #expect(archive.data.range(of: bytes) != nil)   // stored, not compressed
        let recorded = try exports()
        #expect(recorded.map(\.actor) == ["lanhdao"])
        #expect(recorded.map(\.object) == ["web"] && recorded.map(\.detail) == ["1 gói tin"])
    }

    /// Should refuse a viewer, hand out nothing and record nothing.
    @Test func exportArchive_byAViewer_isRefused_andNothingIsAudited() throws {
        try pendingBundle("goi-tin-1", bytes: Data("x".utf8))

        #expect(throws: ServiceError(.forbidden, message: "", log: "")) {
            try TransferService(work: work).exportArchive(by: Fixtures.reader, at: Date())
        }
        #expect(try exports().isEmpty)
    }
}
