import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import GRDB

/// A release this node signed and put in force.
public struct PublishedRelease: Sendable {
    /// The bundle's id.
    public let id: String
    /// The signed bundle, to hand on (a file, a USB stick): the feed carries it down too.
    public let data: Data
    public let publisher: UnitCode
    public let version: Int
}

extension AuditAction {
    public static let releasePublish = Self("release.publish")
}

/// Publishing the signed releases that flow down (DESIGN §3): the province's — topology,
/// catalog, calendar overrides and the trust list — and a lower unit's local release of
/// its own regimes.
///
/// A release is made here exactly as any node will check it: it follows the release in
/// force (version + 1, naming its hash), is signed with the unit's key, and is taken in by
/// this node's own ingestion pipeline first (``NodeRuntime/ingest(_:from:now:recording:)``),
/// so a release the gate would refuse elsewhere — a key no longer trusted, a local
/// regime reaching outside the publisher's scope — is refused here and never leaves. Once
/// in force it is queued down every child's feed; the audit entry is written in the same
/// commit.
public struct ReleaseService: Sendable {
    public let work: NodeWork
    public let settings: ReleaseSettings

    public init(work: NodeWork, settings: ReleaseSettings) {
        self.work = work
        self.settings = settings
    }

    /// Whether this node publishes the province's releases (its unit has no parent), rather
    /// than local releases.
    public func publishesProvinceReleases() throws -> Bool {
        try work.store.topology().unit(code: work.home)?.parentCode == nil
    }

    /// Signs and puts in force the release that follows the one in force, with `changes`.
    ///
    /// `actor` is ``StaffMember/node`` at the command line (whoever holds the node's key); a
    /// person needs the admin role (``Action/changeConfiguration``).
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` for a person without the role; ``ErrorCode/invalidInput``
    /// for changes a local release may not make, a catalog with problems, a certificate
    /// the province's CA did not issue, no signing key, or no installed trust for a first
    /// release; ``ErrorCode/illegalTransition`` when the release would be the one in force
    /// again; the gate's ``BundleError`` when this node refuses its own release.
    public func publish(_ changes: ReleaseChanges, by actor: StaffMember, at now: Date) throws -> PublishedRelease {
        if !actor.isNode { try require(actor, .changeConfiguration, "phát hành bản phát hành") }
        guard let identity = work.identity else {
            throw ServiceError.invalid("Nút chưa khai báo khóa ký số của đơn vị (mục signing trong tệp cấu hình); không ký được bản phát hành.")
        }
        let trust = try work.runtime.ingestor().trust
        let content: ReleaseContent
        if try publishesProvinceReleases() {
            content = try provinceContent(changes, trust: trust, identity: identity, at: now)
        } else {
            guard let catalog = changes.catalog, changes.changesOnlyTheCatalog else {
                throw ServiceError.invalid("Đơn vị không phải cấp tỉnh chỉ phát hành danh mục riêng: dùng --catalog với tệp chế độ báo cáo riêng.")
            }
            content = ReleasePublisher.next(after: trust.localReleases[work.home], publisher: work.home, publishedAt: now,
                                            validForDays: settings.validForDays) { $0.catalog = catalog }
        }
        // The publisher's audit head rides in the release: every unit below keeps it as an anchor.
        let heads = try work.runtime.ingestor().auditHeadsToCarry()
        let (id, data, _) = try ReleasePublisher(identity: identity).publish(content, at: now, about: heads)
        let (login, detail) = (actor.login, "phiên bản \(content.version) của \(content.publisher)")
        let outcome = try work.runtime.ingest(data, from: .thisNode, now: now) { db in
            try AuditLog.append(db, actor: login, action: .releasePublish, object: "bundle:\(id)", detail: detail, at: now)
        }
        guard outcome == .accepted else {
            if case .rejected(let error) = outcome { throw error }
            throw ServiceError(.illegalTransition, message: "Bản phát hành trùng với bản đang dùng; không phát hành.",
                               log: "own release \(content.publisher) v\(content.version) not new: \(outcome)")
        }
        return PublishedRelease(id: id, data: data, publisher: content.publisher, version: content.version)
    }

    /// Takes in a release from a file, exactly as from the parent's feed: each release
    /// sees the trust the ones before it put in force, so several are imported oldest first.
    ///
    /// #### Errors
    /// A ``NodeError`` when the release could not be stored (a refusal is an outcome).
    public func importRelease(_ data: Data, at now: Date) throws(NodeError) -> IngestOutcome {
        try work.runtime.ingest(data, from: .carrier, now: now)
    }
}
