import BaoCaoCore
import Foundation

/// Decides whether a node takes a release, after TUF (DESIGN §3):
///
/// - versions strictly increase and each names the hash of the one before it, so a
///   release cannot be rolled back, forked or skipped;
/// - the same release arriving again is a harmless duplicate;
/// - a release past its expiry is refused;
/// - a province release must be signed by a key the currently trusted release names as
///   a publisher (before any release, the keys pinned in the node's configuration); a
///   key is rotated by a release, signed by the old key, that names the new one;
/// - every revocation list (CRL) a province release carries reads and is signed by one of
///   its anchors or intermediates;
/// - a local release only adds its publisher's own namespaced regimes, forms and
///   indicators, received by the publisher, from units within the scope the province grants.
public struct ReleaseGate: Sendable {
    public enum Decision: Sendable, Equatable {
        case accept
        case duplicate
        case refuse(BundleError)
    }

    /// Publisher fingerprints trusted before the first release (from the node's configuration).
    public var pinnedPublishers: [String]
    public var now: Date

    public init(pinnedPublishers: [String], now: Date) {
        self.pinnedPublishers = pinnedPublishers
        self.now = now
    }

    /// A province release signed by `signer`, given the current one (if any).
    public func evaluate(_ candidate: AcceptedRelease, signedBy signer: Certificate, current: AcceptedRelease?) -> Decision {
        let content = candidate.content
        // The publisher first: the release in force arriving again inside a bundle signed
        // by anyone else is a forgery, not a duplicate.
        let trusted = current?.content.trust?.publishers ?? pinnedPublishers
        guard trusted.contains(signer.fingerprint) else { return .refuse(BundleError.unauthorizedPublisher(signer)) }
        if let current, current.hash == candidate.hash { return .duplicate }
        do {
            guard content.isProvinceRelease, let trust = content.trust else {
                throw BundleError.invalidRelease("bản phát hành của tỉnh phải có danh sách đơn vị và danh sách tin cậy")
            }
            let topology = try content.validatedTopology()
            guard let publisher = topology.unit(code: content.publisher), publisher.parentCode == nil else {
                throw BundleError.invalidRelease("đơn vị phát hành \(content.publisher) không phải cấp cao nhất của danh sách đơn vị")
            }
            if let problem = content.catalog.problems(against: topology).first {
                throw BundleError.invalidRelease(problem.message)
            }
            guard !trust.publishers.isEmpty, !trust.anchors.isEmpty else {
                throw BundleError.invalidRelease("danh sách tin cậy không có khóa phát hành hoặc chứng thư gốc")
            }
            try trust.checkRevocationLists()
            try trust.checkEncryptionCertificates()
            try checkChain(candidate, current: current)
            return .accept
        } catch let error as BundleError {
            return .refuse(error)
        } catch {
            return .refuse(BundleError.invalidRelease("\(error)"))
        }
    }

    /// A local release by its publisher, given the publisher's current local release (if
    /// any) and the province release in force.
    public func evaluateLocal(_ candidate: AcceptedRelease, current: AcceptedRelease?, province: AcceptedRelease) -> Decision {
        if let current, current.hash == candidate.hash { return .duplicate }
        do {
            try LocalReleaseRules(province: province.content).check(candidate.content)
            try checkChain(candidate, current: current)
            return .accept
        } catch let error as BundleError {
            return .refuse(error)
        } catch {
            return .refuse(BundleError.invalidRelease("\(error)"))
        }
    }

    private func checkChain(_ candidate: AcceptedRelease, current: AcceptedRelease?) throws {
        let content = candidate.content
        guard content.expiresAt > now else { throw BundleError.releaseExpired(content) }
        guard content.version >= 1 else { throw BundleError.invalidRelease("số phiên bản phải từ 1") }
        guard let current else {
            if content.version == 1, content.previousHash != nil {
                throw BundleError.invalidRelease("phiên bản 1 không được nêu bản phát hành trước")
            }
            return
        }
        let previous = current.content
        guard content.publisher == previous.publisher else {
            throw BundleError.invalidRelease("đơn vị phát hành \(content.publisher) khác \(previous.publisher)")
        }
        if content.version < previous.version { throw BundleError.releaseRollback(content, current: previous) }
        if content.version == previous.version { throw BundleError.releaseFork(content, reason: "cùng số phiên bản \(content.version) nhưng nội dung khác") }
        if content.version > previous.version + 1 { throw BundleError.releaseGap(content, current: previous) }
        guard content.previousHash == current.hash else {
            throw BundleError.releaseFork(content, reason: "không nối tiếp phiên bản \(previous.version) đang dùng")
        }
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let unauthorizedPublisher = Self("unauthorizedPublisher")
    public static let releaseRollback = Self("releaseRollback")
    public static let releaseFork = Self("releaseFork")
    public static let releaseGap = Self("releaseGap")
    public static let releaseExpired = Self("releaseExpired")
    public static let localReleaseOutOfBounds = Self("localReleaseOutOfBounds")
}

extension BundleError {
    static func unauthorizedPublisher(_ signer: Certificate, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.unauthorizedPublisher,
            message: "Bản phát hành được ký bởi \(signer.subject), không phải khóa phát hành mà bản phát hành đang dùng cho phép.",
            log: "release signed by \(signer.fingerprint), not a trusted publisher key", file: file, line: line)
    }

    static func releaseRollback(_ candidate: ReleaseContent, current: ReleaseContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.releaseRollback,
            message: "Bản phát hành phiên bản \(candidate.version) cũ hơn phiên bản \(current.version) đang dùng (có thể là bản cũ bị gửi lại).",
            log: "release rollback: \(candidate.version) < \(current.version)", file: file, line: line)
    }

    static func releaseFork(_ candidate: ReleaseContent, reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.releaseFork, message: "Bản phát hành phiên bản \(candidate.version) bị từ chối: \(reason).",
                    log: "release fork at version \(candidate.version): \(reason)", file: file, line: line)
    }

    static func releaseGap(_ candidate: ReleaseContent, current: ReleaseContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.releaseGap,
            message: "Bản phát hành phiên bản \(candidate.version) đến trước các phiên bản \(current.version + 1)…\(candidate.version - 1); cần nhận các bản trung gian trước.",
            log: "release gap: have \(current.version), got \(candidate.version)", file: file, line: line)
    }

    static func releaseExpired(_ candidate: ReleaseContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.releaseExpired,
            message: "Bản phát hành phiên bản \(candidate.version) đã hết hạn từ \(VietnameseTime.text(candidate.expiresAt)).",
            log: "release \(candidate.version) expired at \(candidate.expiresAt)", file: file, line: line)
    }

    static func localReleaseOutOfBounds(_ publisher: UnitCode, _ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.localReleaseOutOfBounds,
            message: "Bản phát hành của đơn vị \(publisher) vượt quá phạm vi cho phép: \(reason).",
            log: "local release of \(publisher) out of bounds: \(reason)", file: file, line: line)
    }
}
