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
        // One flush of the disk for the whole set (an "accept all" signs a decision per
        // report): a failure of it, or a bundle missing, refuses the set.
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
        let prepared = try PreparedBundle(kind: request.kind, sender: home, recipient: request.recipient, parts: request.parts,
                                          about: request.about.merging(heads) { _, head in head }, at: now)
        let signature = try DetachedSignature.sign(prepared.manifestBytes, with: identity, beside: request.person, at: now)
        return try keep(prepared, data: try prepared.packed(with: signature), signer: identity, ingestor: ingestor, at: now, queue: queue, flush: flush)
    }

    /// A bundle made up to its signature, for a person to sign elsewhere (the signing
    /// service beside their token): the parts hashed into a manifest carrying the node's
    /// audit heads, stating `now` as its creation and the person's signing time.
    func prepare(kind: BundleKind, recipient: BundleRecipient, parts: [BundleWriter.Part], about: [String: String],
                 at now: Date) throws -> PreparedBundle {
        let heads = try runtime.ingestor().auditHeadsToCarry()
        return try PreparedBundle(kind: kind, sender: home, recipient: recipient, parts: parts,
                                  about: about.merging(heads) { _, head in head }, at: now)
    }

    /// A prepared bundle with the person's signature made elsewhere and the unit's made
    /// now: assembled, checked as its recipient will check it (both signatures), its file
    /// written (flushed); the caller records it.
    func assemble(_ prepared: PreparedBundle, person: SignedDataBuilder.ExternalSignature, at now: Date, queue: Bool) throws -> MadeBundle {
        let identity = try signingIdentity()
        let data: Data
        do {
            data = try prepared.assembled(with: person, unit: identity, at: now)
        } catch let error as BundleError {
            throw ServiceError(.invalidInput, message: error.message, log: "cannot assemble the personal signature: \(error.logDescription)")
        }
        return try keep(prepared, data: data, signer: identity, ingestor: try runtime.ingestor(), at: now, queue: queue, flush: true)
    }

    private func keep(_ prepared: PreparedBundle, data: Data, signer identity: SigningIdentity, ingestor: BundleIngestor,
                       at now: Date, queue: Bool, flush: Bool) throws -> MadeBundle {
        let manifest = prepared.manifest
        // What the recipient will check, checked here first: a certificate that the release in
        // force does not register for this unit would be refused up there.
        if case .refused(let error) = ingestor.trust.verifier.verify(data, now: now) {
            throw ServiceError(.invalidInput, message: "Gói tin vừa ký không hợp lệ với bản phát hành đang dùng: \(error.message)",
                               log: "own bundle refused: \(error.logDescription)")
        }
        guard let route = ingestor.router.route(sender: home, recipient: manifest.recipient, kind: manifest.kind) else {
            throw ServiceError(.notFound, message: "Không tìm thấy đơn vị nhận \(manifest.recipient) trong danh sách đơn vị.",
                               log: "unroutable \(manifest.recipient)")
        }
        let id = prepared.id
        try runtime.files.write(data, id: id, flush: flush)
        let stored = StoredBundle(id: id, kind: manifest.kind.rawValue, sender: home, recipient: manifest.recipient, size: data.count,
                                  signer: identity.certificate.fingerprint, signedAt: now, origin: .local, receivedAt: now, about: manifest.about)
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
