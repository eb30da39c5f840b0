import BaoCaoCore
import COpenSSL
import Foundation

/// A certificate signing request (PKCS#10): how a commune node asks the province for a
/// certificate without its private key ever leaving the commune.
public final class CertificateRequest: @unchecked Sendable {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) { self.pointer = pointer }
    deinit { X509_REQ_free(pointer) }

    /// Makes a request for `subject`, signed by `key`.
    public static func make(subject: DistinguishedName, key: PrivateKey) throws -> CertificateRequest {
        guard let request = X509_REQ_new() else { throw BundleError.cryptoFailure("tạo yêu cầu cấp chứng thư") }
        let csr = CertificateRequest(owning: request)
        let name = try subject.makeName()
        defer { X509_NAME_free(name) }
        guard X509_REQ_set_version(request, 0) == 1,
              X509_REQ_set_subject_name(request, name) == 1,
              X509_REQ_set_pubkey(request, key.pointer) == 1,
              X509_REQ_sign(request, key.pointer, EVP_sha256()) > 0
        else { throw BundleError.cryptoFailure("ký yêu cầu cấp chứng thư") }
        return csr
    }

    /// Reads a PEM request and checks that it is signed by the key it carries.
    public convenience init(pem: Data) throws {
        let pointer = try MemoryBIO.withReading(pem) { PEM_read_bio_X509_REQ($0, nil, nil, nil) }
        guard let pointer else { throw BundleError.invalidRequest("không đọc được tệp PEM") }
        self.init(owning: pointer)
        guard let key = X509_REQ_get0_pubkey(pointer), X509_REQ_verify(pointer, key) == 1 else {
            throw BundleError.invalidRequest("chữ ký của yêu cầu không hợp lệ")
        }
        try PrivateKey.checkStrength(key)
    }

    public var pem: Data {
        (try? MemoryBIO.collecting({ PEM_write_bio_X509_REQ($0, pointer) == 1 }, what: "ghi yêu cầu")) ?? Data()
    }

    /// The subject as one line.
    public var subject: String { Certificate.describe(X509_REQ_get_subject_name(pointer)) }

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
