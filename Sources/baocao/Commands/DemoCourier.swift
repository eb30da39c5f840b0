import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// Carries bundles between two of the demo's nodes inside this process, as a sync round
/// does over HTTPS (and a USB stick does offline): each bundle is verified and stored by
/// the receiving node's one ingest pipeline (``NodeRuntime/ingestBatch(_:from:now:)``) as
/// coming from that child or that parent, and the sender books the answer — so the
/// generated history is exactly what the network would have exchanged, at the simulated
/// instant `now`, without a server or a sleep.
enum DemoCourier {
    /// What waits at `child` to go up to `parent`, taken in by the parent. Returns how many.
    @discardableResult
    static func up(from child: NodeWork, to parent: NodeWork, at now: Date) throws -> Int {
        let ids = uniqueIds(try child.store.pendingDeliveries(direction: .up, destination: parent.home).map(\.bundleId))
        guard !ids.isEmpty else { return 0 }
        let bundles = try ids.map { try child.runtime.files.read($0) }
        for (id, result) in zip(ids, parent.runtime.ingestBatch(bundles, from: .child(child.home), now: now)) {
            try settled(result, id: id, from: child.home, to: parent.home)
            try child.store.acknowledge(bundleId: id, destination: parent.home, at: now)
        }
        return ids.count
    }

    /// What waits in `parent`'s feed for `child`, taken in by the child page by page; the
    /// child's cursor moves as after a sync round. Returns how many.
    @discardableResult
    static func down(from parent: NodeWork, to child: NodeWork, at now: Date) async throws -> Int {
        let link = ParentLink(runtime: child.runtime)
        let feed = ChildFeed(runtime: parent.runtime, child: child.home)
        var count = 0
        while true {
            // Asking for the page after the cursor acknowledges everything up to it.
            let page = try await feed.page(after: try await link.feedCursor(), at: now)
            guard !page.items.isEmpty else { return count }
            var bundles: [Data] = []
            for item in page.items { bundles.append(try await feed.contents(of: item)) }
            for (item, result) in zip(page.items, await child.runtime.ingestBatch(bundles, from: .parent, now: now)) {
                try settled(result, id: item.bundleId, from: parent.home, to: child.home)
            }
            try await link.setFeedCursor(page.cursor)
            count += page.items.count
        }
    }

    /// Every bundle of the demo's own history is taken: anything else is a fault of the demo.
    private static func settled(_ result: IngestResult, id: String, from sender: UnitCode, to receiver: UnitCode) throws {
        switch result.outcome {
        case .success(.accepted), .success(.duplicate):
            return
        case .success(let outcome):
            throw CLIError("Nút \(receiver) không nhận gói tin \(id) từ \(sender): \(outcome)")
        case .failure(let error):
            throw CLIError("Nút \(receiver) không lưu được gói tin \(id) từ \(sender): \(error.message)")
        }
    }

    private static func uniqueIds(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }
}
