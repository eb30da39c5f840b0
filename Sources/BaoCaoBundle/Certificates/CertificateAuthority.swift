import COpenSSL
import Foundation

/// What a certificate is for; decides its extensions.
public struct CertificateProfile: Sendable, Hashable {
    fileprivate enum Base: Hashable {
        case authority
        case signing
        case encryption
        case node(hosts: [String])
    }

    fileprivate let base: Base
    fileprivate init(base: Base) { self.base = base }

    /// A certificate authority (the province's root, or an intermediate).
    public static let authority = CertificateProfile(base: .authority)
    /// A unit's signing certificate: digitalSignature and nonRepudiation, S/MIME signing.
    public static let signing = CertificateProfile(base: .signing)
    /// A unit's encryption certificate, to which records are sealed (``SealedEnvelope``):
    /// keyEncipherment for an RSA key, keyAgreement for an EC key, and never
    /// digitalSignature — a unit's encryption key is not its signing key.
    public static let encryption = CertificateProfile(base: .encryption)
    /// A node's TLS certificate, for both server and client authentication (mutual TLS).
    public static func node(hosts: [String]) -> CertificateProfile { CertificateProfile(base: .node(hosts: hosts)) }

    /// The extensions of a certificate for `publicKey` (the encryption profile's key usage
    /// depends on the kind of key).
    fileprivate func extensions(forKey publicKey: OpaquePointer) -> [(Int32, String)] {
        switch base {
        case .authority:
            return [(NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign,cRLSign"),
                    (NID_subject_key_identifier, "hash")]
        case .signing:
            return [(NID_basic_constraints, "critical,CA:FALSE"), (NID_key_usage, "critical,digitalSignature,nonRepudiation"),
                    (NID_ext_key_usage, "emailProtection"), (NID_subject_key_identifier, "hash")]
        case .encryption:
            let usage = EVP_PKEY_get_base_id(publicKey) == EVP_PKEY_EC ? "critical,keyAgreement" : "critical,keyEncipherment"
            return [(NID_basic_constraints, "critical,CA:FALSE"), (NID_key_usage, usage),
                    (NID_ext_key_usage, "emailProtection"), (NID_subject_key_identifier, "hash")]
        case .node(let hosts):
            let names = hosts.map { host in
                host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? "IP:\(host)" : "DNS:\(host)"
            }.joined(separator: ",")
            var result: [(Int32, String)] = [(NID_basic_constraints, "critical,CA:FALSE"),
                    (NID_key_usage, "critical,digitalSignature,keyEncipherment"),
                    (NID_ext_key_usage, "serverAuth,clientAuth"), (NID_subject_key_identifier, "hash")]
            if !names.isEmpty { result.append((NID_subject_alt_name, names)) }
            return result
        }
    }
}

/// Issues X.509 certificates: the development PKI, and the province issuing certificates
/// for enrolled units from their requests.
public enum CertificateAuthority {
    /// A self-signed root certificate for `key`.
    public static func makeRoot(subject: DistinguishedName, key: PrivateKey, validity: DateInterval) throws -> Certificate {
        try issue(subject: subject, publicKey: key.pointer, profile: .authority, validity: validity, issuer: nil, signingKey: key)
    }

    /// A certificate for the key of a request, signed by `issuer`.
    public static func issue(for request: CertificateRequest, subject: DistinguishedName, profile: CertificateProfile,
                             validity: DateInterval, issuer: SigningIdentity) throws -> Certificate {
        guard let publicKey = request.publicKey else { throw BundleError.invalidRequest("thiếu khóa công khai") }
        return try issue(subject: subject, publicKey: publicKey, profile: profile, validity: validity,
                         issuer: issuer.certificate, signingKey: issuer.key)
    }

    /// A certificate for `key`'s public half, signed by `issuer`.
    public static func issue(for key: PrivateKey, subject: DistinguishedName, profile: CertificateProfile,
                             validity: DateInterval, issuer: SigningIdentity) throws -> Certificate {
        try issue(for: key, subject: subject, profile: profile, validity: validity, issuer: issuer, digest: .sha256)
    }

    /// As ``issue(for:subject:profile:validity:issuer:)``, signed with another digest: only
    /// tests sign a certificate with SHA-1, to show it refused.
    static func issue(for key: PrivateKey, subject: DistinguishedName, profile: CertificateProfile,
                      validity: DateInterval, issuer: SigningIdentity, digest: SigningDigest) throws -> Certificate {
        try issue(subject: subject, publicKey: key.pointer, profile: profile, validity: validity,
                  issuer: issuer.certificate, signingKey: issuer.key, digest: digest)
    }

    private static func issue(subject: DistinguishedName, publicKey: OpaquePointer, profile: CertificateProfile,
                              validity: DateInterval, issuer: Certificate?, signingKey: PrivateKey,
                              digest: SigningDigest = .sha256) throws -> Certificate {
        // Owned while it is built: any failure below frees it; the finished certificate
        // hands it to `Certificate`.
        let certificate = try Owned(X509_new(), free: X509_free, making: "chứng thư")
        let x509 = certificate.pointer
        let name = try subject.makeName()
        let issuerName = issuer.map { X509_get_subject_name($0.pointer) } ?? name.pointer
        guard X509_set_version(x509, 2) == 1,
              try setRandomSerial(x509),
              X509_set_subject_name(x509, name.pointer) == 1,
              X509_set_issuer_name(x509, issuerName) == 1,
              X509_set_pubkey(x509, publicKey) == 1,
              setTime(X509_getm_notBefore(x509), validity.start),
              setTime(X509_getm_notAfter(x509), validity.end)
        else { throw BundleError.cryptoFailure("điền chứng thư") }
        for (nid, value) in profile.extensions(forKey: publicKey) {
            guard baocao_x509_add_extension(x509, issuer?.pointer ?? x509, nid, value) == 1 else {
                throw BundleError.cryptoFailure("thêm phần mở rộng \(value)")
            }
        }
        guard baocao_x509_add_extension(x509, issuer?.pointer ?? x509, NID_authority_key_identifier, "keyid:always") == 1,
              X509_sign(x509, signingKey.pointer, digest.algorithm) > 0
        else { throw BundleError.cryptoFailure("ký chứng thư") }
        return try Certificate(owning: certificate.take())
    }

    private static func setRandomSerial(_ x509: OpaquePointer) throws -> Bool {
        guard let bn = BN_new() else { return false }
        defer { BN_free(bn) }
        guard BN_rand(bn, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1,
              let serial = BN_to_ASN1_INTEGER(bn, nil) else { return false }
        defer { ASN1_INTEGER_free(serial) }
        return X509_set_serialNumber(x509, serial) == 1
    }

    private static func setTime(_ field: UnsafeMutablePointer<ASN1_TIME>?, _ date: Date) -> Bool {
        ASN1_TIME_set(field, time_t(date.timeIntervalSince1970.rounded(.down))) != nil
    }
}
