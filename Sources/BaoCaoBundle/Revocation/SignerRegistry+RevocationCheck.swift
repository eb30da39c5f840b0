import BaoCaoCore
import Foundation

extension SignerRegistry {
    /// Checks one signer's chain (signer first, trust anchor last) for revocation, against
    /// the province's own list (``revoked``) and each issuing authority's CRLs
    /// (``revocationLists``), for a bundle this node recorded as arrived at `arrivedAt`.
    ///
    /// The rule is the same for both lists: a certificate revoked at or before the bundle
    /// arrived refuses it; one revoked later leaves the signature valid — it was made and
    /// received while the certificate was good — and is noted in the status. An authority
    /// with no list current at `now` (none in the release, or past its nextUpdate) is noted
    /// as not checked rather than refusing the bundle; a list past its nextUpdate still
    /// counts for the revocations it names.
    ///
    /// The one exception: a succession's revocation of a former unit's certificate leaves
    /// valid its late report for a period before the reform and its history handed over,
    /// until the grace ends (`bundle`, ``SignerRegistry/Revocation/excuses(_:arrivedAt:)``).
    ///
    /// #### Errors
    /// ``BundleError`` `certificateRevoked`, naming the certificate, who revoked it and when.
    public func revocationStatus(of chain: [Certificate], arrivedAt: Date, now: Date,
                                 bundle: RevokedSignerBundle? = nil) throws -> RevocationStatus {
        var checked: [String] = []
        var unchecked: [RevocationStatus.UncheckedAuthority] = []
        var later: [RevocationStatus.LaterRevocation] = []
        for (index, certificate) in chain.enumerated() {
            if let revocation = self.revocation(of: certificate.fingerprint) {
                guard revocation.revokedAt > arrivedAt || bundle.map({ revocation.excuses($0, arrivedAt: arrivedAt) }) == true else {
                    throw BundleError.certificateRevoked(certificate, revocation: revocation, arrivedAt: arrivedAt)
                }
                later.append(.init(certificate: certificate.subject, authority: nil, revokedAt: revocation.revokedAt))
            }
            // The anchor ends the chain: no authority above it lists it.
            guard index + 1 < chain.count else { continue }
            let authority = chain[index + 1]
            let lists = revocationLists.issued(by: authority)
            for list in lists {
                guard let revokedAt = list.revocationDate(of: certificate) else { continue }
                guard revokedAt > arrivedAt else {
                    throw BundleError.certificateRevoked(certificate, by: authority, at: revokedAt, arrivedAt: arrivedAt)
                }
                later.append(.init(certificate: certificate.subject, authority: authority.subject, revokedAt: revokedAt))
                break
            }
            if lists.contains(where: { $0.isCurrent(at: now) }) {
                if !checked.contains(authority.subject) { checked.append(authority.subject) }
            } else if !unchecked.contains(where: { $0.authority == authority.subject }) {
                unchecked.append(.init(authority: authority.subject, listExpiredAt: lists.compactMap(\.nextUpdate).max()))
            }
        }
        return RevocationStatus(signer: chain.first?.subject ?? "", checkedAuthorities: checked, uncheckedAuthorities: unchecked,
                                laterRevocations: later)
    }
}

extension BundleError {
    /// Revoked by the province's own list before the bundle arrived.
    static func certificateRevoked(_ certificate: Certificate, revocation: SignerRegistry.Revocation, arrivedAt: Date,
                                   file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.certificateRevoked,
            message: "Chứng thư số \(certificate.subject) (số hiệu \(certificate.serialNumber)) đã bị tỉnh thu hồi từ \(VietnameseTime.text(revocation.revokedAt)) (\(revocation.reason)), trước khi gói tin đến lúc \(VietnameseTime.text(arrivedAt)).",
            log: "certificate \(certificate.fingerprint) revoked by the province at \(revocation.revokedAt), before arrival at \(arrivedAt)",
            file: file, line: line)
    }

    /// Listed in its authority's CRL with a revocation date before the bundle arrived.
    static func certificateRevoked(_ certificate: Certificate, by authority: Certificate, at revokedAt: Date, arrivedAt: Date,
                                   file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.certificateRevoked,
            message: "Chứng thư số \(certificate.subject) (số hiệu \(certificate.serialNumber)) đã bị tổ chức cấp chứng thư \(authority.subject) thu hồi từ \(VietnameseTime.text(revokedAt)) theo danh sách thu hồi (CRL), trước khi gói tin đến lúc \(VietnameseTime.text(arrivedAt)).",
            log: "certificate \(certificate.fingerprint) serial \(certificate.serialNumber) revoked by \(authority.subject) at \(revokedAt) (CRL), before arrival at \(arrivedAt)",
            file: file, line: line)
    }
}
