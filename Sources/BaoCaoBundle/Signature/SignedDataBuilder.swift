import BaoCaoCore
import COpenSSL
import Foundation

/// Assembles a detached CMS SignedData (RFC 5652) over a manifest, when the person's
/// signature was made elsewhere — by the signing service beside the leader's token — and
/// the unit's is made here: the person's SignerInfo (their certificate by issuer and serial
/// number, the attributes the node built, the signature the service returned), the unit's
/// SignerInfo (signed here over attributes of its own), and the certificates of both chains.
///
/// The result is what ``DetachedSignature/sign(_:with:beside:at:)`` makes with both keys in
/// process: the same profile, read by ``SignedData``, verified by ``BundleVerifier`` (both
/// signers) and by plain `openssl cms -verify`.
public enum SignedDataBuilder {
    /// A person's signature made elsewhere over attributes the node built.
    public struct ExternalSignature: Sendable {
        public var certificate: Certificate
        /// The certificates between the person's and its anchor (the anchor may be there too).
        public var chain: [Certificate]
        public var attributes: SignedAttributes
        /// SHA-256 with RSA PKCS #1 v1.5, or DER ECDSA, over ``SignedAttributes/der``.
        public var signature: Data

        public init(certificate: Certificate, chain: [Certificate], attributes: SignedAttributes, signature: Data) {
            self.certificate = certificate
            self.chain = chain
            self.attributes = attributes
            self.signature = signature
        }
    }

    /// The signature over `content`: the person's made elsewhere, checked here first (over
    /// these attributes, of this content), and the unit's made now, stating `signingTime`.
    public static func assemble(over content: Data, person: ExternalSignature, unit: SigningIdentity,
                                at signingTime: Date) throws -> DetachedSignature {
        let digest = try SHA256Digest.digest(of: content)
        guard person.attributes.contentDigest == digest else {
            throw BundleError(.externalSignatureMismatch,
                message: "Chữ ký cá nhân của \(person.certificate.subject) được ký cho một nội dung khác: mã băm trong các thuộc tính được ký không phải của bảng kê (manifest) này.",
                log: "external signature's message digest differs from the content's SHA-256")
        }
        try check(person)
        let unitAttributes = SignedAttributes(contentDigest: digest, signingTime: signingTime)
        let unitSignature = try unit.signSHA256(unitAttributes.der)
        return try contentInfo(
            certificates: [person.certificate] + person.chain + [unit.certificate] + unit.chain,
            signers: [
                try signerInfo(person.certificate, attributes: person.attributes, signature: person.signature),
                try signerInfo(unit.certificate, attributes: unitAttributes, signature: unitSignature),
            ])
    }

    /// The signature over `content` made here by `unit` and, beside it, `person` (both keys
    /// in process, or on tokens this process opened): the SHA-256 of the content and the
    /// signed attributes made once, then each key signs their DER — the one asymmetric
    /// operation per signer, as raw libcrypto signing does.
    ///
    /// Why not libcrypto's `CMS_sign`: building its ASN.1 objects and encoding them, then
    /// reading the result back, cost several times the ECDSA signature itself. The bytes
    /// are those `CMS_sign` makes with `CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP`
    /// (``DetachedSignature/signedDER(_:with:beside:at:digest:)``; RSA PKCS #1 v1.5, being
    /// deterministic, gives the very same bytes — `SignedDataBuilderTests`).
    static func signature(over content: Data, by unit: SigningIdentity, beside person: SigningIdentity?,
                          at signingTime: Date) throws -> DetachedSignature {
        let attributes = SignedAttributes(contentDigest: try SHA256Digest.digest(of: content), signingTime: signingTime)
        let signers = [person, unit].compactMap { $0 }
        return try contentInfo(
            certificates: signers.flatMap { [$0.certificate] + $0.chain },
            signers: signers.map { signer in
                try signerInfo(signer.certificate, attributes: attributes, signature: try signer.signSHA256(attributes.der))
            })
    }

    /// The ContentInfo holding a detached SignedData, version 1, SHA-256, with `certificates`
    /// (each once) and the SignerInfos, each SET OF in its DER order.
    private static func contentInfo(certificates: [Certificate], signers: [(encoding: [UInt8], info: SignerInfo)]) throws -> DetachedSignature {
        var distinct: [Certificate] = []
        for certificate in certificates where !distinct.contains(certificate) {
            distinct.append(certificate)
        }
        let carried = distinct.map { (encoding: [UInt8]($0.der), certificate: $0) }.sorted { DERWriter.precedes($0.encoding, $1.encoding) }
        let ordered = signers.sorted { DERWriter.precedes($0.encoding, $1.encoding) }
        let signedData = DERWriter.sequence([
            DERWriter.integer(1),
            DERWriter.set([DERWriter.algorithm(CMSObjectIdentifier.sha256)]),
            DERWriter.sequence([DERWriter.objectIdentifier(CMSObjectIdentifier.data)]),
            DERWriter.element(0xA0, carried.flatMap(\.encoding)),
            DERWriter.element(0x31, ordered.flatMap(\.encoding)),
        ])
        let der = Data(DERWriter.sequence([
            DERWriter.objectIdentifier(CMSObjectIdentifier.signedData),
            DERWriter.element(0xA0, signedData),
        ]))
        return DetachedSignature(writtenDER: der, certificates: carried.map(\.certificate), signers: ordered.map(\.info))
    }

    /// Refuses a person's signature that does not verify over the attributes with the key of
    /// the certificate it came with: a wrong signature, or one over other attributes.
    public static func check(_ person: ExternalSignature) throws {
        guard try person.certificate.verifiesSHA256([UInt8](person.signature)[...], over: [UInt8](person.attributes.der)[...],
                                                    what: "kiểm tra chữ ký cá nhân") else {
            throw BundleError(.externalSignatureMismatch,
                message: "Chữ ký cá nhân nhận về không khớp với khóa công khai trong chứng thư số \(person.certificate.subject) và các thuộc tính cần ký (nội dung, thời điểm ký): chữ ký sai hoặc được ký trên dữ liệu khác.",
                log: "external signature does not verify over the signed attributes: \(OpenSSLFailure.drain())")
        }
    }

    /// One SignerInfo, version 1: the signer by issuer and serial number, SHA-256, the
    /// attributes `[0] IMPLICIT`, the signature algorithm of the certificate's key; its
    /// encoding, and the same as ``DetachedSignature`` holds it.
    private static func signerInfo(_ certificate: Certificate, attributes: SignedAttributes,
                                   signature: Data) throws -> (encoding: [UInt8], info: SignerInfo) {
        guard let names = certificate.issuerAndSerialNumber, let key = X509_get0_pubkey(certificate.pointer) else {
            ERR_clear_error()
            throw BundleError.invalidCertificate(certificate.subject)
        }
        let algorithm: [UInt8]
        let kind: SignerInfo.SignatureAlgorithm
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA: (algorithm, kind) = (DERWriter.algorithm(CMSObjectIdentifier.rsaEncryption, withNull: true), .rsaPKCS1)
        case EVP_PKEY_EC: (algorithm, kind) = (DERWriter.algorithm(CMSObjectIdentifier.ecdsaWithSHA256), .ecdsa)
        default: throw BundleError.malformedSignature("khóa của chứng thư \(certificate.subject) không phải RSA hay ECDSA")
        }
        let signatureBytes = [UInt8](signature)
        let encoding = DERWriter.sequence([
            DERWriter.integer(1),
            DERWriter.sequence([names.issuer, names.serial]),
            DERWriter.algorithm(CMSObjectIdentifier.sha256),
            attributes.implicitlyTagged,
            algorithm,
            DERWriter.octetString(signatureBytes),
        ])
        let info = SignerInfo(identifier: .issuerAndSerialNumber(issuer: names.issuer[...], serial: names.serial[...]),
                              signedAttributes: [UInt8](attributes.der), messageDigest: attributes.contentDigest[...],
                              signingTime: attributes.signingTime, signatureAlgorithm: kind, signature: signatureBytes[...])
        return (encoding, info)
    }
}

extension ErrorCode where Domain == BundleDomain {
    /// A person's signature made elsewhere that does not verify over the attributes built
    /// here, or over attributes of other content.
    public static let externalSignatureMismatch = Self("externalSignatureMismatch")
}
