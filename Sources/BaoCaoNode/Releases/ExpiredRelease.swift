import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// The province release in force once it is past its expiry (`expiresAt`). A node keeps
/// using it — nothing newer has come — but its revocation list may be stale (a district
/// that withholds releases would freeze its communes on it unseen), so it shows, until a
/// newer release arrives: `/healthz` answers `degraded` with ``message``, `/metrics` has
/// `baocao_release_expired 1`, the sync page a banner and `baocao status` a line.
public struct ExpiredRelease: Sendable, Hashable {
    public let version: Int
    public let expiresAt: Date
    /// Whether this node is the one that publishes it (the province itself): the remedy
    /// is then a new release, not a sync with a parent.
    public let publishedHere: Bool

    /// The release, when it is the province's and past its expiry at `now`.
    public init?(_ release: AcceptedRelease?, home: UnitCode, at now: Date) {
        guard let content = release?.content, content.isProvinceRelease, content.expiresAt <= now else { return nil }
        version = content.version
        expiresAt = content.expiresAt
        publishedHere = content.publisher == home
    }

    /// What a person reads, in Vietnamese, with the expiry in Vietnam's time.
    public var message: String {
        let remedy = publishedHere
            ? "hãy phát hành bản mới (baocao release publish)"
            : "hãy đồng bộ với cấp trên hoặc nhập bản mới qua USB"
        return "Bản phát hành của tỉnh đang dùng (phiên bản \(version)) đã hết hạn từ \(VietnamTime.displayText(expiresAt))"
            + " — danh sách thu hồi có thể đã cũ; \(remedy)."
    }

    /// The province release in force as the store holds it (the newest of the chain in
    /// force — after the 2025 reform, the successor's chain, not the one that ended:
    /// ``ProvinceChains``), for readers with no running node (`baocao status`).
    public static func provinceRelease(in store: NodeStore) throws -> AcceptedRelease? {
        try provinceChains(in: store).inForce
    }

    /// The province chains the store holds: the one in force and those that ended.
    public static func provinceChains(in store: NodeStore) throws -> ProvinceChains {
        ProvinceChains(latest: try store.latestReleases().map { try AcceptedRelease(bytes: $0.content) })
    }
}

extension NodeRuntime {
    /// The province release in force: the one the pipeline in force trusts, or, on a node
    /// whose trust cannot be loaded, the newest the store holds.
    public func provinceRelease() throws -> AcceptedRelease? {
        if let ingestor = try? ingestor() { return ingestor.trust.provinceRelease }
        return try ExpiredRelease.provinceRelease(in: store)
    }

    /// The province release in force, if it is past its expiry at `now`.
    public func expiredRelease(at now: Date) throws -> ExpiredRelease? {
        ExpiredRelease(try provinceRelease(), home: home, at: now)
    }
}
