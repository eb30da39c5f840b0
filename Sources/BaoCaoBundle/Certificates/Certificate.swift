import BaoCaoCore
import COpenSSL
import Foundation

/// An X.509 certificate (chứng thư số), held by libcrypto.
///
/// Immutable once made, so it is shared freely between tasks. Identified in registries
/// by ``fingerprint``: the SHA-256 of its DER encoding, in hex.
public final class Certificate: @unchecked Sendable, Hashable, CustomStringConvertible {
    let pointer: OpaquePointer

    /// Takes ownership of one reference to `pointer`, also when it throws: a certificate
    /// that cannot be encoded is freed here, so a caller never has to.
    ///
    /// Everything derived from the certificate is computed here, once, so that the type is
    /// immutable and no property has to hide a libcrypto failure behind an empty value.
    init(owning pointer: OpaquePointer) throws {
        let owned = Owned(pointer, free: X509_free)
        let der = try Self.encodeDER(pointer)
        self.der = der
        self.fingerprint = try SHA256Digest.hexDigest(of: der)
        self.issuerAndSerialNumber = try? IssuerAndSerialNumber(certificateDER: der)
        self.subject = try Self.describe(X509_get_subject_name(pointer))
        self.issuer = try Self.describe(X509_get_issuer_name(pointer))
        self.serialNumber = try Self.serialNumber(pointer)
        self.notBefore = try Self.date(X509_get0_notBefore(pointer))
        self.notAfter = try Self.date(X509_get0_notAfter(pointer))
        self.pointer = owned.take()
    }

    /// Takes a new reference to a certificate libcrypto owns elsewhere.
    convenience init(retaining pointer: OpaquePointer) throws {
        guard X509_up_ref(pointer) == 1 else { throw BundleError.cryptoFailure("giữ chứng thư") }
        try self.init(owning: pointer)
    }

    deinit { X509_free(pointer) }

    /// The DER encoding.
    public let der: Data
    /// SHA-256 of the DER encoding, 64 lowercase hex digits.
    public let fingerprint: String
    /// How a CMS signature names this certificate, as DER; nothing if the certificate's
    /// own encoding is not strict DER (then no signature can name it).
    let issuerAndSerialNumber: IssuerAndSerialNumber?

    /// Reads one certificate from DER.
    public convenience init(der: Data) throws {
        let pointer: OpaquePointer? = der.withUnsafeBytes { raw in
            var cursor = raw.bindMemory(to: UInt8.self).baseAddress.map { UnsafePointer<UInt8>?($0) } ?? nil
            return d2i_X509(nil, &cursor, raw.count)
        }
        guard let pointer else { throw BundleError.invalidCertificate("DER") }
        try self.init(owning: pointer)
    }

    /// Reads the first certificate of a PEM text.
    public convenience init(pem: Data) throws {
        guard let first = try Certificate.all(pem: pem).first else { throw BundleError.invalidCertificate("PEM") }
        try self.init(retaining: first.pointer)
    }

    /// Every certificate in a PEM text, in order.
    public static func all(pem: Data) throws -> [Certificate] {
        try MemoryBIO.withReading(pem) { bio in
            var result: [Certificate] = []
            while let pointer = PEM_read_bio_X509(bio, nil, nil, nil) {
                result.append(try Certificate(owning: pointer))
            }
            ERR_clear_error()  // the loop ends on a "no start line" error
            return result
        }
    }

    /// The PEM encoding: the DER in base64, which cannot fail once the DER exists.
    public var pem: Data { PEM.encode(der, label: "CERTIFICATE") }

    /// The subject as one line (`CN=…, OU=…, O=…`), UTF-8.
    public let subject: String
    public let issuer: String

    /// The common name (CN) of the subject, if any.
    public var commonName: String? { entry(NID_commonName) }
    /// The organisational unit (OU): BaoCao puts the unit code there.
    public var organizationalUnit: String? { entry(NID_organizationalUnitName) }

    public let notBefore: Date
    public let notAfter: Date

    /// The serial number in hex.
    public let serialNumber: String

    /// Whether the key usage extension allows digital signatures (or there is none).
    public var allowsSigning: Bool { baocao_x509_allows_signing(pointer) == 1 }
    /// Whether the key usage asserts non-repudiation, as a person's legally binding signature needs.
    public var allowsNonRepudiation: Bool { baocao_x509_allows_non_repudiation(pointer) == 1 }
    public var isCertificateAuthority: Bool { baocao_x509_is_ca(pointer) == 1 }

    /// Whether the certificate names `host` (its subject alternative names, as TLS checks them).
    public func names(host: String) -> Bool {
        X509_check_host(pointer, host, host.utf8.count, 0, nil) == 1
    }

    /// "RSA 2048" or "EC P-256", for display.
    public var keyDescription: String {
        guard let key = X509_get0_pubkey(pointer) else { return "?" }
        let bits = EVP_PKEY_get_bits(key)
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA: return "RSA \(bits)"
        case EVP_PKEY_EC: return "EC \(bits)"
        default: return "khóa \(bits) bit"
        }
    }

    public var description: String { "\(subject) [\(fingerprint.prefix(16))…]" }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.fingerprint == rhs.fingerprint }
    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    // MARK: - Helpers

    private func entry(_ nid: Int32) -> String? {
        guard let name = X509_get_subject_name(pointer) else { return nil }
        return Self.entry(nid, in: name)
    }

    static func entry(_ nid: Int32, in name: OpaquePointer) -> String? {
        let index = X509_NAME_get_index_by_NID(name, nid, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index), let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = ASN1_STRING_to_UTF8(&out, data)
        guard length >= 0, let out else { return nil }
        defer { baocao_OPENSSL_free(out) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }

    static func describe(_ name: OpaquePointer?) throws -> String {
        guard let name else { throw BundleError.cryptoFailure("đọc tên chứng thư") }
        let text = try MemoryBIO.collecting({ bio in
            X509_NAME_print_ex(bio, name, 0, baocao_name_print_flags()) >= 0
        }, what: "đọc tên chứng thư", allowingEmpty: true)
        return String(decoding: text, as: UTF8.self)
    }

    /// A validity date; a certificate whose dates libcrypto cannot read is refused rather
    /// than given a date of 1970.
    private static func date(_ time: UnsafePointer<ASN1_TIME>?) throws -> Date {
        let seconds = baocao_asn1_time_to_unix(time)
        guard seconds != -1 else { throw BundleError.invalidCertificate("thời hạn hiệu lực") }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func serialNumber(_ pointer: OpaquePointer) throws -> String {
        guard let bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(pointer), nil) else {
            throw BundleError.cryptoFailure("đọc số hiệu chứng thư")
        }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { throw BundleError.cryptoFailure("đọc số hiệu chứng thư") }
        defer { baocao_OPENSSL_free(hex) }
        return String(cString: hex).lowercased()
    }

    private static func encodeDER(_ pointer: OpaquePointer) throws -> Data {
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_X509(pointer, &out)
        guard let out else { throw BundleError.cryptoFailure("ghi chứng thư (DER)") }
        defer { baocao_OPENSSL_free(out) }
        guard length > 0 else { throw BundleError.cryptoFailure("ghi chứng thư (DER)") }
        return Data(bytes: out, count: Int(length))
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let invalidCertificate = Self("invalidCertificate")
}

extension BundleError {
    static func invalidCertificate(_ format: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.invalidCertificate,
            message: "Không đọc được chứng thư số (\(format)). Hãy kiểm tra tệp chứng thư.",
            log: "cannot parse certificate (\(format)): \(OpenSSLFailure.drain())", file: file, line: line)
    }
}
