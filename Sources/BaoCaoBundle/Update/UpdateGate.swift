import BaoCaoCore
import Foundation

/// Decides whether a node takes a software update — the same rules as the release gate
/// (DESIGN §3), for the program instead of the configuration:
///
/// - it must be signed by a key the province release in force trusts for publishing: a
///   commune's own key, a district's, any registered signer that is not a publisher, is
///   refused — whoever could sign it could run code as every node of the province;
/// - versions strictly increase: an older version is a rollback (an old package with known
///   faults sent again), an equal version with other content a fork — both refused;
/// - the same update again is a harmless duplicate.
///
/// Unlike releases, an update may skip versions: each package is whole, and a node that
/// was offline for two updates needs only the newest. The chain (``UpdateContent/previousHash``)
/// is kept for audit, not required to be contiguous here.
public struct UpdateGate: Sendable {
    public enum Decision: Sendable, Equatable {
        case accept
        case duplicate
        case refuse(BundleError)
    }

    /// The publisher keys of the province release in force; empty before any release, and
    /// then no update is taken.
    public let publishers: [String]

    public init(publishers: [String]) {
        self.publishers = publishers
    }

    /// An update signed by `signer`, given the last update this node took (if any).
    public func evaluate(_ candidate: AcceptedUpdate, signedBy signer: Certificate, current: AcceptedUpdate?) -> Decision {
        guard !publishers.isEmpty else { return .refuse(BundleError.updateBeforeRelease()) }
        guard publishers.contains(signer.fingerprint) else { return .refuse(BundleError.unauthorizedUpdatePublisher(signer)) }
        guard let current else { return .accept }
        if current.hash == candidate.hash { return .duplicate }
        let (version, held) = (candidate.content.version, current.content.version)
        if version < held { return .refuse(BundleError.updateRollback(candidate.content, current: current.content)) }
        if version == held { return .refuse(BundleError.updateFork(candidate.content)) }
        return .accept
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let invalidUpdate = Self("invalidUpdate")
    public static let updatePackageMismatch = Self("updatePackageMismatch")
    public static let unauthorizedUpdatePublisher = Self("unauthorizedUpdatePublisher")
    public static let updateRollback = Self("updateRollback")
    public static let updateFork = Self("updateFork")
    public static let updateBeforeRelease = Self("updateBeforeRelease")
}

extension BundleError {
    static func invalidUpdate(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.invalidUpdate, message: "Bản cập nhật phần mềm không hợp lệ: \(reason).", log: "invalid software update: \(reason)",
                    file: file, line: line)
    }

    static func updatePackageMismatch(_ content: UpdateContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.updatePackageMismatch,
            message: "Gói cài đặt của bản cập nhật phiên bản \(content.version) không khớp cỡ hoặc mã băm SHA-256 ghi trong bản cập nhật (có thể đã bị sửa); không dùng được.",
            log: "update \(content.version): package does not match its description", file: file, line: line)
    }

    static func unauthorizedUpdatePublisher(_ signer: Certificate, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.unauthorizedUpdatePublisher,
            message: "Bản cập nhật phần mềm được ký bởi \(signer.subject), không phải khóa phát hành của tỉnh mà bản phát hành đang dùng cho phép; từ chối.",
            log: "software update signed by \(signer.fingerprint), not a trusted publisher key", file: file, line: line)
    }

    static func updateRollback(_ candidate: UpdateContent, current: UpdateContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.updateRollback,
            message: "Bản cập nhật phần mềm phiên bản \(candidate.version) cũ hơn phiên bản \(current.version) đã nhận (có thể là bản cũ bị gửi lại); từ chối.",
            log: "software update rollback: \(candidate.version) < \(current.version)", file: file, line: line)
    }

    static func updateFork(_ candidate: UpdateContent, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.updateFork,
            message: "Bản cập nhật phần mềm phiên bản \(candidate.version) trùng số phiên bản với bản đã nhận nhưng nội dung khác; từ chối.",
            log: "software update fork at \(candidate.version)", file: file, line: line)
    }

    static func updateBeforeRelease(file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.updateBeforeRelease,
            message: "Nút chưa nhận bản phát hành của tỉnh nên chưa biết khóa phát hành nào được tin cậy; chưa nhận được bản cập nhật phần mềm.",
            log: "software update before any province release", file: file, line: line)
    }
}
