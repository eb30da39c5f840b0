import BaoCaoCore
import Foundation

/// What is known of the revocation of one signer's certificate chain, for a signature that
/// verified (``VerifiedBundle/revocation``).
///
/// A chain revoked before its bundle arrived is no status but a refusal; this says how far
/// the rest could be checked.
public struct RevocationStatus: Sendable, Hashable {
    /// An authority of the chain whose revocation list could not be consulted.
    public struct UncheckedAuthority: Sendable, Hashable {
        /// The authority's name (its certificate's subject).
        public let authority: String
        /// When its newest list in the release stopped being current; `nil` when the
        /// release carries no list of it at all.
        public let listExpiredAt: Date?
    }

    /// A revocation dated after the bundle arrived: the signature stands (it was made and
    /// received while the certificate was good), but the certificate is revoked now.
    public struct LaterRevocation: Sendable, Hashable {
        public let certificate: String
        /// The authority whose CRL lists it, or `nil` for the province's own list.
        public let authority: String?
        public let revokedAt: Date
    }

    /// The signer's certificate (first of its chain).
    public let signer: String
    /// The authorities whose current list was consulted.
    public let checkedAuthorities: [String]
    /// The authorities without a current list: "revocation not checked" for what they issued.
    public let uncheckedAuthorities: [UncheckedAuthority]
    public let laterRevocations: [LaterRevocation]

    /// Whether every authority of the chain had a current list.
    public var isChecked: Bool { uncheckedAuthorities.isEmpty }

    /// One line in Vietnamese for people: whether revocation was checked, and against what.
    public var summary: String {
        var parts: [String] = []
        if isChecked {
            let against = checkedAuthorities.isEmpty ? "" : " theo danh sách thu hồi (CRL) của \(checkedAuthorities.joined(separator: "; "))"
            parts.append("đã kiểm tra tình trạng thu hồi\(against)" + (laterRevocations.isEmpty ? ": không bị thu hồi" : ""))
        } else {
            let reasons = uncheckedAuthorities.map { unchecked in
                unchecked.listExpiredAt.map { "danh sách thu hồi của \(unchecked.authority) đã hết hạn từ \(VietnameseTime.text($0))" }
                    ?? "bản phát hành không có danh sách thu hồi của \(unchecked.authority)"
            }
            parts.append("chưa kiểm tra được tình trạng thu hồi (\(reasons.joined(separator: "; ")))")
        }
        for later in laterRevocations {
            let by = later.authority.map { "bị \($0) thu hồi" } ?? "bị tỉnh thu hồi"
            parts.append("chứng thư \(later.certificate) \(by) từ \(VietnameseTime.text(later.revokedAt)), sau khi gói tin đến: chữ ký vẫn có giá trị")
        }
        return parts.joined(separator: "; ")
    }
}
