import BaoCaoCore
import COpenSSL
import Foundation

/// A certificate signing request (PKCS#10): how a commune node asks the province for a
/// certificate without its private key ever leaving the commune.
public final class CertificateRequest: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The DER encoding.
    let der: Data

    /// Takes ownership of one reference to a complete (signed) request, also when it
    /// throws: a request that cannot be encoded is freed here.
    init(owning pointer: OpaquePointer) throws {
        let owned = Owned(pointer, free: X509_REQ_free)
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_X509_REQ(pointer, &out)
        guard let out else { throw BundleError.cryptoFailure("ghi yêu cầu cấp chứng thư (DER)") }
        defer { baocao_OPENSSL_free(out) }
        guard length > 0 else { throw BundleError.cryptoFailure("ghi yêu cầu cấp chứng thư (DER)") }
        der = Data(bytes: out, count: Int(length))
        subject = try Certificate.describe(X509_REQ_get_subject_name(pointer))
        self.pointer = owned.take()
    }

    deinit { X509_REQ_free(pointer) }

    /// Makes a request for `subject`, signed by `key`.
    public static func make(subject: DistinguishedName, key: PrivateKey) throws -> CertificateRequest {
        let request = try Owned(X509_REQ_new(), free: X509_REQ_free, making: "yêu cầu cấp chứng thư")
        let name = try subject.makeName()
        guard X509_REQ_set_version(request.pointer, 0) == 1,
              X509_REQ_set_subject_name(request.pointer, name.pointer) == 1,
              X509_REQ_set_pubkey(request.pointer, key.pointer) == 1,
              X509_REQ_sign(request.pointer, key.pointer, EVP_sha256()) > 0
        else { throw BundleError.cryptoFailure("ký yêu cầu cấp chứng thư") }
        return try CertificateRequest(owning: request.take())
    }

    /// Reads a PEM request and checks that it is signed by the key it carries.
    public convenience init(pem: Data) throws {
        let pointer = try MemoryBIO.withReading(pem) { PEM_read_bio_X509_REQ($0, nil, nil, nil) }
        guard let pointer else { throw BundleError.invalidRequest("không đọc được tệp PEM") }
        try self.init(owning: pointer)
        guard let key = X509_REQ_get0_pubkey(pointer), X509_REQ_verify(pointer, key) == 1 else {
            throw BundleError.invalidRequest("chữ ký của yêu cầu không hợp lệ")
        }
        try PrivateKey.checkStrength(key)
    }

    /// The PEM encoding: the DER in base64, which cannot fail once the DER exists.
    public var pem: Data { PEM.encode(der, label: "CERTIFICATE REQUEST") }

    /// The subject as one line.
    public let subject: String

    /// The common name (CN) the requester asked for.
    public var commonName: String? {
        guard let name = X509_REQ_get_subject_name(pointer) else { return nil }
        return Certificate.entry(NID_commonName, in: name)
    }

    /// The public key's libcrypto handle (owned by the request).
    var publicKey: OpaquePointer? { X509_REQ_get0_pubkey(pointer) }
}

extension ErrorCode where Domain == BundleDomain {
    public static let invalidRequest = Self("invalidRequest")
}

extension BundleError {
    static func invalidRequest(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.invalidRequest,
            message: "Yêu cầu cấp chứng thư (CSR) không hợp lệ: \(reason).",
            log: "invalid certificate request: \(OpenSSLFailure.drain())", file: file, line: line)
    }
}
