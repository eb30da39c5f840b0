import BaoCaoCore
import COpenSSL
import Foundation

/// A detached CMS SignedData (`manifest.p7s`) over bytes kept outside it: SHA-256, the
/// signers' certificates, and for each signer a signing-time attribute. One signer — the
/// unit's organisational signature — or two: a person's (the approving leader's, on a
/// report; the deciding officer's, on a decision) beside the unit's.
///
/// ``SignedDataBuilder`` writes the structure and libcrypto makes each signer's signature;
/// ``SignedData`` reads the structure and libcrypto checks the mathematics. The bytes are
/// those libcrypto's `CMS_sign` makes (``signedDER(_:with:beside:at:digest:)``). Plain
/// OpenSSL verifies it:
/// `openssl cms -verify -binary -inform DER -in manifest.p7s -content manifest.json -CAfile root.pem -purpose any`.
public struct DetachedSignature: Sendable {
    /// The DER encoding.
    public let der: Data
    /// Every certificate the signature carries (the signer's and any intermediates).
    public let certificates: [Certificate]
    /// The time the first signer says it signed, from its signed attributes: for a
    /// signature with one signer, the signing time.
    public let signingTime: Date?
    /// The SignerInfos as read, in order (the PAdES check reads their attributes).
    let signers: [SignerInfo]

    /// How many SignerInfos the signature holds (one, or two with a person's).
    public var signerCount: Int { signers.count }

    /// One signer of a verified signature: its certificate and the time it states.
    public struct Signer: Sendable {
        public let certificate: Certificate
        public let signingTime: Date?
    }

    /// Signs `content` with the identity, stating `signingTime` in a signed attribute; with
    /// `person`, the person signs the same content too, in a SignerInfo of their own.
    public static func sign(_ content: Data, with identity: SigningIdentity, beside person: SigningIdentity? = nil,
                            at signingTime: Date) throws -> DetachedSignature {
        try SignedDataBuilder.signature(over: content, by: identity, beside: person, at: signingTime)
    }

    /// The DER of the signature libcrypto's `CMS_sign` makes, with any digest, not read back:
    /// what ``sign(_:with:beside:at:)`` makes, with SHA-256, by way of libcrypto's own CMS
    /// code. Only tests use it: to sign with SHA-1 and show verification refuse it, and to
    /// show that ``SignedDataBuilder`` writes the same bytes.
    static func signedDER(_ content: Data, with identity: SigningIdentity, beside person: SigningIdentity? = nil,
                          at signingTime: Date, digest: SigningDigest) throws -> Data {
        guard let chain = baocao_sk_X509_new_null() else { throw BundleError.cryptoFailure("tạo chuỗi chứng thư") }
        defer { baocao_sk_X509_pop_free(chain) }
        for certificate in identity.chain + (person?.chain ?? []) where baocao_sk_X509_push_up_ref(chain, certificate.pointer) != 1 {
            throw BundleError.cryptoFailure("ghép chuỗi chứng thư")
        }
        let cms = try MemoryBIO.withReading(content) { bio in
            baocao_cms_sign_detached(identity.certificate.pointer, identity.key.pointer,
                                     person?.certificate.pointer, person?.key.pointer, chain, bio,
                                     Int64(signingTime.timeIntervalSince1970.rounded(.down)), digest.algorithm)
        }
        guard let cms else { throw BundleError.cryptoFailure("ký số") }
        defer { CMS_ContentInfo_free(cms) }
        return try MemoryBIO.collecting({ i2d_CMS_bio($0, cms) == 1 }, what: "ghi chữ ký số")
    }

    /// A signature written here, whose certificates and SignerInfos are known as written,
    /// in the order of their encoding: what ``init(der:)`` would read back from `der`.
    init(writtenDER der: Data, certificates: [Certificate], signers: [SignerInfo]) {
        self.der = der
        self.certificates = certificates
        self.signers = signers
        signingTime = signers[0].signingTime
    }

    /// Reads a DER-encoded CMS SignedData in the bundle profile; refuses anything else.
    /// The embedded certificates are parsed once per node (``CertificateCache``).
    public init(der: Data) throws {
        let structure: SignedData
        do {
            structure = try SignedData(der: der)
        } catch let failure as SignedData.Failure {
            throw BundleError.malformedSignature(failure.reason)
        } catch let weak as SignedData.WeakDigest {
            throw BundleError.weakDigest(weak.name)
        }
        do {
            certificates = try structure.certificates.map { try CertificateCache.shared.certificate(der: $0) }
        } catch let error as BundleError where error.code == .cryptoFailure {
            throw error
        } catch {
            throw BundleError.malformedSignature("chứng thư kèm theo chữ ký bị hỏng")
        }
        self.der = der
        signers = structure.signers
        signingTime = structure.signers[0].signingTime
    }

    /// Checks a signature with one signer over `content` — the digest and the signer's key —
    /// and returns the signer's certificate. Says nothing about whether that certificate is
    /// trusted. A signature with a person's signer too is refused here: what has two
    /// signers is checked with ``verifyEach(contentDigest:)``, by a caller that judges both.
    public func verify(content: Data) throws -> Certificate {
        try verify(contentDigest: SHA256Digest.digest(of: content))
    }

    /// As ``verify(content:)``, given the content's SHA-256 already computed.
    public func verify(contentDigest: [UInt8]) throws -> Certificate {
        guard signers.count == 1 else {
            throw BundleError.malformedSignature("phải có đúng một người ký (có \(signers.count))")
        }
        return try verify(signers[0], contentDigest: contentDigest)
    }

    /// Checks every signer's signature over the content whose SHA-256 is `contentDigest`,
    /// and returns each signer's certificate and signing time, in the signature's order.
    /// Says nothing about whether the certificates are trusted, nor whom they belong to.
    public func verifyEach(contentDigest: [UInt8]) throws -> [Signer] {
        let result = try signers.map { Signer(certificate: try verify($0, contentDigest: contentDigest), signingTime: $0.signingTime) }
        if result.count > 1, Set(result.map(\.certificate.fingerprint)).count < result.count {
            throw BundleError.malformedSignature("cùng một chứng thư ký hai lần")
        }
        return result
    }

    private func verify(_ signer: SignerInfo, contentDigest: [UInt8]) throws -> Certificate {
        guard let certificate = certificates.first(where: { signer.identifies($0) }) else {
            throw BundleError.malformedSignature("không kèm chứng thư của người ký")
        }
        guard let key = X509_get0_pubkey(certificate.pointer) else {
            ERR_clear_error()  // the reason is said below; nothing stale for a later log line
            throw BundleError.malformedSignature("không đọc được khóa công khai của người ký")
        }
        let keyType = EVP_PKEY_get_base_id(key)
        switch signer.signatureAlgorithm {
        case .rsaPKCS1 where keyType == EVP_PKEY_RSA, .ecdsa where keyType == EVP_PKEY_EC: break
        default: throw BundleError.malformedSignature("thuật toán ký không khớp với khóa của chứng thư")
        }
        guard signer.messageDigest.elementsEqual(contentDigest) else {
            throw Self.mismatch("message digest attribute differs from the SHA-256 of the content")
        }
        guard try certificate.verifiesSHA256(signer.signature, over: signer.signedAttributes[...], what: "kiểm tra chữ ký số") else {
            throw Self.mismatch("signature over the signed attributes does not verify: \(OpenSSLFailure.drain())")
        }
        return certificate
    }

    private static func mismatch(_ detail: String) -> BundleError {
        BundleError(.signatureInvalid,
            message: "Chữ ký số không khớp với nội dung: gói tin đã bị sửa đổi sau khi ký hoặc chữ ký bị hỏng.",
            log: "CMS signature does not verify: \(detail)")
    }
}

extension SignerInfo {
    /// Whether `certificate` is the one this signer names.
    func identifies(_ certificate: Certificate) -> Bool {
        switch identifier {
        case .issuerAndSerialNumber(let issuer, let serial):
            guard let names = certificate.issuerAndSerialNumber else { return false }
            return names.serial.elementsEqual(serial) && names.issuer.elementsEqual(issuer)
        case .subjectKeyIdentifier(let identifier):
            guard let octets = X509_get0_subject_key_id(certificate.pointer), let bytes = ASN1_STRING_get0_data(octets) else { return false }
            return UnsafeBufferPointer(start: bytes, count: Int(ASN1_STRING_length(octets))).elementsEqual(identifier)
        }
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let malformedSignature = Self("malformedSignature")
    public static let signatureInvalid = Self("signatureInvalid")
}

extension BundleError {
    static func malformedSignature(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.malformedSignature,
            message: "Tệp chữ ký số manifest.p7s không hợp lệ: \(reason).",
            log: "malformed manifest.p7s: \(reason)", file: file, line: line)
    }
}
