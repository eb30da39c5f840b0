import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoZip
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOSSL

/// One node's side of the conversation with its parent: push what waits to go up, then
/// pull what waits to come down (DESIGN §8). The child always starts; communes sit behind
/// NAT on 3G.
///
/// A bundle leaves the outbox only on an answer that settles it — the parent has it, or
/// refuses it for good (``ParentAnswer``). An answer this node does not understand, a
/// malformed body, an unexpected status: the bundle stays queued and is offered again
/// later (``Outbox``), and a day of that shows on the sync page and `/healthz`.
public struct SyncClient: Sendable {
    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var pushed = 0
        public var refused = 0
        /// Bundles the parent did not take this time and that will be offered again.
        public var postponed = 0
        public var pulled = 0
        public var pulledRejected = 0
        /// Whether the parent turned out to have been restored from a backup.
        public var parentRestored = false
    }

    public let runtime: NodeRuntime
    public let parentURL: String
    public let parentUnit: UnitCode
    /// How the parent is reached: an HTTPS client trusting the anchors in force.
    public let transport: ParentTransport
    /// The client requests go out on now.
    public var http: HTTPClient { transport.client }
    /// The pin on the parent's node certificate (``ParentPin``), checked before a round talks
    /// to the parent; `nil` only where no release registers node certificates (tests of the
    /// protocol alone).
    public var parentPin: ParentPin?
    public var outbox: Outbox
    let link: ParentLink
    /// What one request to the parent may carry, as the link has been (``LinkBudget``);
    /// shared by every round of this client.
    public let linkBudget = LinkBudget()
    /// The most bundles sent in one request, and their most bytes. The defaults are 200 and
    /// 1 MiB; on a link that drops, fewer bytes, as the ``linkBudget`` has learned.
    public var batchCount = 200
    public var batchBytes = 1 << 20
    /// How many batches may be on their way at once: the next leaves as soon as one is
    /// answered. The default is 2.
    public var batchesInFlight = 2
    /// Bundles at least this large go by resumable upload (tus). The default is 256 KiB: the
    /// upload's extra round trip costs little beside such a bundle on 3G, and a cut costs
    /// only what was in flight. On a link that drops, any bundle larger than the link
    /// budget goes that way too.
    public var resumableThreshold = 256 << 10
    /// The largest item of the parent's feed this node takes: the largest bundle file
    /// (``BundleLimits/maximumFileSize``). A larger one is refused from its stated length,
    /// recorded, and passed over.
    public var feedItemLimit = BundleLimits.default.maximumFileSize

    /// A client for the parent at `parentURL`, reached through `transport` — for a node,
    /// one that follows the trust of the release in force (``ParentTransport/init(runtime:certificatePEM:keyPEM:resolving:)``).
    public init(runtime: NodeRuntime, parentURL: String, parentUnit: UnitCode, transport: ParentTransport) {
        self.runtime = runtime
        self.parentURL = parentURL.hasSuffix("/") ? String(parentURL.dropLast()) : parentURL
        self.parentUnit = parentUnit
        self.transport = transport
        self.outbox = Outbox(runtime: runtime, parent: parentUnit)
        self.link = ParentLink(runtime: runtime)
    }

    /// A client for the parent that always sends with `http`, whose trust roots were fixed
    /// when it was made (tests and benchmarks).
    public init(runtime: NodeRuntime, parentURL: String, parentUnit: UnitCode, http: HTTPClient) {
        self.init(runtime: runtime, parentURL: parentURL, parentUnit: parentUnit, transport: ParentTransport(fixed: http))
    }

    /// An HTTP client that presents the node's certificate and trusts only the anchors
    /// given (a node's own follow the release in force: ``ParentTransport``),
    /// with timeouts fit for 2G: a long connect, and a deadline on stalls rather than on
    /// the whole transfer. The caller shuts it down.
    ///
    /// The parent is accepted only under the host name of the parent URL, which its node
    /// certificate must carry (each node's certificate names its own hosts, so another
    /// unit's certificate under the same root cannot stand in for the parent);
    /// `resolving` maps such a name to the address to connect to where no DNS gives it.
    public static func makeHTTPClient(certificatePEM: Data, keyPEM: Data, anchorsPEM: Data,
                                      resolving: [String: String] = [:], connectTimeout: TimeAmount = .seconds(60)) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM)).map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM), format: .pem))
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(anchorsPEM)))
        tls.minimumTLSVersion = .tlsv12
        tls.shutdownTimeout = SyncServer.tlsShutdownTimeout
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.dnsOverride = resolving
        configuration.timeout = .init(connect: connectTimeout, read: .seconds(120))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Push, then pull, until nothing is left either way.
    ///
    /// `waitingToo` offers also the bundles waiting out a backoff after an answer that
    /// settled nothing: for a round a person asked for ("sync now"), not for the
    /// background loop, which must not press a parent that is struggling.
    public func round(now: @Sendable () -> Date = Date.init, waitingToo: Bool = false) async throws -> Round {
        do {
            return try await pinnedRound(now: now, waitingToo: waitingToo)
        } catch {
            parentPin?.forget()   // the next round checks the parent's certificate again
            throw error
        }
    }

    private func pinnedRound(now: @Sendable () -> Date, waitingToo: Bool) async throws -> Round {
        // A release taken in since the last round may have changed whom TLS trusts.
        try await transport.follow()
        if let parentPin {
            try await parentPin.check(parentURL, parent: parentUnit, registry: try runtime.registry(), now: now())
        }
        var round = Round()
        try await push(into: &round, now: now, waitingToo: waitingToo)
        try await pull(into: &round, now: now)
        if round.parentRestored {
            // Learned during the pull: what was reopened for the parent goes up now.
            try await push(into: &round, now: now, waitingToo: waitingToo)
        }
        try await link.roundCompleted(at: now())
        return round
    }

    /// Reads the parent's feed page by page. Each item streams to a file of its own
    /// (``FeedPageReader``), up to ``feedItemLimit``; every item is then verified and taken
    /// in. The cursor always moves past an item this node refuses — too large (refused from
    /// its stated length, without reading it), malformed, or rejected when verified — and
    /// each refusal is recorded with the cursor in one transaction (``ParentLink/refuse(_:of:movingCursorTo:)``),
    /// so one bad item can never stall what comes after it. Only an item this node cannot
    /// store now, or one signed ahead of its clock, keeps the cursor before it.
    private func pull(into round: inout Round, now: () -> Date) async throws {
        let spool = FeedSpool(runtime: runtime)
        await spool.clear()
        while true {
            let cursor = try await link.feedCursor()
            var request = HTTPClientRequest(url: parentURL + "/sync/v1/feed?after=\(cursor)")
            request.method = .GET
            request.headers.add(name: SyncField.clock.rawName, value: ClockSkew.stamp(now()))
            if let versions = try? await runtime.versionsToReport() {
                request.headers.add(name: SyncField.versions.rawName, value: VersionReport.field(versions))
            }
            request.headers.add(name: "Accept-Encoding", value: "deflate")
            let response = try await send(request, timeout: .seconds(600))
            guard response.status == .ok else {
                let body = try await response.body.collect(upTo: 1 << 20)
                throw SyncError.parentAnswered(Int(response.status.code), Self.problem(in: body))
            }
            if try await parentWasRestored(response.headers) {
                round.parentRestored = true
                continue
            }
            let pageCursor = response.headers.first(name: SyncField.cursor.rawName).flatMap { Int64($0) } ?? cursor
            let listed = response.headers.first(name: SyncField.items.rawName).flatMap(FeedItemList.init(field:))?.entries
            let reader = FeedPageReader(spool: spool, limit: feedItemLimit)
            var cut: (any Error)?
            do {
                try await read(response, into: reader)
            } catch {
                cut = error
            }
            // What each item of the page was, as far as the parent's list says.
            func entry(_ index: Int) -> FeedItemList.Entry? { listed.flatMap { index < $0.count ? $0[index] : nil } }
            // The cursor after item `index`: the listed one; without a list (an older parent),
            // the page's, after its last item read whole.
            func cursorAfter(_ index: Int) -> Int64? {
                if let listed { return index < listed.count ? listed[index].cursor : nil }
                return cut == nil && reader.stop == nil && index == reader.items.count - 1 ? pageCursor : nil
            }
            var refusals: [FeedRefusal] = []
            func refuse(_ index: Int, id: String?, code: String, reason: String) {
                let listedEntry = entry(index)
                refusals.append(FeedRefusal(feedCursor: cursorAfter(index) ?? pageCursor, bundleId: id ?? listedEntry?.bundleId,
                                            sender: listedEntry?.sender, size: listedEntry?.size, code: code, reason: reason, refusedAt: now()))
            }
            var reached: Int64? = nil
            var held: (any Error)?
            for (index, result) in await runtime.ingestBatch(reader.items, from: .parent, now: now()).enumerated() {
                switch result.outcome {
                case .success(.accepted): round.pulled += 1
                case .success(.duplicate): break
                case .success(.rejected(let error)):
                    round.pulledRejected += 1
                    refuse(index, id: result.id, code: error.code.rawValue, reason: error.message)
                case .success(.postponed(let error, _)):
                    // Valid later (signed ahead of this node's clock): asked for again next
                    // round rather than acknowledged without it.
                    held = SyncError.feedItemTooEarly(error.message)
                case .failure(let error):
                    // This node cannot store it: the parent offers it again next round.
                    held = error
                }
                if held != nil { break }
                reached = cursorAfter(index) ?? reached
            }
            if held == nil, let stop = reader.stop {
                round.pulledRejected += 1
                switch stop {
                case .tooLarge(let index, let size):
                    refuse(index, id: nil, code: "feedItemTooLarge",
                           reason: "Gói tin từ cấp trên có dung lượng \(size) byte, vượt giới hạn \(feedItemLimit) byte của một gói tin; không nhận.")
                    reached = cursorAfter(index) ?? pageCursor
                case .malformed(let index):
                    refuse(index, id: nil, code: "feedItemMalformed",
                           reason: "Gói tin từ cấp trên không đúng khuôn dạng (bị cắt cụt hoặc nén hỏng); không nhận.")
                    reached = cursorAfter(index) ?? pageCursor
                }
            }
            // Only now, with every item before it committed, may the next request acknowledge
            // them: asking for what comes after the new cursor is the acknowledgement.
            await spool.clear()
            if let reached, reached != cursor || !refusals.isEmpty {
                try await link.refuse(refusals, of: parentUnit, movingCursorTo: reached)
            }
            if let held { throw held }
            if let cut { throw cut }
            // A page ends where the reader stopped: read on from the item after it.
            if reader.stop != nil, let reached, reached != cursor { continue }
            if reader.items.isEmpty || pageCursor == cursor || reached == cursor { return }
        }
    }

    /// Streams a feed page's body into `reader`, inflating it when it is deflate-coded; stops
    /// reading as soon as the reader refuses an item. A body whose coding breaks ends the
    /// reader there (the item it was in is malformed); a connection cut is thrown.
    private func read(_ response: HTTPClientResponse, into reader: FeedPageReader) async throws {
        let coding = response.headers.first(name: "Content-Encoding")?.trimmingCharacters(in: .whitespaces).lowercased()
        let inflater: ZlibInflater?
        switch coding {
        case nil, "", "identity": inflater = nil
        case "deflate": inflater = try ZlibInflater()
        case let other?: throw SyncError.malformedFeed("kiểu nén \"\(other.prefix(40))\" không được hỗ trợ")
        }
        for try await buffer in response.body {
            let bytes = Data(buffer.readableBytesView)
            guard let inflater else {
                guard try await reader.consume(bytes) else { return }
                continue
            }
            var pieces: [Data] = []
            do {
                try inflater.inflate(bytes) { pieces.append($0) }
            } catch {
                for piece in pieces { guard try await reader.consume(piece) else { return } }
                reader.end(broken: true)
                return
            }
            for piece in pieces { guard try await reader.consume(piece) else { return } }
        }
        reader.end(broken: inflater.map { !$0.isFinished } ?? false)
    }

    /// Sends a large bundle by resumable upload (tus 1.0): ask where the server is, then
    /// stream the rest in one PATCH; after a cut, the next attempt resumes from the
    /// server's offset. Returns the parent's answer for the bundle.
    ///
    /// A cut after which the parent holds more than before is the link working, only
    /// badly: the upload resumes at once, in the same round, rather than failing the round
    /// (and waiting out the sync loop's backoff, which grows with every cut). An attempt
    /// that moved the parent's offset not at all ends the round with its error.
    func uploadResumable(_ item: Outbox.Item, data: Data) async throws -> ParentAnswer {
        var previous: (offset: Int, error: any Error)?
        while true {
            let location: String
            let offset: Int
            switch try await resumePoint(of: item, data: data) {
            case .answered(let answer): return answer
            case .resume(let at, let from):
                location = at
                offset = from
            }
            if let previous, offset <= previous.offset { throw previous.error }
            do {
                return try await append(data, from: offset, to: location, of: item)
            } catch let error as SyncError {
                throw error   // the parent answered: not a cut
            } catch {
                previous = (offset, error)
            }
        }
    }

    /// Where a resumable upload stands at the parent.
    enum ResumePoint {
        /// Complete: the parent's answer for the bundle.
        case answered(ParentAnswer)
        /// The upload to append to, from the offset the parent holds.
        case resume(location: String, offset: Int)
    }

    /// Asks the parent how far the bundle's upload got (`HEAD`), or creates it (`POST`) when
    /// there is none or the parent no longer knows it.
    private func resumePoint(of item: Outbox.Item, data: Data) async throws -> ResumePoint {
        if let known = try await link.uploadLocation(of: item.bundleId) {
            var head = HTTPClientRequest(url: parentURL + known)
            head.method = .HEAD
            head.headers.add(name: SyncField.tusResumable.rawName, value: "1.0.0")
            let response = try await send(head, timeout: .seconds(120))
            _ = try await response.body.collect(upTo: 1 << 20)
            if response.status == .ok {
                if let field = response.headers.first(name: SyncField.answer.rawName) {
                    try await link.setUploadLocation(nil, of: item.bundleId)
                    return .answered(Self.answer(field))
                }
                return .resume(location: known, offset: response.headers.first(name: SyncField.uploadOffset.rawName).flatMap(Int.init) ?? 0)
            }
            // Only an upload the parent no longer knows (expired, swept) is begun again; any
            // other answer (busy, a server error) keeps it for the next round.
            guard response.status == .notFound else {
                throw SyncError.parentAnswered(Int(response.status.code), "không hỏi được tải lên đang dở")
            }
        }
        var create = HTTPClientRequest(url: parentURL + "/sync/v1/uploads")
        create.method = .POST
        create.headers.add(name: SyncField.tusResumable.rawName, value: "1.0.0")
        create.headers.add(name: SyncField.uploadLength.rawName, value: String(data.count))
        create.headers.add(name: SyncField.uploadMetadata.rawName, value: "sha256 " + Data(SHA256Digest.hex(of: data).utf8).base64EncodedString())
        let response = try await send(create, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .created, let created = response.headers.first(name: "Location") else {
            throw SyncError.parentAnswered(Int(response.status.code), "không tạo được tải lên: " + Self.problem(in: body))
        }
        try await link.setUploadLocation(created, of: item.bundleId)
        return .resume(location: created, offset: 0)
    }

    /// Streams the bundle from `offset` in one PATCH, in small pieces (``UploadPieces``), and
    /// returns the parent's answer once it has the last byte. Throws a ``SyncError`` for an
    /// answer that is not that, any other error for a cut.
    private func append(_ data: Data, from offset: Int, to location: String, of item: Outbox.Item) async throws -> ParentAnswer {
        var patch = HTTPClientRequest(url: parentURL + location)
        patch.method = .PATCH
        patch.headers.add(name: SyncField.tusResumable.rawName, value: "1.0.0")
        patch.headers.add(name: SyncField.uploadOffset.rawName, value: String(offset))
        patch.headers.add(name: "Content-Type", value: "application/offset+octet-stream")
        patch.body = .stream(UploadPieces(data: data.subdata(in: offset..<data.count)), length: .known(Int64(data.count - offset)))
        let response = try await send(patch, timeout: .seconds(3600))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .noContent else {
            throw SyncError.parentAnswered(Int(response.status.code), "tải lên chưa xong: " + Self.problem(in: body))
        }
        guard let field = response.headers.first(name: SyncField.answer.rawName) else {
            throw SyncError.parentAnswered(204, "tải lên chưa xong")
        }
        try await link.setUploadLocation(nil, of: item.bundleId)
        return Self.answer(field)
    }

    /// Sends a request to the parent. A TLS handshake that fails on the parent's certificate
    /// is said plainly (``SyncError/parentCertificateRefused(checkedAt:)``): it is checked
    /// against this machine's clock, without the tolerance bundles get, because
    /// AsyncHTTPClient offers no verification callback to give it the node's clock
    /// (swift-server/async-http-client#285) — so a parent whose certificate starts later
    /// than this clock says is unreachable until then, and the person must know to look at
    /// the clock. Nothing waiting is lost meanwhile.
    func send(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> HTTPClientResponse {
        do {
            return try await http.execute(request, timeout: timeout)
        } catch let error as NIOSSLError {
            if case .handshakeFailed(let reason) = error, String(describing: reason).contains("CERTIFICATE_VERIFY_FAILED") {
                throw SyncError.parentCertificateRefused(checkedAt: Date())
            }
            throw error
        }
    }

    /// A completed upload's answer; one that does not read is kept as it came.
    static func answer(_ field: String) -> ParentAnswer {
        guard let answer = ResumableUploads.decodeAnswer(field) else { return .unrecognized(raw: "BaoCao-Answer: " + field.prefix(2000)) }
        return answer.parentAnswer(raw: field.removingPercentEncoding ?? field)
    }

    /// Notices a parent restored from a backup (a new epoch): everything sent to it since
    /// that backup is offered again, and its feed is read again from the start (it may
    /// have renumbered). Both are idempotent: what the parent has answers `duplicate`.
    func parentWasRestored(_ headers: HTTPHeaders) async throws -> Bool {
        guard let epoch = headers.first(name: SyncField.epoch.rawName), try await link.noteParentEpoch(epoch) else { return false }
        let since = headers.first(name: SyncField.restoredFrom.rawName).flatMap { try? Date($0, strategy: .iso8601) }
        try await outbox.reopen(since: since)
        try await link.setFeedCursor(0)
        return true
    }

    /// The parent's reason: the message of a problem answer (``ProblemAnswer``), or the
    /// start of whatever else it said.
    static func problem(in buffer: ByteBuffer) -> String {
        if let answer = try? BundleAnswer.decoder.decode(ProblemAnswer.self, from: Data(buffer.readableBytesView)) { return answer.error.message }
        return String(decoding: buffer.readableBytesView.prefix(300), as: UTF8.self)
    }
}
