import BaoCaoBundle
import BaoCaoCore
import COpenSSL
import Foundation

/// Keys, certificates and requests that BaoCao must refuse, each refusal made after
/// libcrypto has already handed out objects — the paths that used to leak them.
struct Refusals {
    private let weakKeyPEM: Data
    private let weakKeyPKCS12: Data
    private let identityPKCS12: Data
    private let encryptedKeyPEM: Data
    private let otherKeyPEM: Data
    private let certificatePEM: Data
    private let damagedRequestPEM: Data
    private let foreignBundle: Data
    private let network: CountedNetwork

    static let password = "Mật-khẩu-2026"

    init(network: CountedNetwork) throws {
        self.network = network
        (weakKeyPEM, weakKeyPKCS12) = try WeakKey.make(password: Self.password)
        identityPKCS12 = try network.identity.pkcs12(password: Self.password, name: "Xã Nhân Nghĩa")
        encryptedKeyPEM = try network.identity.key.pem(password: Self.password)
        otherKeyPEM = try PrivateKey.generate(.ecP256).pem()
        certificatePEM = network.identity.certificate.pem
        let request = try CertificateRequest.make(subject: DistinguishedName(commonName: "Xã Văn Sơn", unitCode: "05293"),
                                                  key: PrivateKey.generate(.ecP256))
        var lines = String(decoding: request.pem, as: UTF8.self).split(separator: "\n").map(String.init)
        var middle = Array(lines[2])
        middle[10] = middle[10] == "A" ? "B" : "A"
        lines[2] = String(middle)
        damagedRequestPEM = Data((lines.joined(separator: "\n") + "\n").utf8)
        let foreign = try CountedNetwork(kind: .ecP256)
        foreignBundle = try BundleWriter(identity: foreign.identity).write(
            kind: .report, sender: "05290", recipient: "157", parts: [BundleWriter.Part(path: "report.json", data: Data("{}".utf8))],
            at: CountedNetwork.now).data
    }

    /// Each refusal once; throws if one is accepted or refused for another reason.
    func cycle() throws {
        try expect(.weakKey) { _ = try PrivateKey(pem: weakKeyPEM) }
        try expect(.weakKey) { _ = try SigningIdentity(pkcs12: weakKeyPKCS12, password: Self.password) }
        try expect(.invalidPKCS12) { _ = try SigningIdentity(pkcs12: identityPKCS12, password: "sai") }
        try expect(.invalidKey) { _ = try PrivateKey(pem: encryptedKeyPEM, password: "sai") }
        try expect(.keyMismatch) { _ = try SigningIdentity(keyPEM: otherKeyPEM, certificatePEM: certificatePEM) }
        try expect(.invalidCertificate) { _ = try Certificate(der: Data(certificatePEM.prefix(300))) }
        try expect(.invalidRequest) { _ = try CertificateRequest(pem: damagedRequestPEM) }
        let verdict = network.verifier.verify(foreignBundle, now: CountedNetwork.now)
        guard verdict.refusal?.code == .untrustedCertificate else {
            throw CountFailure("a bundle from another CA was not refused as untrusted")
        }
        try ErrorQueue.expectEmpty(after: "refusing a bundle from another CA")
    }

    private func expect(_ code: BundleError.Code, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as BundleError where error.code == code {
            try ErrorQueue.expectEmpty(after: "a refusal with code \(code)")
            return
        }
        throw CountFailure("expected a refusal with code \(code)")
    }
}

/// An RSA key of 1,024 bits, which BaoCao refuses, as PEM and in a PKCS#12 file with a
/// self-signed certificate. Made with libcrypto directly: BaoCao itself never makes one.
enum WeakKey {
    static func make(password: String) throws -> (pem: Data, pkcs12: Data) {
        guard let key = baocao_generate_rsa(1024) else { throw CountFailure("cannot make an RSA 1024 key") }
        defer { EVP_PKEY_free(key) }
        guard let x509 = X509_new() else { throw CountFailure("X509_new") }
        defer { X509_free(x509) }
        guard let name = X509_get_subject_name(x509),
              X509_set_version(x509, 2) == 1,
              ASN1_INTEGER_set(X509_get_serialNumber(x509), 1) == 1,
              X509_gmtime_adj(X509_getm_notBefore(x509), 0) != nil,
              X509_gmtime_adj(X509_getm_notAfter(x509), 86_400) != nil,
              X509_set_pubkey(x509, key) == 1,
              X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, "Khóa yếu", -1, -1, 0) == 1,
              X509_set_issuer_name(x509, name) == 1,
              X509_sign(x509, key, EVP_sha256()) > 0
        else { throw CountFailure("cannot make the weak key's certificate") }
        guard let p12 = PKCS12_create(password, "Khóa yếu", key, x509, nil, 0, 0, 0, 0, 0) else {
            throw CountFailure("PKCS12_create")
        }
        defer { PKCS12_free(p12) }
        return (try collect { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) == 1 },
                try collect { i2d_PKCS12_bio($0, p12) == 1 })
    }

    private static func collect(_ write: (OpaquePointer) -> Bool) throws -> Data {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CountFailure("BIO_new") }
        defer { BIO_free(bio) }
        guard write(bio) else { throw CountFailure("cannot write the weak key") }
        var pointer: UnsafeMutablePointer<CChar>? = nil
        let length = baocao_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { throw CountFailure("cannot write the weak key") }
        return Data(bytes: pointer, count: length)
    }
}
