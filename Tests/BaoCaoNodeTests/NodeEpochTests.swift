import BaoCaoCore
import BaoCaoStore
import Foundation
import Testing
@testable import BaoCaoNode

/// A node's epoch tells its children whether it was restored. A fresh node answers its
/// first requests concurrently (a child sends two batches at once); were the epoch made
/// twice, the child would see it change, take its parent for restored and send its whole
/// backlog again.
@Suite("Node epoch")
struct NodeEpochTests {
    @Test func epoch_isMadeOnce_evenWhenFirstAskedConcurrently() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-epoch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for attempt in 0..<20 {
            let folder = directory.appendingPathComponent(String(attempt))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try NodeStore.open(at: folder.appendingPathComponent("baocao.sqlite").path)
            let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: folder.path), home: "157", bootstrap: nil, clockTolerance: 0)
            let epochs = try Array(0..<8).concurrentMap { _ in try runtime.epoch() }
            #expect(Set(epochs).count == 1, "attempt \(attempt): \(Set(epochs))")
            #expect(try runtime.epoch() == epochs[0] && store.value(of: .nodeEpoch) == epochs[0])
        }
    }
}
