import BaoCaoCore
import COpenSSL
import Foundation

/// A certificate an authority revoked, as its own records keep it.
public struct RevokedCertificate: Sendable, Hashable, Codable {
    /// The serial number in hex, as ``Certificate/serialNumber`` gives it.
    public var serialNumber: String
    /// The certificate's subject, for people reading the records.
    public var subject: String
    public var revokedAt: Date
    /// Why, in Vietnamese.
    public var reason: String

    public init(serialNumber: String, subject: String, revokedAt: Date, reason: String) {
        self.serialNumber = serialNumber
        self.subject = subject
        self.revokedAt = revokedAt
        self.reason = reason
    }

    public init(_ certificate: Certificate, at revokedAt: Date, reason: String) {
        self.init(serialNumber: certificate.serialNumber, subject: certificate.subject, revokedAt: revokedAt, reason: reason)
    }
}

extension RevocationList {
    /// A CRL (version 2, SHA-256) that `authority` signs, listing `revoked`, issued at
    /// `thisUpdate` and to be replaced by `nextUpdate`: what the development CA of
    /// `pki init-dev` publishes (`baocao pki crl`, `baocao pki revoke`).
    public static func issue(by authority: SigningIdentity, revoked: [RevokedCertificate], thisUpdate: Date,
                             nextUpdate: Date) throws -> RevocationList {
        let crl = try Owned(X509_CRL_new(), free: X509_CRL_free, making: "danh sách thu hồi")
        let pointer = crl.pointer
        guard X509_CRL_set_version(pointer, 1) == 1,
              X509_CRL_set_issuer_name(pointer, X509_get_subject_name(authority.certificate.pointer)) == 1,
              try setTime(thisUpdate, { X509_CRL_set1_lastUpdate(pointer, $0) }),
              try setTime(nextUpdate, { X509_CRL_set1_nextUpdate(pointer, $0) })
        else { throw BundleError.cryptoFailure("điền danh sách thu hồi") }
        for entry in revoked {
            let revokedEntry = try Owned(X509_REVOKED_new(), free: X509_REVOKED_free, making: "mục thu hồi")
            let entryPointer = revokedEntry.pointer
            guard try setSerial(entry.serialNumber, of: entryPointer),
                  try setTime(entry.revokedAt, { X509_REVOKED_set_revocationDate(entryPointer, $0) })
            else { throw BundleError.cryptoFailure("điền mục thu hồi \(entry.serialNumber)") }
            guard X509_CRL_add0_revoked(pointer, entryPointer) == 1 else { throw BundleError.cryptoFailure("thêm mục thu hồi") }
            _ = revokedEntry.take()  // the CRL owns it now
        }
        guard X509_CRL_sort(pointer) == 1, X509_CRL_sign(pointer, authority.key.pointer, EVP_sha256()) > 0 else {
            throw BundleError.cryptoFailure("ký danh sách thu hồi")
        }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_X509_CRL(pointer, &out)
        guard let out, length > 0 else { throw BundleError.cryptoFailure("ghi danh sách thu hồi (DER)") }
        defer { baocao_OPENSSL_free(out) }
        return try RevocationList(der: Data(bytes: out, count: Int(length)))
    }

    private static func setTime(_ date: Date, _ set: (UnsafeMutablePointer<ASN1_TIME>) -> Int32) throws -> Bool {
        guard let time = ASN1_TIME_set(nil, time_t(date.timeIntervalSince1970.rounded(.down))) else {
            throw BundleError.cryptoFailure("ghi thời điểm")
        }
        defer { ASN1_TIME_free(time) }
        return set(time) == 1
    }

    private static func setSerial(_ hex: String, of entry: OpaquePointer) throws -> Bool {
        guard !hex.isEmpty, hex.allSatisfy(\.isHexDigit) else {
            throw BundleError.invalidRevocationList("số hiệu chứng thư \"\(hex.prefix(80))\" không phải số thập lục phân")
        }
        var bn: OpaquePointer? = nil
        guard BN_hex2bn(&bn, hex) > 0, let bn else { throw BundleError.cryptoFailure("đọc số hiệu chứng thư") }
        defer { BN_free(bn) }
        guard let serial = BN_to_ASN1_INTEGER(bn, nil) else { throw BundleError.cryptoFailure("đọc số hiệu chứng thư") }
        defer { ASN1_INTEGER_free(serial) }
        return X509_REVOKED_set_serialNumber(entry, serial) == 1
    }
}
