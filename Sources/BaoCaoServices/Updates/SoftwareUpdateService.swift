import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation

/// A software update this node signed and took in.
public struct PublishedUpdate: Sendable {
    public let id: String
    /// The signed bundle, to hand on (a USB stick); the feed carries it down too.
    public let data: Data
    public let version: SoftwareVersion
}

extension AuditAction {
    public static let updatePublish = Self("update.publish")
}

/// Software updates down the hierarchy: the province publishes a signed package, every
/// node takes it through the one ingest pipeline (``UpdateGate``), shows the version it
/// runs and the one waiting, and — the province — which units run an older one.
///
/// An update is made here exactly as any node will check it: signed with the unit's key,
/// taken in by this node's own pipeline first, so one the gate would refuse elsewhere (a
/// key that is not a publisher's, a version not newer than the last) never leaves.
public struct SoftwareUpdateService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// Signs `package` as the update to `version` and takes it in here; it then goes down
    /// every child's feed.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` for a person without the admin role; ``ErrorCode/invalidInput``
    /// without a signing key or at a node that is not the province; the gate's
    /// ``BundleError`` when this node refuses its own update (not a publisher key, an older
    /// or equal version).
    public func publish(package: Data, named packageName: String, version: SoftwareVersion, architecture: String, notes: String,
                        by actor: StaffMember, at now: Date) throws -> PublishedUpdate {
        if !actor.isNode { try require(actor, .changeConfiguration, "phát hành bản cập nhật phần mềm") }
        guard let identity = work.identity else {
            throw ServiceError.invalid("Nút chưa khai báo khóa ký số của đơn vị (mục signing trong tệp cấu hình); không ký được bản cập nhật.")
        }
        guard try work.store.topology().unit(code: work.home)?.parentCode == nil else {
            throw ServiceError.invalid("Chỉ tỉnh phát hành bản cập nhật phần mềm; nút này nhận bản cập nhật từ đơn vị cấp trên.")
        }
        let previous = try work.store.latestSoftwareUpdate().map { try AcceptedUpdate(bytes: $0.content) }
        let content = UpdatePublisher.content(for: package, named: packageName, version: version, architecture: architecture,
                                              notes: notes, publisher: work.home, after: previous, at: now)
        let (id, data) = try UpdatePublisher(identity: identity).publish(content, package: package, at: now)
        let (login, detail) = (actor.login, "phiên bản \(version) (\(packageName))")
        let outcome = try work.runtime.ingest(data, from: .thisNode, now: now) { db in
            try AuditLog.append(db, actor: login, action: .updatePublish, object: "bundle:\(id)", detail: detail, at: now)
        }
        guard outcome == .accepted else {
            if case .rejected(let error) = outcome { throw error }
            throw ServiceError(.illegalTransition, message: "Bản cập nhật trùng với bản đã phát hành; không phát hành.",
                               log: "own update \(version) not new: \(outcome)")
        }
        return PublishedUpdate(id: id, data: data, version: version)
    }

    /// What this node runs, what it took, what waits, and what every unit below it runs.
    public func status() throws -> SoftwareUpdateStatus {
        let latest = try work.store.latestSoftwareUpdate()
        let content = try latest.map { try UpdateContent(decoding: $0.content) }
        let topology = try work.runtime.topology()
        let seen = Dictionary(uniqueKeysWithValues: try work.store.unitVersions().map { ($0.unitCode, $0) })
        let router = BundleRouter(home: work.home, topology: topology)
        let units = topology.units.filter { router.branch(containing: $0.code) != nil }.map { unit in
            SoftwareUpdateStatus.UnitRow(code: unit.code, name: unit.name, version: seen[unit.code]?.version, seenAt: seen[unit.code]?.seenAt)
        }
        return SoftwareUpdateStatus(running: BaoCaoVersion.current, latest: content, latestReceivedAt: latest?.receivedAt,
                                    latestBundleId: latest?.bundleId, units: units)
    }
}
