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
///   indicators, received by the publisher, from units within the scope the province grants;
/// - a province release carrying a ``ReleaseContent/succession`` must satisfy it against
///   its own topology (every code known, every former unit with a successor, no cycle…);
/// - chains end and continue (the 2025 reform, ``ReleaseSuccessor``, ``ReleaseLink``): a
///   release naming a ``ReleaseContent/successor`` closes its chain. A node holding it takes
///   no further release of that chain, and takes next only the successor's first release —
///   its publisher and version as named, signed by one of the successor's keys (never the
///   old chain's), and continuing (``ReleaseContent/continues``) exactly the release the
///   node holds. A release continuing another chain is refused by a node whose chain is not
///   closed; a node with no release yet takes it on its pinned keys. The successor's chain
///   then proceeds normally, and a node refuses any release of a chain it saw end.
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

    /// A province release signed by `signer`, given the current one (if any) and the last
    /// releases of the chains this node saw end before it (``ProvinceChains/ended``).
    public func evaluate(_ candidate: AcceptedRelease, signedBy signer: Certificate, current: AcceptedRelease?,
                         ended: [AcceptedRelease] = []) -> Decision {
        let content = candidate.content
        // A release of a chain that ended here: its last release again is harmless, any
        // other is refused naming who continued it.
        if current?.content.publisher != content.publisher, let last = ended.first(where: { $0.content.publisher == content.publisher }) {
            if last.hash == candidate.hash, last.content.trust?.publishers.contains(signer.fingerprint) == true { return .duplicate }
            return .refuse(BundleError.releaseChainEnded(content, last: last.content))
        }
        if let current, let successor = current.content.successor, current.hash != candidate.hash {
            return evaluateSuccessor(candidate, signedBy: signer, closing: current, successor: successor)
        }
        // Continuing another chain is for a node whose chain ended, or that has none yet —
        // or a node of the continuing chain itself, which takes it as its next release.
        if let current, current.hash != candidate.hash, current.content.publisher != content.publisher, let link = content.continues?.first {
            return .refuse(BundleError.releaseContinuesOpenChain(content, link: link, current: current.content))
        }
        // The publisher first: the release in force arriving again inside a bundle signed
        // by anyone else is a forgery, not a duplicate.
        let trusted = current?.content.trust?.publishers ?? pinnedPublishers
        guard trusted.contains(signer.fingerprint) else { return .refuse(BundleError.unauthorizedPublisher(signer)) }
        if let current, current.hash == candidate.hash { return .duplicate }
        do {
            try checkProvinceContent(content)
            try checkChain(candidate, current: current)
            return .accept
        } catch let error as BundleError {
            return .refuse(error)
        } catch {
            return .refuse(BundleError.invalidRelease("\(error)"))
        }
    }

    /// The release that may follow a closing one: only the successor's named first release,
    /// signed by one of the successor's keys, continuing exactly the closing release.
    private func evaluateSuccessor(_ candidate: AcceptedRelease, signedBy signer: Certificate, closing: AcceptedRelease,
                                   successor: ReleaseSuccessor) -> Decision {
        let content = candidate.content
        let last = closing.content
        let sameCode = successor.publisher == last.publisher
        if content.publisher == last.publisher, !sameCode || content.version < successor.firstVersion {
            return .refuse(BundleError.releaseChainEnded(content, last: last))
        }
        guard content.publisher == successor.publisher else { return .refuse(BundleError.releaseNotSuccessor(content, closing: last)) }
        guard successor.publisherKeys.contains(signer.fingerprint) else {
            return .refuse(BundleError.unauthorizedSuccessorPublisher(signer, closing: last))
        }
        do {
            guard content.version == successor.firstVersion else {
                throw BundleError.releaseNotSuccessor(content, closing: last)
            }
            let link = ReleaseLink(publisher: last.publisher, version: last.version, hash: closing.hash)
            guard content.continues?.contains(link) == true else { throw BundleError.releaseContinuationMismatch(content, closing: last) }
            try checkProvinceContent(content)
            guard content.expiresAt > now else { throw BundleError.releaseExpired(content) }
            if content.version == 1, content.previousHash != nil {
                throw BundleError.invalidRelease("phiên bản 1 không được nêu bản phát hành trước")
            }
            return .accept
        } catch let error as BundleError {
            return .refuse(error)
        } catch {
            return .refuse(BundleError.invalidRelease("\(error)"))
        }
    }

    /// What every province release must hold whatever its place in a chain: a topology
    /// headed by its publisher, a catalog and a trust list that check, and a succession (if
    /// it carries one) with no problem against that topology.
    private func checkProvinceContent(_ content: ReleaseContent) throws {
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
        if let succession = content.succession, let problem = succession.problems(against: topology).first {
            throw BundleError.releaseSuccessionInvalid(content, problem: problem)
        }
        if let problem = SuccessionRevocation.problem(in: content.revoked ?? [], succession: content.succession) {
            throw BundleError.invalidRelease(problem)
        }
        if let successor = content.successor {
            guard !successor.publisherKeys.isEmpty, successor.firstVersion >= 1 else {
                throw BundleError.invalidRelease("bản phát hành kết thúc chuỗi phải nêu khóa phát hành và phiên bản đầu tiên của tỉnh kế tiếp \(successor.publisher)")
            }
            if successor.publisher == content.publisher, successor.firstVersion <= content.version {
                throw BundleError.invalidRelease("chuỗi mới của \(content.publisher) phải bắt đầu sau phiên bản \(content.version)")
            }
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
    public static let releaseSuccessionInvalid = Self("releaseSuccessionInvalid")
    public static let releaseChainEnded = Self("releaseChainEnded")
    public static let releaseNotSuccessor = Self("releaseNotSuccessor")
    public static let releaseContinuationMismatch = Self("releaseContinuationMismatch")
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

    static func releaseSuccessionInvalid(_ candidate: ReleaseContent, problem: CoreError, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.releaseSuccessionInvalid,
            message: "Bản phát hành phiên bản \(candidate.version) của \(candidate.publisher) bị từ chối: \(problem.message)",
            log: "release \(candidate.publisher) v\(candidate.version) carries an invalid succession: \(problem.logDescription)", file: file, line: line)
    }

    /// A release of a chain whose last release (naming its successor) this node holds.
    static func releaseChainEnded(_ candidate: ReleaseContent, last: ReleaseContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        let successor = last.successor.map { "tỉnh \($0.publisher) tiếp nối từ phiên bản \($0.firstVersion)" } ?? "chuỗi đã được tiếp nối"
        return BundleError(.releaseChainEnded,
            message: "Chuỗi bản phát hành của \(last.publisher) đã kết thúc ở phiên bản \(last.version) (\(successor)); "
                + "không nhận thêm bản phát hành nào của chuỗi đó (nhận được phiên bản \(candidate.version)).",
            log: "release \(candidate.publisher) v\(candidate.version) of a chain that ended at v\(last.version)", file: file, line: line)
    }

    /// A release that is not the first release of the successor the closing release names.
    static func releaseNotSuccessor(_ candidate: ReleaseContent, closing: ReleaseContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        let named = closing.successor.map { "bản phát hành phiên bản \($0.firstVersion) của tỉnh \($0.publisher)" } ?? "tỉnh kế tiếp"
        return BundleError(.releaseNotSuccessor,
            message: "Bản phát hành phiên bản \(candidate.version) của \(candidate.publisher) không tiếp nối chuỗi đang dùng: chuỗi của "
                + "\(closing.publisher) đã kết thúc ở phiên bản \(closing.version) và chỉ nhận tiếp \(named).",
            log: "release \(candidate.publisher) v\(candidate.version) is not the successor named by \(closing.publisher) v\(closing.version)",
            file: file, line: line)
    }

    /// The successor's release signed by a key the closing release does not name for it.
    static func unauthorizedSuccessorPublisher(_ signer: Certificate, closing: ReleaseContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        let successor = closing.successor?.publisher.rawValue ?? "?"
        return BundleError(.unauthorizedPublisher,
            message: "Bản phát hành của tỉnh \(successor) được ký bởi \(signer.subject), không phải khóa phát hành mà bản phát hành cuối "
                + "của \(closing.publisher) (phiên bản \(closing.version)) chỉ định cho tỉnh kế tiếp.",
            log: "successor release signed by \(signer.fingerprint), not a key named by \(closing.publisher) v\(closing.version)",
            file: file, line: line)
    }

    /// The successor's first release not naming the closing release this node holds.
    static func releaseContinuationMismatch(_ candidate: ReleaseContent, closing: ReleaseContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        let named = (candidate.continues ?? []).map { "\($0.publisher) phiên bản \($0.version)" }.joined(separator: ", ")
        return BundleError(.releaseContinuationMismatch,
            message: "Bản phát hành phiên bản \(candidate.version) của \(candidate.publisher) không nối tiếp bản phát hành đang dùng "
                + "(\(closing.publisher) phiên bản \(closing.version))"
                + (named.isEmpty ? ": nó không nêu chuỗi nào nó tiếp nối." : ": nó nêu \(named), không đúng bản này."),
            log: "release \(candidate.publisher) v\(candidate.version) does not continue \(closing.publisher) v\(closing.version)",
            file: file, line: line)
    }

    /// A release continuing another chain at a node whose chain in force did not end.
    static func releaseContinuesOpenChain(_ candidate: ReleaseContent, link: ReleaseLink, current: ReleaseContent,
                                          file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.releaseContinuationMismatch,
            message: "Bản phát hành phiên bản \(candidate.version) của \(candidate.publisher) ghi là tiếp nối chuỗi của \(link.publisher) "
                + "(phiên bản \(link.version)), nhưng chuỗi đang dùng ở nút này (\(current.publisher) phiên bản \(current.version)) chưa được "
                + "kết thúc bằng bản phát hành chỉ định tỉnh kế tiếp.",
            log: "release \(candidate.publisher) v\(candidate.version) continues \(link.publisher) v\(link.version) but \(current.publisher) v\(current.version) is open",
            file: file, line: line)
    }
}
