import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// What the services work on: the node's runtime (store, bundle files, routing) and, to
/// sign, the unit's signing identity.
public struct NodeWork: Sendable {
    public let runtime: NodeRuntime
    public let identity: SigningIdentity?

    public init(runtime: NodeRuntime, identity: SigningIdentity?) {
        self.runtime = runtime
        self.identity = identity
    }

    public var store: NodeStore { runtime.store }
    public var home: UnitCode { runtime.home }

    /// The catalog and topology in force.
    func catalog() throws -> Catalog { try store.catalog() }

    /// One bundle to sign from here.
    struct BundleRequest: Sendable {
        var kind: BundleKind
        var recipient: BundleRecipient
        var parts: [BundleWriter.Part]
        var about: [String: String]
        /// The person who signs beside the unit (a report's approving leader, a decision's
        /// deciding officer), with a key that may be on their token.
        var person: SigningIdentity? = nil
    }

    /// A bundle signed here and written to the bundle files, for its caller to record.
    struct MadeBundle: Sendable {
        let id: String
        let bundle: StoredBundle
        let deliveries: [Delivery]
    }

    /// Signs a bundle from here, checks it as its recipient will, and writes its file
    /// (flushed); the caller records the bundle and its deliveries (queued towards the
    /// recipient, or not yet) in its own transaction.
    func makeBundle(kind: BundleKind, recipient: BundleRecipient, parts: [BundleWriter.Part], about: [String: String],
                    person: SigningIdentity? = nil, at now: Date, queue: Bool) throws -> MadeBundle {
        try makeBundle(BundleRequest(kind: kind, recipient: recipient, parts: parts, about: about, person: person), at: now, queue: queue)
    }

    func makeBundle(_ request: BundleRequest, at now: Date, queue: Bool) throws -> MadeBundle {
        let ingestor = try runtime.ingestor()
        return try make(request, with: signingIdentity(), ingestor: ingestor, heads: try ingestor.auditHeadsToCarry(), at: now,
                        queue: queue, flush: true)
    }

    /// Signs many bundles on every core, each checked as its recipient will check it, and
    /// flushes their files to disk together: the caller records them in one transaction.
    func makeBundles(_ requests: [BundleRequest], at now: Date, queue: Bool) throws -> [MadeBundle] {
        let identity = try signingIdentity()
        let ingestor = try runtime.ingestor()
        let heads = try ingestor.auditHeadsToCarry()
        let made = try requests.concurrentMap {
            try make($0, with: identity, ingestor: ingestor, heads: heads, at: now, queue: queue, flush: false)
        }
        try runtime.files.flush(made.map(\.id))
        return made
    }

    private func signingIdentity() throws -> SigningIdentity {
        guard let identity else {
            throw ServiceError(.invalidInput, message: "Nút chưa khai báo khóa ký số của đơn vị (mục signing trong tệp cấu hình); không ký được.",
                               log: "no signing identity")
        }
        return identity
    }

    /// Every bundle carries the node's audit heads (``BundleIngestor/auditHeadsToCarry()``).
    private func make(_ request: BundleRequest, with identity: SigningIdentity, ingestor: BundleIngestor, heads: [String: String],
                      at now: Date, queue: Bool, flush: Bool) throws -> MadeBundle {
        let about = request.about.merging(heads) { _, head in head }
        let (id, data) = try BundleWriter(identity: identity, person: request.person).write(kind: request.kind, sender: home, recipient: request.recipient,
                                                                    parts: request.parts, about: about, at: now)
        // What the recipient will check, checked here first: a certificate that the release in
        // force does not register for this unit would be refused up there.
        if case .refused(let error) = ingestor.trust.verifier.verify(data, now: now) {
            throw ServiceError(.invalidInput, message: "Gói tin vừa ký không hợp lệ với bản phát hành đang dùng: \(error.message)",
                               log: "own bundle refused: \(error.logDescription)")
        }
        guard let route = ingestor.router.route(sender: home, recipient: request.recipient, kind: request.kind) else {
            throw ServiceError(.notFound, message: "Không tìm thấy đơn vị nhận \(request.recipient) trong danh sách đơn vị.",
                               log: "unroutable \(request.recipient)")
        }
        try runtime.files.write(data, id: id, flush: flush)
        let stored = StoredBundle(id: id, kind: request.kind.rawValue, sender: home, recipient: request.recipient, size: data.count,
                                  signer: identity.certificate.fingerprint, signedAt: now, origin: .local, receivedAt: now, about: about)
        let deliveries = queue ? route.onward.map { Delivery(bundleId: id, destination: $0.destination, direction: $0.direction, queuedAt: now) } : []
        return MadeBundle(id: id, bundle: stored, deliveries: deliveries)
    }

    /// The first hop towards `recipient`, for queueing a bundle already held.
    func deliveries(of bundleId: String, to recipient: BundleRecipient, at now: Date) throws -> [Delivery] {
        guard let route = try runtime.ingestor().router.route(sender: home, recipient: recipient) else {
            throw ServiceError(.notFound, message: "Không tìm thấy đơn vị nhận \(recipient) trong danh sách đơn vị.", log: "unroutable \(recipient)")
        }
        return route.onward.map { Delivery(bundleId: bundleId, destination: $0.destination, direction: $0.direction, queuedAt: now) }
    }
}
