import BaoCaoBundle
import BaoCaoCore
import Foundation

/// Who may have signed a backup that this node restores: the signature over `backup.json`
/// (a detached CMS signature, as a bundle's over its manifest) must verify, its signer's
/// certificate must chain to the anchors this node trusts, be valid when it signed, not be
/// revoked, allow signing and be registered for this node's unit — the same checks a
/// bundle's signer meets (``BundleVerifier``), with the trust in force here.
public struct BackupSignerCheck: Sendable {
    public let trust: TrustStore
    public let registry: SignerRegistry
    public let clockTolerance: TimeInterval

    public init(trust: TrustStore, registry: SignerRegistry, clockTolerance: TimeInterval) {
        self.trust = trust
        self.registry = registry
        self.clockTolerance = clockTolerance
    }

    /// The trust and registry of what a node holds in force (``NodeTrust``).
    public init(_ nodeTrust: NodeTrust) {
        self.init(trust: nodeTrust.verifier.trust, registry: nodeTrust.verifier.registry, clockTolerance: nodeTrust.verifier.clockTolerance)
    }

    /// Checks `signatureDER` over `content` for `unit`; returns the signer's certificate.
    ///
    /// #### Errors
    /// A ``BackupError`` naming, in Vietnamese, what is wrong with the signature or signer.
    public func check(signatureDER: Data, over content: Data, for unit: UnitCode) throws(BackupError) -> Certificate {
        let signature: DetachedSignature
        let signer: Certificate
        do {
            signature = try DetachedSignature(der: signatureDER)
        } catch {
            throw BackupError.invalid("chữ ký số của bản sao lưu (\(NodeBackup.signatureName)) bị hỏng")
        }
        do {
            signer = try signature.verify(content: content)
        } catch {
            throw BackupError.invalid("chữ ký số không khớp nội dung: bản sao lưu đã bị sửa sau khi ký")
        }
        guard let signingTime = signature.signingTime else { throw BackupError.invalid("chữ ký số không có thời điểm ký") }
        let chain: [Certificate]
        switch trust.chain(for: signer, offered: signature.certificates) {
        case .success(let built): chain = built
        case .failure:
            throw BackupError.invalid("người ký (\(signer.subject)) không có chứng thư do chứng thư gốc mà nút tin cậy cấp")
        }
        for certificate in chain {
            if let revocation = registry.revocation(of: certificate.fingerprint) {
                throw BackupError.invalid("chứng thư \(certificate.subject) đã bị thu hồi (\(revocation.reason))")
            }
            if signingTime.addingTimeInterval(clockTolerance) < certificate.notBefore
                || signingTime.addingTimeInterval(-clockTolerance) > certificate.notAfter {
                throw BackupError.invalid("chứng thư \(certificate.subject) không còn hiệu lực lúc ký bản sao lưu")
            }
        }
        guard signer.allowsSigning else { throw BackupError.invalid("chứng thư \(signer.subject) không dùng để ký số") }
        guard registry.isRegistered(signer.fingerprint, for: unit) else {
            throw BackupError.invalid("người ký (\(signer.subject)) không được đăng ký ký thay mặt đơn vị \(unit)")
        }
        return signer
    }
}
