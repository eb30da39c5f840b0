import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import Testing
@testable import BaoCaoNode
@testable import BaoCaoSync

/// Resumable uploads cannot be turned against the node that holds them: each calling
/// child has its own quota of uploads under way and bytes declared, and uploads left to
/// expire are swept by a timer, not only when someone creates another.
@Suite("Resumable uploads: per-peer quotas and the expiry sweep", .serialized)
struct UploadQuotaTests {
    struct Answer {
        let status: HTTPResponseStatus
        let location: String?
        let body: String
    }

    /// A tus request from `unit`'s node certificate to its parent's upload endpoint.
    static func send(_ network: LoopbackNetwork, from unit: UnitCode, _ method: HTTPMethod, _ path: String = "/sync/v1/uploads",
                     _ headers: [(String, String)] = [], body: Data? = nil) async throws -> Answer {
        let client = try network.client(unit)
        var request = HTTPClientRequest(url: client.parentURL + path)
        request.method = method
        request.headers.add(name: "Tus-Resumable", value: "1.0.0")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.http.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return Answer(status: response.status, location: response.headers.first(name: "Location"), body: text)
    }

    static func create(_ network: LoopbackNetwork, from unit: UnitCode, length: Int) async throws -> Answer {
        try await send(network, from: unit, .POST, "/sync/v1/uploads", headers(length: length))
    }

    static func headers(length: Int) -> [(String, String)] {
        [("Upload-Length", String(length)), ("Upload-Metadata", "sha256 " + Data(String(repeating: "ab", count: 32).utf8).base64EncodedString())]
    }

    static func uploadRows(_ network: LoopbackNetwork, at unit: UnitCode) throws -> Int {
        try network.nodes[unit]!.runtime.store.writer.read { try UploadRecord.fetchCount($0) }
    }

    static func partFiles(_ network: LoopbackNetwork, at unit: UnitCode) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: network.dataDirectory(unit) + "/uploads")) ?? []
    }

    /// At the province, the district may hold two uploads under way and 100,000 bytes: a
    /// third upload is refused with 429, one that would pass the bytes with 413, each with
    /// its code and a Vietnamese reason, and neither leaves a record or a part file. The
    /// department, another child, still has its own quota; once the district abandons an
    /// upload it may start another.
    @Test func overQuota_isRefused_andHoldsNothing() async throws {
        let network = try await LoopbackNetwork(uploads: UploadPolicy(maximumOpenUploads: 2, maximumBytesHeld: 100_000))
        do {
            let first = try await Self.create(network, from: "157", length: 40_000)
            let second = try await Self.create(network, from: "157", length: 40_000)
            #expect(first.status == .created && second.status == .created, "\(first.body) \(second.body)")

            let third = try await Self.create(network, from: "157", length: 1_000)
            #expect(third.status == .tooManyRequests)
            let problem = try BundleAnswer.decoder.decode(ProblemAnswer.self, from: Data(third.body.utf8)).error
            #expect(problem.code == "uploadQuotaOpen")
            #expect(problem.message == "Nút gửi đã có 2 tải lên chưa xong, là số tối đa cho phép; hãy hoàn tất hoặc huỷ bớt rồi gửi lại sau.")
            #expect(try Self.uploadRows(network, at: "17") == 2)
            #expect(Self.partFiles(network, at: "17").count == 2)

            // Another child is not held back by the district's uploads.
            #expect(try await Self.create(network, from: "17-SKHDT", length: 40_000).status == .created)

            // The district abandons one: a count is free again, but not 70,000 more bytes.
            #expect(try await Self.send(network, from: "157", .DELETE, try #require(first.location)).status == .noContent)
            let tooBig = try await Self.create(network, from: "157", length: 70_000)
            #expect(tooBig.status == .payloadTooLarge)
            let bytes = try BundleAnswer.decoder.decode(ProblemAnswer.self, from: Data(tooBig.body.utf8)).error
            #expect(bytes.code == "uploadQuotaBytes")
            #expect(bytes.message.hasPrefix("Các tải lên chưa xong của nút gửi đã giữ 40000 byte; thêm 70000 byte sẽ vượt hạn mức 100000 byte"))
            #expect(try Self.uploadRows(network, at: "17") == 2)
            #expect(Self.partFiles(network, at: "17").count == 2)
            #expect(try await Self.create(network, from: "157", length: 60_000).status == .created)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// An upload left half-way is removed with its part file once it expires, by the
    /// sweeper that runs with the sync server — no other request comes meanwhile — and its
    /// quota is free again.
    @Test func expiredUpload_isSweptByTheTimer() async throws {
        // Three seconds to live: long enough for the half to arrive on a machine busy with the
        // whole suite (with one second, the sweeper took the upload while its PATCH was on its way).
        let network = try await LoopbackNetwork(uploads: UploadPolicy(maximumOpenUploads: 1, lifetime: 3, sweepInterval: .milliseconds(200)))
        do {
            let created = try await Self.create(network, from: "157", length: 1_000)
            let location = try #require(created.location)
            let half = try await Self.send(network, from: "157", .PATCH, location,
                                           [("Content-Type", "application/offset+octet-stream"), ("Upload-Offset", "0")], body: Data(count: 500))
            #expect(half.status == .noContent)
            #expect(Self.partFiles(network, at: "17").count == 1)
            #expect(try Self.uploadRows(network, at: "17") == 1)

            var swept = false
            for _ in 0..<100 where !swept {
                try await Task.sleep(for: .milliseconds(100))
                swept = try Self.uploadRows(network, at: "17") == 0
            }
            #expect(swept)
            #expect(Self.partFiles(network, at: "17").isEmpty)
            #expect(try await Self.send(network, from: "157", .HEAD, location).status == .notFound)
            #expect(try await Self.create(network, from: "157", length: 1_000).status == .created)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }
}
