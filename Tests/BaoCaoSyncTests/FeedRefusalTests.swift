import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import Testing
@testable import BaoCaoNode
@testable import BaoCaoSync

/// A child's pull can never stall on a bad item of its parent's feed: an item over the
/// limit is refused from its stated length, an item that is not a bundle is refused when
/// verified, the cursor moves past each, each refusal is recorded and shown — and what
/// comes after them still arrives.
@Suite("The feed: bounded pages, refusals that never stall", .serialized)
struct FeedRefusalTests {
    /// Puts `data` in `child`'s feed at `node`, as if it were a bundle from `sender`:
    /// what a broken or hostile relay could have queued.
    static func queueJunk(_ data: Data, at node: NodeRuntime, for child: UnitCode, sender: UnitCode) throws -> String {
        let id = SHA256Digest.hex(of: data)
        try node.files.write(data, id: id)
        try node.store.writer.write { db in
            try StoredBundle(id: id, kind: "notice", sender: sender, recipient: .unit(child), size: data.count, signer: String(repeating: "0", count: 64),
                             signedAt: Date(), origin: .https, receivedAt: Date(), about: [:]).insert(db)
            let delivery = Delivery(bundleId: id, destination: child, direction: .down, queuedAt: Date())
            try delivery.insert(db)
        }
        return id
    }

    static func random(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return (0..<(count + 7) / 8).map { _ in generator.next() as UInt64 }.withUnsafeBytes { Data($0.prefix(count)) }
    }

    /// Ahead of the province's release in the district's feed: 9 MiB of junk (a page of its
    /// own, streamed) and 2 KiB of junk. The district, taking items up to 4 MiB, refuses
    /// the first from its length and the second at verification, still takes the release,
    /// records both refusals (which bundle, from whom, how large, why) exactly once, and
    /// its next round neither stalls nor refuses them again.
    @Test func junkAndOversizedItems_areRefusedAndPassed_theReleaseStillArrives() async throws {
        let network = try await LoopbackNetwork()
        do {
            let province = network.nodes["17"]!.runtime
            let district = network.nodes["157"]!.runtime
            let big = try Self.queueJunk(Self.random(9 << 20), at: province, for: "157", sender: "17")
            let small = try Self.queueJunk(Self.random(2 << 10), at: province, for: "157", sender: "17-SKHDT")
            try network.publishRelease(1, after: nil, catalog: LoopbackNetworkTests.catalog)

            var client = try network.client("157")
            client.feedItemLimit = 4 << 20
            let round = try await client.round()
            #expect(round.pulled == 1 && round.pulledRejected == 2, "\(round)")
            #expect(try district.store.latestRelease(publisher: "17")?.version == 1)

            let (latest, total) = try district.refusedFeedItems()
            #expect(total == 2)
            let tooLarge = try #require(latest.first { $0.bundleId == big })
            #expect(tooLarge.code == "feedItemTooLarge" && tooLarge.sender == "17" && tooLarge.size == 9 << 20)
            #expect(tooLarge.reason == "Gói tin từ cấp trên có dung lượng \(9 << 20) byte, vượt giới hạn \(4 << 20) byte của một gói tin; không nhận.")
            let junk = try #require(latest.first { $0.bundleId == small })
            #expect(junk.sender == "17-SKHDT" && junk.size == 2 << 10)
            // Refused by the verifier, with its code and Vietnamese reason.
            #expect(junk.code != "feedItemTooLarge" && !junk.code.isEmpty && !junk.reason.isEmpty, "\(junk)")
            #expect(!district.files.contains(big))
            #expect(try !district.store.holdsBundle(id: small))
            #expect((try? FileManager.default.contentsOfDirectory(atPath: network.dataDirectory("157") + "/feed-spool")) ?? [] == [])

            // The province's feed for the district is acknowledged past all three.
            let again = try await client.round()
            #expect(again.pulled == 0 && again.pulledRejected == 0, "\(again)")
            #expect(try district.refusedFeedItems().total == 2)
            #expect(try province.store.pendingDeliveries(direction: .down, destination: "157").isEmpty)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// A page holds at most the byte cap of bundles, or exactly one bundle that alone is
    /// larger; the items' cursors let a child go on from any of them.
    @Test func aPage_holdsAtMostItsBytes_orOneLargerItem() async throws {
        let network = try await LoopbackNetwork()
        do {
            let province = network.nodes["17"]!.runtime
            let big = try Self.queueJunk(Self.random(100 << 10), at: province, for: "157", sender: "17")
            let small = try Self.queueJunk(Self.random(2 << 10), at: province, for: "157", sender: "17")
            try network.publishRelease(1, after: nil, catalog: LoopbackNetworkTests.catalog)
            let feed = ChildFeed(runtime: province, child: "157")
            let cap = (2 << 10) + 1   // the small junk fits; it and the release together do not

            let first = try await feed.page(after: 0, maximumBytes: cap, at: Date())
            #expect(first.items.map(\.bundleId) == [big] && first.hasMore)
            let second = try await feed.page(after: first.cursor, maximumBytes: cap, at: Date())
            #expect(second.items.map(\.bundleId) == [small] && second.hasMore)
            let third = try await feed.page(after: second.cursor, maximumBytes: cap, at: Date())
            let release = try #require(third.items.first?.bundleId)
            #expect(third.items.count == 1 && !third.hasMore)
            #expect(try province.store.bundle(id: release)?.kind == "release")
            // With the default 8 MiB, all three in one page.
            let whole = try await ChildFeed(runtime: province, child: "17-SKHDT").page(after: 0, at: Date())
            #expect(whole.items.count == 1)   // only the release went to the department
            let all = try await ChildFeed(runtime: province, child: "157").page(after: 0, at: Date())
            #expect(all.items.map(\.bundleId).prefix(2) == [big, small] && all.items.count == 3 && !all.hasMore)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }
}
