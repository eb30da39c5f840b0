import BaoCaoCore
import Foundation

/// A signing identity whose private key stays on a PKCS#11 token (a USB signing token,
/// a smart card, an HSM), reached through libp11's OpenSSL engine: the key is an
/// `EVP_PKEY` that ``DetachedSignature/sign(_:with:at:)`` and
/// ``SigningIdentity/signSHA256(_:)`` use as they use a key read from a file, each
/// signature made by the token.
///
/// The engine is loaded once per module and process. A process that has logged in to a
/// token stays logged in (as every PKCS#11 application does): a later load in the same
/// process does not ask the token to check the PIN again.
public enum PKCS11Token {
    /// Loads the key the URI names with `pin`, and its certificate: the one given, or else
    /// the certificate on the token with the same id or label (plus `chain`, the
    /// intermediates). Refuses, before anything can be signed, a certificate that is not
    /// the key's, or that is not valid at `now`.
    ///
    /// - Throws: ``BundleError`` — `.tokenModuleMissing`, `.tokenNotFound`, `.tokenWrongPIN`,
    ///   `.tokenLocked`, `.tokenFailure` (see ``TokenFailure``), `.signingCertificateExpired`,
    ///   `.signingCertificateNotYetValid`, `.keyMismatch`, `.weakKey`.
    public static func signingIdentity(key uri: PKCS11URI, module: String, pin: String, certificate: Certificate? = nil,
                                       chain: [Certificate] = [], now: Date = Date()) throws -> SigningIdentity {
        let engine = try PKCS11Engine.bound(to: module)
        let loaded = try engine.load(uri, pin: pin, withCertificate: certificate == nil)
        guard let leaf = certificate ?? loaded.certificate else { throw BundleError.tokenNotFound(uri) }
        try PrivateKey.checkStrength(loaded.key.pointer)
        try leaf.checkValidForSigning(at: now)
        return try SigningIdentity(key: loaded.key, certificate: leaf, chain: chain)
    }
}

extension Certificate {
    /// Refuses to sign with a certificate outside its validity at `now`: what it signed
    /// would be refused by every receiver.
    func checkValidForSigning(at now: Date) throws {
        if now > notAfter { throw BundleError.signingCertificate(self, expired: true) }
        if now < notBefore { throw BundleError.signingCertificate(self, expired: false) }
    }
}

extension BundleError {
    static func signingCertificate(_ certificate: Certificate, expired: Bool, file: String = #fileID, line: UInt = #line) -> BundleError {
        let name = certificate.commonName ?? certificate.subject
        return expired
            ? BundleError(.signingCertificateExpired,
                message: "Chứng thư số của \(name) đã hết hạn từ \(VietnamTime.displayText(certificate.notAfter)): không ký bằng chứng thư này. "
                    + "Hãy gia hạn chứng thư số với tổ chức cung cấp.",
                log: "signing certificate \(certificate.fingerprint) expired at \(certificate.notAfter)", file: file, line: line)
            : BundleError(.signingCertificateNotYetValid,
                message: "Chứng thư số của \(name) chỉ có hiệu lực từ \(VietnamTime.displayText(certificate.notBefore)): chưa ký được bằng chứng thư này. "
                    + "Hãy kiểm tra đồng hồ của máy.",
                log: "signing certificate \(certificate.fingerprint) not valid before \(certificate.notBefore)", file: file, line: line)
    }
}
