import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoTesting
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Testing
@testable import BaoCaoNode
@testable import BaoCaoSync

/// What a child does with each answer its parent may give: only an answer it understands
/// settles a bundle. An unknown outcome, a body that does not read, an unexpected status —
/// the bundle stays queued, is offered again later, and after a day of that the node says
/// it is degraded, with the answer as it came.
@Suite("Answers from the parent")
struct ParentAnswerTests {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "157", name: "Huyện Đà Bắc", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Tú Lý", kind: .commune, parentCode: "157"),
    ])
    static let pki = try! DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: Date().addingTimeInterval(-86_400))

    /// A parent that answers every batch with what the test scripts, and an empty feed.
    final class ScriptedParent: Sendable {
        let answer: Mutex<(status: HTTPResponse.Status, body: String)>
        let batches = Mutex(0)

        init(status: HTTPResponse.Status, body: String) {
            answer = Mutex((status, body))
        }

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            router.post("/sync/v1/bundles") { request, _ -> Response in
                _ = try await request.body.collect(upTo: 64 << 20)
                self.batches.withLock { $0 += 1 }
                let (status, body) = self.answer.withLock { $0 }
                return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
            }
            router.get("/sync/v1/feed") { _, _ -> Response in
                Response(status: .ok, headers: [SyncField.cursor: "0"], body: .init(byteBuffer: ByteBuffer()))
            }
            return router
        }
    }

    /// A commune with one report queued for its district, syncing with `parent` over plain
    /// HTTP on loopback; `body` runs with its client and the report's id.
    static func withCommune(answering parent: ScriptedParent,
                            _ body: (SyncClient, NodeRuntime, String) async throws -> Void) async throws {
        let store = try NodeStore.inMemory()
        try store.replaceTopology(topology)
        let runtime = NodeRuntime(
            store: store, files: BundleFiles(directory: FileManager.default.temporaryDirectory.appendingPathComponent("baocao-answers-\(UUID().uuidString)")),
            home: "05290", bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry),
            clockTolerance: 86_400)
        let (id, report) = try SampleReport.write(BundleWriter(identity: pki.units["05290"]!.signing), unit: "05290", to: "157")
        #expect(try runtime.ingest(report, from: .thisNode, now: Date()) == .accepted)
        let port = Mutex(0)
        let ready = AsyncStream<Void>.makeStream()
        let app = Application(router: parent.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  port.withLock { $0 = channel.localAddress?.port ?? 0 }
                                  ready.continuation.yield()
                              })
        let server = Task { try await app.runService() }
        for await _ in ready.stream { break }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            var client = SyncClient(runtime: runtime, parentURL: "http://127.0.0.1:\(port.withLock { $0 })", parentUnit: "157", http: http)
            client.outbox.random = { 1 }
            try await body(client, runtime, id)
        } catch {
            try? await http.shutdown()
            server.cancel()
            throw error
        }
        try await http.shutdown()
        server.cancel()
    }

    /// Should leave the bundle queued when the parent answers an outcome this build does
    /// not know — the old client took anything but `accepted`/`duplicate` for a refusal
    /// and never offered the bundle again.
    @Test func unknownOutcome_leavesTheBundleQueued_andOfferedAgainLater() async throws {
        let parent = ScriptedParent(status: .ok, body: #"{"results":[{"outcome":"quarantined","reason":"để sau"}]}"#)
        try await Self.withCommune(answering: parent) { client, runtime, id in
            let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))  // stored to the millisecond
            let round = try await client.round(now: { start })
            #expect(round.pushed == 0 && round.refused == 0 && round.postponed == 1)
            #expect(try runtime.store.pendingCounts().up == 1, "still queued")
            let waiting = try #require(try runtime.postponedBundles().first)
            #expect(waiting.bundleId == id && waiting.attempts == 1)
            #expect(waiting.lastAnswer.contains("quarantined"), "kept as it came: \(waiting.lastAnswer)")
            #expect(waiting.unsettledSince == start)
            // Backed off: not offered again at once; offered again once the wait is over.
            #expect(try await client.round(now: { start.addingTimeInterval(5) }).postponed == 0)
            #expect(parent.batches.withLock { $0 } == 1)
            #expect(try await client.round(now: { start.addingTimeInterval(60) }).postponed == 1)
            #expect(parent.batches.withLock { $0 } == 2)
            // A day of answers not understood: the node says so.
            #expect(try runtime.longUnsettledBundles(at: start.addingTimeInterval(23 * 3600)).isEmpty)
            #expect(try runtime.longUnsettledBundles(at: start.addingTimeInterval(25 * 3600)).map(\.bundleId) == [id])
            // Then an answer it understands settles it.
            parent.answer.withLock { $0 = (.ok, #"{"results":[{"id":"\#(id)","outcome":"accepted"}]}"#) }
            #expect(try await client.round(now: { start.addingTimeInterval(26 * 3600) }).pushed == 1)
            #expect(try runtime.store.pendingCounts().up == 0)
            #expect(try runtime.longUnsettledBundles(at: start.addingTimeInterval(27 * 3600)).isEmpty)
        }
    }

    /// Should leave the bundle queued, with the answer as it came, when the body does not
    /// read as one answer per bundle (kept with the status), or the one answer for it is a
    /// refusal without a reason (kept as that answer).
    @Test func malformedAnswer_leavesTheBundleQueued() async throws {
        let answers = ["<html>Bad Gateway</html>": "HTTP 200: <html>Bad Gateway</html>",
                       #"{"results":[]}"#: #"HTTP 200: {"results":[]}"#,
                       #"{"results":[{"outcome":"rejected"}]}"#: #"{"outcome":"rejected"}"#]
        for (body, kept) in answers.sorted(by: { $0.key < $1.key }) {
            let parent = ScriptedParent(status: .ok, body: body)
            try await Self.withCommune(answering: parent) { client, runtime, id in
                let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))  // stored to the millisecond
                let round = try await client.round(now: { start })
                #expect(round.refused == 0 && round.postponed == 1, "\(body)")
                #expect(try runtime.store.pendingCounts().up == 1)
                let waiting = try #require(try runtime.postponedBundles().first)
                #expect(waiting.bundleId == id)
                #expect(waiting.lastAnswer == kept, "kept as it came")
                #expect(waiting.unsettledSince == start)
            }
        }
    }

    /// Should keep the bundle queued on an error status: the round fails (and backs off),
    /// an unexpected status is kept as an answer not understood, and a plain "later"
    /// (507: the parent cannot store now) is not.
    @Test func errorStatus_failsTheRound_andKeepsTheBundle() async throws {
        let problem = #"{"error":{"code":"internal","message":"Nút nhận gặp lỗi nội bộ"}}"#
        let parent = ScriptedParent(status: .internalServerError, body: problem)
        try await Self.withCommune(answering: parent) { client, runtime, id in
            let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))  // stored to the millisecond
            let failure = await #expect(throws: SyncError.self) { try await client.round(now: { start }) }
            #expect(failure?.description == "Nút cấp trên trả lời lỗi 500: Nút nhận gặp lỗi nội bộ")
            #expect(failure?.isTemporary == false)
            #expect(try runtime.store.pendingCounts().up == 1)
            let waiting = try #require(try runtime.postponedBundles().first)
            #expect(waiting.bundleId == id)
            #expect(waiting.lastAnswer == "HTTP 500: " + problem, "kept as it came")
            #expect(waiting.unsettledSince == start)
        }
        let full = ScriptedParent(status: .init(code: 507), body: #"{"error":{"code":"diskFull","message":"Ổ đĩa đầy"}}"#)
        try await Self.withCommune(answering: full) { client, runtime, _ in
            do {
                _ = try await client.round()
                Issue.record("a 507 must fail the round")
            } catch let error as SyncError {
                #expect(error.isTemporary)
                #expect(error.description == "Nút cấp trên không lưu được gói tin (ổ đĩa đầy hoặc chỉ đọc), sẽ gửi lại sau: Ổ đĩa đầy")
            }
            #expect(try runtime.store.pendingCounts().up == 1)
            #expect(try runtime.postponedBundles().isEmpty, "a plain 'later' is no answer to keep")
        }
    }

    /// Should drop a bundle only on a refusal with its reason, keeping the reason.
    @Test func refusalWithAReason_settlesTheBundle() async throws {
        let parent = ScriptedParent(status: .ok, body: #"{"results":[{"outcome":"rejected","code":"signerNotRegistered","reason":"Chứng thư không được đăng ký"}]}"#)
        try await Self.withCommune(answering: parent) { client, runtime, id in
            #expect(try await client.round().refused == 1)
            #expect(try runtime.store.pendingCounts().up == 0)
            let refusal = try await runtime.store.writer.read { db in try Delivery.filter(Column("bundleId") == id).fetchOne(db)?.refusal }
            #expect(refusal == "Chứng thư không được đăng ký [signerNotRegistered]")
        }
    }
}
