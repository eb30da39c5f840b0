import BaoCaoCore
import COpenSSL
import Foundation

/// Sealing content to the units that may read it, and opening it (issue 19; DESIGN §7): a
/// DER CMS AuthEnvelopedData (RFC 5083) whose content is encrypted with AES-256-GCM
/// (RFC 5084) under a fresh key, and that key given to each recipient's encryption
/// certificate — RSAES-OAEP with SHA-256 and MGF1-SHA-256 for an RSA key, ECDH
/// (ephemeral-static, the SHA-256 X9.63 KDF, AES-256 key wrap) for an EC key.
///
/// A relay carries a sealed part it cannot read; only the holder of a recipient's private
/// key opens it, and the GCM tag refuses it if a single byte changed. `openssl cms -decrypt
/// -inform DER -recip CERT -inkey KEY` opens it too.
///
/// The content is sealed, not signed: who sealed it is what the bundle carrying it says,
/// under the unit's signature.
public enum SealedEnvelope {
    /// AES-256-GCM, fetched from the provider once.
    nonisolated(unsafe) private static let cipher: OpaquePointer = {
        guard let fetched = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else { fatalError("libcrypto has no AES-256-GCM") }
        return fetched
    }()

    /// `content` sealed to `recipients`' encryption certificates, as DER.
    ///
    /// #### Errors
    /// ``BundleError`` `envelopeRecipientNotAllowed` when there is no recipient, or one is
    /// not an encryption certificate (``Certificate/isForEncryption``: a signing
    /// certificate never is) or has a key below ``AlgorithmFloor``; `envelopeTooLarge` when
    /// the content, the envelope or the recipients are over `limits`; `cryptoFailure`.
    public static func seal(_ content: Data, to recipients: [Certificate], limits: EnvelopeLimits = .default) throws -> Data {
        var unique: [Certificate] = []
        for recipient in recipients where !unique.contains(recipient) { unique.append(recipient) }
        guard !unique.isEmpty else { throw BundleError.envelopeRecipientNotAllowed(nil, reason: "không có người nhận nào") }
        guard unique.count <= limits.maximumRecipients else { throw BundleError.envelopeTooManyRecipients(unique.count, limit: limits.maximumRecipients) }
        guard content.count <= limits.maximumSize else { throw BundleError.envelopeTooLarge(content.count, limit: limits.maximumSize) }
        for recipient in unique {
            guard recipient.isForEncryption else {
                throw BundleError.envelopeRecipientNotAllowed(recipient, reason: "đây không phải chứng thư mã hóa (cần keyEncipherment với khóa RSA hoặc keyAgreement với khóa EC, không dùng để ký số)")
            }
            if let weakness = AlgorithmFloor.keyWeakness(of: recipient) {
                throw BundleError.envelopeRecipientNotAllowed(recipient, reason: weakness)
            }
        }
        let sealed: Data = try withExtendedLifetime(unique) {
            let pointers: [OpaquePointer?] = unique.map(\.pointer)
            let cms = try MemoryBIO.withReading(content) { bio in
                pointers.withUnsafeBufferPointer { buffer in
                    baocao_cms_seal(buffer.baseAddress, Int32(buffer.count), bio, content.count, cipher, SHA256Digest.algorithm)
                }
            }
            guard let cms else { throw BundleError.cryptoFailure("niêm phong gói hồ sơ") }
            defer { CMS_ContentInfo_free(cms) }
            // DER straight into the result: one encoding, no intermediate buffer.
            let length = i2d_CMS_ContentInfo(cms, nil)
            guard length > 0 else { throw BundleError.cryptoFailure("ghi gói hồ sơ niêm phong") }
            var der = Data(count: Int(length))
            let written = der.withUnsafeMutableBytes { raw in
                var cursor = raw.bindMemory(to: UInt8.self).baseAddress
                return i2d_CMS_ContentInfo(cms, &cursor)
            }
            guard written == length else { throw BundleError.cryptoFailure("ghi gói hồ sơ niêm phong") }
            return der
        }
        guard sealed.count <= limits.maximumSize else { throw BundleError.envelopeTooLarge(sealed.count, limit: limits.maximumSize) }
        return sealed
    }

    /// The recipients `der` is sealed to, read without decrypting: the envelope is checked
    /// against `limits` and the profile first, so a list is only given for an envelope
    /// that could be opened.
    ///
    /// #### Errors
    /// ``BundleError`` `envelopeTooLarge`, `envelopeMalformed`, `envelopeWrongContentType`,
    /// `envelopeAlgorithmNotAllowed`.
    public static func recipients(of der: Data, limits: EnvelopeLimits = .default) throws -> [SealedRecipient] {
        try SealedStructure(der: der, limits: limits).recipients
    }

    /// Whether `der` is sealed to `certificate` (the envelope checked as by ``recipients(of:limits:)``).
    public static func isSealed(_ der: Data, for certificate: Certificate, limits: EnvelopeLimits = .default) throws -> Bool {
        try recipients(of: der, limits: limits).contains { $0.names(certificate) }
    }

    /// The content of `der`, opened with the unit's encryption identity (its key and
    /// encryption certificate).
    public static func open(_ der: Data, with identity: SigningIdentity, limits: EnvelopeLimits = .default) throws -> Data {
        try open(der, key: identity.key, certificate: identity.certificate, limits: limits)
    }

    /// The content of `der`, opened with `key` through the one recipient that names
    /// `certificate`; the GCM tag is checked over the whole content before anything is
    /// returned.
    ///
    /// #### Errors
    /// ``BundleError`` `envelopeNotForThisUnit` when no recipient is `certificate`
    /// ("gói hồ sơ không được niêm phong cho đơn vị này"); `envelopeTampered` when it does
    /// not open (content, tag or wrapped key changed); `envelopeTooLarge`,
    /// `envelopeMalformed`, `envelopeWrongContentType`, `envelopeAlgorithmNotAllowed` as
    /// ``recipients(of:limits:)``; `keyMismatch` when `key` is not `certificate`'s.
    public static func open(_ der: Data, key: PrivateKey, certificate: Certificate, limits: EnvelopeLimits = .default) throws -> Data {
        let recipients = try SealedStructure(der: der, limits: limits).recipients
        guard recipients.contains(where: { $0.names(certificate) }) else {
            throw BundleError.envelopeNotForThisUnit(certificate, recipients: recipients)
        }
        guard key.matches(certificate) else { throw BundleError.keyMismatch(certificate) }
        let cms: OpaquePointer? = der.withUnsafeBytes { raw in
            var cursor = raw.bindMemory(to: UInt8.self).baseAddress.map { UnsafePointer<UInt8>?($0) } ?? nil
            return d2i_CMS_ContentInfo(nil, &cursor, raw.count)
        }
        guard let cms else { throw BundleError.envelopeMalformed("thư viện mã hóa không đọc được cấu trúc (\(OpenSSLFailure.drain()))") }
        defer { CMS_ContentInfo_free(cms) }
        // The content is never longer than the envelope: room for it all at once, decrypted
        // in place, and kept only once the tag has matched.
        var content = Data(count: der.count)
        var length = 0
        let status = withExtendedLifetime((key, certificate)) {
            content.withUnsafeMutableBytes { raw in
                baocao_cms_open(cms, key.pointer, certificate.pointer, raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &length)
            }
        }
        guard status == 1 else { throw BundleError.envelopeTampered() }
        content.count = length
        return content
    }
}
