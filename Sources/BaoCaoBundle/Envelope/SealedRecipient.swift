import COpenSSL
import Foundation

/// One recipient a sealed envelope names: whose encryption certificate can open it, and
/// how the content key reaches that key. Read without decrypting anything
/// (``SealedEnvelope/recipients(of:limits:)``), so that a node tells whether a sealed part
/// is for it before trying.
public struct SealedRecipient: Sendable, Hashable, CustomStringConvertible {
    /// How the content-encryption key is given to the recipient.
    public enum KeyManagement: String, Sendable, Hashable {
        /// Key transport (KeyTransRecipientInfo) with RSAES-OAEP, SHA-256 and MGF1-SHA-256.
        case rsaOAEP
        /// Key agreement (KeyAgreeRecipientInfo): ECDH, ephemeral-static, the X9.63 KDF with
        /// SHA-256, and AES-256 key wrap.
        case ecdh
    }

    /// How the envelope names the recipient's certificate.
    public enum Identifier: Sendable, Hashable {
        /// The certificate's issuer (as one line, `CN=…, O=…`) and serial number (lowercase
        /// hex, as ``Certificate/serialNumber``).
        case issuerAndSerialNumber(issuer: String, serialNumber: String)
        /// The certificate's subject key identifier, in lowercase hex.
        case subjectKeyIdentifier(String)
    }

    public let identifier: Identifier
    public let keyManagement: KeyManagement
    /// The DER of the issuer Name and of the serial INTEGER, or of the key identifier, as
    /// the envelope carries them: compared byte for byte with a certificate's.
    private let issuerDER: [UInt8]
    private let serialDER: [UInt8]
    private let keyIdentifier: [UInt8]

    /// A recipient named by issuer and serial number (the DER of an IssuerAndSerialNumber).
    init(issuerAndSerialNumber element: DERReader.Element, keyManagement: KeyManagement) throws {
        var reader = DERReader(bytes: element.content)
        let issuer = try reader.read(tag: 0x30)
        let serial = try reader.readInteger()
        guard reader.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
        issuerDER = Array(issuer.whole)
        serialDER = Array(serial.whole)
        keyIdentifier = []
        identifier = .issuerAndSerialNumber(issuer: try Self.describe(name: issuerDER), serialNumber: Self.hex(magnitude: serial.content))
        self.keyManagement = keyManagement
    }

    /// A recipient named by the subject key identifier of its certificate.
    init(keyIdentifier: ArraySlice<UInt8>, keyManagement: KeyManagement) throws {
        guard !keyIdentifier.isEmpty else { throw BundleError.envelopeMalformed("mã định danh khóa của người nhận trống") }
        issuerDER = []
        serialDER = []
        self.keyIdentifier = Array(keyIdentifier)
        identifier = .subjectKeyIdentifier(SHA256Digest.hexString(Array(keyIdentifier)))
        self.keyManagement = keyManagement
    }

    /// Whether this recipient is `certificate`: the same issuer and serial number, or the
    /// same subject key identifier.
    public func names(_ certificate: Certificate) -> Bool {
        if !keyIdentifier.isEmpty { return certificate.subjectKeyIdentifier == keyIdentifier }
        guard let own = certificate.issuerAndSerialNumber else { return false }
        return own.issuer == issuerDER && own.serial == serialDER
    }

    public var description: String {
        let how = keyManagement == .rsaOAEP ? "RSA-OAEP SHA-256" : "ECDH SHA-256"
        switch identifier {
        case .issuerAndSerialNumber(let issuer, let serial): return "\(issuer) số hiệu \(serial) (\(how))"
        case .subjectKeyIdentifier(let identifier): return "khóa \(identifier) (\(how))"
        }
    }

    private static func describe(name der: [UInt8]) throws -> String {
        let name: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509_NAME(nil, &cursor, buffer.count)
        }
        guard let name else { throw BundleError.envelopeMalformed("không đọc được tên tổ chức cấp chứng thư của người nhận") }
        defer { X509_NAME_free(name) }
        return try Certificate.describe(name)
    }

    /// The INTEGER's magnitude in lowercase hex without leading zero bytes, as
    /// ``Certificate/serialNumber`` writes it.
    private static func hex(magnitude content: ArraySlice<UInt8>) -> String {
        let digits = Array(content.drop { $0 == 0 })
        return digits.isEmpty ? "0" : SHA256Digest.hexString(digits)
    }
}

extension Certificate {
    /// The subject key identifier extension's bytes, if the certificate has one.
    var subjectKeyIdentifier: [UInt8]? {
        guard let identifier = X509_get0_subject_key_id(pointer), let data = ASN1_STRING_get0_data(identifier) else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(identifier))))
    }

    /// Whether this is an encryption certificate: keyUsage keyEncipherment for an RSA key or
    /// keyAgreement for an EC key, without digitalSignature or nonRepudiation, and not a CA
    /// (``CertificateProfile/encryption``). A signing certificate is not one.
    public var isForEncryption: Bool { baocao_x509_is_for_encryption(pointer) == 1 }
}
