import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOSSL

/// One node's side of the conversation with its parent: push what waits to go up, then
/// pull what waits to come down (DESIGN §8). The child always starts; communes sit behind
/// NAT on 3G.
public struct SyncClient: Sendable {
    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var pushed = 0
        public var refused = 0
        public var pulled = 0
        public var pulledRejected = 0
        /// Whether the parent turned out to have been restored from a backup.
        public var parentRestored = false
    }

    public let runtime: NodeRuntime
    public let parentURL: String
    public let parentUnit: String
    public let http: HTTPClient
    /// The most bundles sent in one request, and their most bytes. The defaults are 200 and
    /// 1 MiB; on a link that drops, fewer bytes, as the runtime's ``LinkBudget`` has learned.
    public var batchCount = 200
    public var batchBytes = 1 << 20
    /// How many batches may be on their way at once. The default is 2.
    public var batchesInFlight = 2
    /// Bundles at least this large go by resumable upload (tus). The default is 256 KiB: the
    /// upload's extra round trip costs little beside such a bundle on 3G, and a cut costs
    /// only what was in flight. On a link that drops, any bundle larger than the link
    /// budget goes that way too.
    public var resumableThreshold = 256 << 10

    public init(runtime: NodeRuntime, parentURL: String, parentUnit: String, http: HTTPClient) {
        self.runtime = runtime
        self.parentURL = parentURL.hasSuffix("/") ? String(parentURL.dropLast()) : parentURL
        self.parentUnit = parentUnit
        self.http = http
    }

    /// An HTTP client that presents the node's certificate and trusts only the anchors,
    /// with timeouts fit for 2G: a long connect, and a deadline on stalls rather than on
    /// the whole transfer. The caller shuts it down.
    public static func makeHTTPClient(certificatePEM: Data, keyPEM: Data, anchorsPEM: Data) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM)).map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM), format: .pem))
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(anchorsPEM)))
        tls.minimumTLSVersion = .tlsv12
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(60), read: .seconds(120))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Push, then pull, until nothing is left either way.
    public func round(now: @Sendable () -> Date = Date.init) async throws -> Round {
        var round = Round()
        try await push(into: &round, now: now)
        try await pull(into: &round, now: now)
        if round.parentRestored {
            // Learned during the pull: what was reopened for the parent goes up now.
            try await push(into: &round, now: now)
        }
        try runtime.store.set(.lastSync, to: now().formatted(.iso8601))
        return round
    }

    private func push(into round: inout Round, now: () -> Date) async throws {
        while true {
            let pending = try runtime.store.pendingDeliveries(direction: .up, destination: parentUnit)
            guard !pending.isEmpty else { return }
            // Large bundles go one at a time by resumable upload; small ones in batches,
            // up to `batchesInFlight` at once so the parent verifies one while the next travels.
            var batches: [[(Delivery, Data)]] = [[]]
            var bytes = 0
            var large: (Delivery, Data)?
            let linkBytes = runtime.linkBudget.bytes
            let budget = min(batchBytes, linkBytes)
            for delivery in pending {
                let data = try runtime.files.read(delivery.bundleId)
                if data.count >= min(resumableThreshold, linkBytes) {
                    if batches[0].isEmpty { large = (delivery, data) }
                    break
                }
                if !batches[batches.count - 1].isEmpty, batches[batches.count - 1].count >= batchCount || bytes + data.count > budget {
                    if batches.count == batchesInFlight { break }
                    batches.append([])
                    bytes = 0
                }
                batches[batches.count - 1].append((delivery, data))
                bytes += data.count
            }
            if let (delivery, data) = large {
                try record(try await uploadResumable(delivery, data: data), for: delivery, into: &round, now: now)
                continue
            }
            let stamp = now()
            let answers = try await withThrowingTaskGroup(of: (Int, HTTPHeaders, [SyncServer.Result]).self) { group in
                for (index, batch) in batches.enumerated() where !batch.isEmpty {
                    let bundles = batch.map(\.1)
                    group.addTask {
                        let (headers, results) = try await self.post(bundles, stamped: stamp)
                        return (index, headers, results)
                    }
                }
                var collected: [(Int, HTTPHeaders, [SyncServer.Result])] = []
                for try await answer in group { collected.append(answer) }
                return collected.sorted { $0.0 < $1.0 }
            }
            var restored = false
            for (index, headers, results) in answers {
                if try parentWasRestored(headers, now: now) { restored = true }
                guard results.count == batches[index].count else { throw SyncError.parentAnswered(200, "số kết quả không khớp") }
            }
            if restored {
                round.parentRestored = true
                continue
            }
            CrashPoint.relaySentNotAcknowledged.reach()
            for (index, _, results) in answers {
                for ((delivery, _), result) in zip(batches[index], results) {
                    try record(result.outcome == "rejected" ? "rejected: \(result.reason ?? "")" : result.outcome, for: delivery, into: &round, now: now)
                }
            }
        }
    }

    /// Sends one batch; returns the answer's headers and the result for each bundle.
    /// `stamped` is this node's clock (the round's `now`), which the parent compares with its own.
    private func post(_ bundles: [Data], stamped: Date) async throws -> (HTTPHeaders, [SyncServer.Result]) {
        var request = HTTPClientRequest(url: parentURL + "/sync/v1/bundles")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: BundleFraming.mediaType)
        request.headers.add(name: ClockSkew.headerName, value: ClockSkew.stamp(stamped))
        request.headers.add(name: "Content-Encoding", value: "deflate")
        request.body = .bytes(ByteBuffer(bytes: Zlib.compress(BundleFraming.encode(bundles))))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: .seconds(600))
            body = try await response.body.collect(upTo: 16 << 20)
        } catch {
            // Cut off on the way: the next batches are smaller (a large bundle goes resumable).
            runtime.linkBudget.shrink()
            throw error
        }
        runtime.linkBudget.grow()
        guard response.status == .ok else { throw SyncError.parentAnswered(Int(response.status.code), Self.text(body)) }
        let decoded = try JSONDecoder().decode([String: [SyncServer.Result]].self, from: Data(body.readableBytesView))
        return (response.headers, decoded["results"] ?? [])
    }

    private func pull(into round: inout Round, now: () -> Date) async throws {
        while true {
            let cursor = Int64(try runtime.store.value(of: .feedCursor) ?? "0") ?? 0
            var request = HTTPClientRequest(url: parentURL + "/sync/v1/feed?after=\(cursor)")
            request.method = .GET
            request.headers.add(name: ClockSkew.headerName, value: ClockSkew.stamp(now()))
            request.headers.add(name: "Accept-Encoding", value: "deflate")
            let response = try await http.execute(request, timeout: .seconds(600))
            let body = try await response.body.collect(upTo: 256 << 20)
            guard response.status == .ok else { throw SyncError.parentAnswered(Int(response.status.code), Self.text(body)) }
            let framed = try WireEncoding.decode(Data(body.readableBytesView), contentEncoding: response.headers.first(name: "Content-Encoding"),
                                                 limit: 256 << 20)
            if try parentWasRestored(response.headers, now: now) {
                round.parentRestored = true
                continue
            }
            let bundles = try BundleFraming.decode(framed, maximumCount: 10_000)
            for data in bundles {
                switch runtime.ingest(data, origin: .https, now: now()) {
                case .accepted: round.pulled += 1
                case .duplicate: break
                case .rejected(let error) where error.code == .storageFailure:
                    // This node cannot write (disk full, read-only): stop before the cursor
                    // moves, so the parent offers the same page again next round.
                    throw error
                case .rejected: round.pulledRejected += 1
                }
            }
            // Only now, with every item committed, may the next request acknowledge them:
            // asking for what comes after the new cursor is the acknowledgement. A round
            // ends with an empty page, which acknowledges the last one.
            let next = response.headers.first(name: "BaoCao-Cursor").flatMap { Int64($0) } ?? cursor
            if next != cursor { try runtime.store.set(.feedCursor, to: String(next)) }
            if bundles.isEmpty || next == cursor { return }
        }
    }

    /// Books the parent's answer for one bundle: `accepted` or `duplicate` acknowledge it,
    /// `rejected: reason` marks it refused so it is not offered again.
    private func record(_ outcome: String, for delivery: Delivery, into round: inout Round, now: () -> Date) throws {
        if outcome == "accepted" || outcome == "duplicate" {
            try runtime.store.acknowledge(bundleId: delivery.bundleId, destination: parentUnit, at: now())
            round.pushed += 1
        } else {
            let reason = outcome.hasPrefix("rejected: ") ? String(outcome.dropFirst("rejected: ".count)) : outcome
            try runtime.store.refuse(bundleId: delivery.bundleId, destination: parentUnit, reason: reason, at: now())
            round.refused += 1
        }
    }

    /// Sends a large bundle by resumable upload (tus 1.0): ask where the server is, then
    /// stream the rest in one PATCH; after a cut, the next attempt resumes from the
    /// server's offset. Returns the parent's outcome for the bundle.
    func uploadResumable(_ delivery: Delivery, data: Data) async throws -> String {
        let key = NodeSetting("upload." + delivery.bundleId)
        var location = try runtime.store.value(of: key)
        var offset = 0
        if let known = location {
            var head = HTTPClientRequest(url: parentURL + known)
            head.method = .HEAD
            head.headers.add(name: "Tus-Resumable", value: "1.0.0")
            let response = try await http.execute(head, timeout: .seconds(120))
            _ = try await response.body.collect(upTo: 1 << 20)
            if response.status == .ok {
                if let outcome = response.headers.first(name: "BaoCao-Outcome") {
                    try runtime.store.remove(key)
                    return outcome.removingPercentEncoding ?? outcome
                }
                offset = response.headers.first(name: "Upload-Offset").flatMap(Int.init) ?? 0
            } else {
                location = nil
            }
        }
        if location == nil {
            var create = HTTPClientRequest(url: parentURL + "/sync/v1/uploads")
            create.method = .POST
            create.headers.add(name: "Tus-Resumable", value: "1.0.0")
            create.headers.add(name: "Upload-Length", value: String(data.count))
            create.headers.add(name: "Upload-Metadata", value: "sha256 " + Data(SHA256Digest.hex(of: data).utf8).base64EncodedString())
            let response = try await http.execute(create, timeout: .seconds(120))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .created, let created = response.headers.first(name: "Location") else {
                throw SyncError.parentAnswered(Int(response.status.code), "không tạo được tải lên: " + Self.text(body))
            }
            location = created
            try runtime.store.set(key, to: created)
        }
        var patch = HTTPClientRequest(url: parentURL + location!)
        patch.method = .PATCH
        patch.headers.add(name: "Tus-Resumable", value: "1.0.0")
        patch.headers.add(name: "Upload-Offset", value: String(offset))
        patch.headers.add(name: "Content-Type", value: "application/offset+octet-stream")
        let rest = data.subdata(in: offset..<data.count)
        patch.body = .bytes(ByteBuffer(bytes: rest))
        let response = try await http.execute(patch, timeout: .seconds(3600))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .noContent, let outcome = response.headers.first(name: "BaoCao-Outcome") else {
            throw SyncError.parentAnswered(Int(response.status.code), "tải lên chưa xong" + (body.readableBytes > 0 ? ": " + Self.text(body) : ""))
        }
        try runtime.store.remove(key)
        return outcome.removingPercentEncoding ?? outcome
    }

    /// Notices a parent restored from a backup (a new epoch): everything sent to it since
    /// that backup is offered again, and its feed is read again from the start (it may
    /// have renumbered). Both are idempotent: what the parent has answers `duplicate`.
    private func parentWasRestored(_ headers: HTTPHeaders, now: () -> Date) throws -> Bool {
        guard let epoch = headers.first(name: "BaoCao-Epoch") else { return false }
        let known = try runtime.store.value(of: .parentEpoch)
        try runtime.store.set(.parentEpoch, to: epoch)
        guard let known, known != epoch else { return false }
        let since = headers.first(name: "BaoCao-Restored-From").flatMap { try? Date($0, strategy: .iso8601) }
        try runtime.store.reopenDeliveries(to: parentUnit, since: since)
        try runtime.store.set(.feedCursor, to: "0")
        return true
    }

    /// The parent's reason: the message of an error answer (`{"error":{"message":…}}`), or
    /// the start of whatever else it said.
    private static func text(_ buffer: ByteBuffer) -> String {
        struct Answer: Decodable { struct Detail: Decodable { let message: String }; let error: Detail }
        if let answer = try? JSONDecoder().decode(Answer.self, from: Data(buffer.readableBytesView)) { return answer.error.message }
        return String(decoding: buffer.readableBytesView.prefix(300), as: UTF8.self)
    }
}

/// Why a sync round failed; the loop backs off and tries again.
public enum SyncError: Error, CustomStringConvertible {
    case parentAnswered(Int, String)
    case noParentAddress

    public var description: String {
        switch self {
        case .parentAnswered(507, let text): "Nút cấp trên không lưu được gói tin (ổ đĩa đầy hoặc chỉ đọc), sẽ gửi lại sau: \(text)"
        case .parentAnswered(let status, let text): "Nút cấp trên trả lời lỗi \(status): \(text)"
        case .noParentAddress: "Chưa biết địa chỉ nút cấp trên (network.parentURL)."
        }
    }
}
