import Foundation

/// A CMS ContentInfo holding SignedData (RFC 5652), read strictly in the one profile
/// bundles use: detached `id-data` content, SHA-256, one signer (the unit's) or two (a
/// person's beside the unit's, on reports and decisions), signed attributes with content
/// type, message digest and signing time.
///
/// Why not `d2i_CMS_bio`: parsing with libcrypto's ASN.1 templates costs more than the
/// signature check itself, and a bundle's signature is read once per bundle on a node that
/// receives thousands. This reader takes the structure apart in one pass over the bytes,
/// refuses anything outside the profile, and leaves the signature mathematics to libcrypto
/// (``DetachedSignature/verify(content:)``). What `openssl cms -sign -binary` makes, with
/// or without `-keyid`, is inside the profile.
struct SignedData {
    /// The DER of each certificate in the `certificates` field, in order.
    let certificates: [Data]
    /// The SignerInfos, in the order they are encoded: one or two.
    let signers: [SignerInfo]

    /// The most signers a bundle signature may carry: the unit's, and a person's beside it.
    static let maximumSigners = 2

    struct Failure: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// A digest algorithm known to be broken (SHA-1, MD5): refused as too weak
    /// (``AlgorithmFloor``) rather than as merely outside the profile.
    struct WeakDigest: Error {
        let name: String
    }

    init(der: Data) throws {
        let bytes = [UInt8](der)
        do {
            try self.init(bytes: bytes[...])
        } catch let failure as DERReader.Failure {
            throw Failure("không phải cấu trúc CMS DER (\(failure.reason))")
        }
    }

    private init(bytes: ArraySlice<UInt8>) throws {
        var top = DERReader(bytes: bytes)
        let contentInfo = try top.read(tag: 0x30)
        guard top.isAtEnd else { throw Failure("có dữ liệu thừa sau cấu trúc CMS") }
        var info = DERReader(bytes: contentInfo.content)
        guard try info.read(tag: 0x06).content.elementsEqual(CMSObjectIdentifier.signedData) else {
            throw Failure("không phải dữ liệu ký (SignedData)")
        }
        var explicit = DERReader(bytes: try info.read(tag: 0xA0).content)
        guard info.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
        var fields = DERReader(bytes: try explicit.read(tag: 0x30).content)
        guard explicit.isAtEnd else { throw DERReader.Failure.unexpectedStructure }

        _ = try fields.readInteger()  // version
        for algorithm in try DERReader.elements(ofSet: fields.read(tag: 0x31)) {
            guard algorithm.tag == 0x30 else { throw DERReader.Failure.unexpectedTag }
            try Self.requireSHA256(algorithm, else: "thuật toán băm không phải SHA-256")
        }
        var encapsulated = DERReader(bytes: try fields.read(tag: 0x30).content)
        guard try encapsulated.read(tag: 0x06).content.elementsEqual(CMSObjectIdentifier.data) else {
            throw Failure("nội dung được ký không phải kiểu dữ liệu (id-data)")
        }
        guard encapsulated.isAtEnd else { throw Failure("chữ ký phải tách rời, không chứa nội dung") }

        var certificates: [Data] = []
        if let set = try fields.readIfPresent(tag: 0xA0) {  // [0] IMPLICIT CertificateSet
            for certificate in try DERReader.elements(ofSet: set) {
                guard certificate.tag == 0x30 else { throw Failure("chỉ chấp nhận chứng thư X.509") }
                certificates.append(Data(certificate.whole))
            }
        }
        _ = try fields.readIfPresent(tag: 0xA1)  // [1] IMPLICIT RevocationInfoChoices: revocation comes from the release
        let signerInfos = try DERReader.elements(ofSet: fields.read(tag: 0x31))
        guard fields.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
        guard !signerInfos.isEmpty else { throw Failure("không có người ký") }
        guard signerInfos.count <= Self.maximumSigners else {
            throw Failure("có \(signerInfos.count) người ký; gói tin chỉ mang chữ ký của đơn vị và, nếu có, của một cá nhân")
        }
        self.signers = try signerInfos.map { element in
            guard element.tag == 0x30 else { throw DERReader.Failure.unexpectedTag }
            return try SignerInfo(element: element)
        }
        self.certificates = certificates
    }

    /// Throws unless an AlgorithmIdentifier names SHA-256: ``WeakDigest`` for SHA-1 and MD5,
    /// ``Failure`` with `reason` for anything else.
    static func requireSHA256(_ algorithm: DERReader.Element, else reason: String) throws {
        guard try !isSHA256(algorithm) else { return }
        var reader = DERReader(bytes: algorithm.content)
        let oid = try reader.read(tag: 0x06).content
        if oid.elementsEqual(CMSObjectIdentifier.sha1) { throw WeakDigest(name: "SHA-1") }
        if oid.elementsEqual(CMSObjectIdentifier.md5) { throw WeakDigest(name: "MD5") }
        throw Failure(reason)
    }

    /// Whether an AlgorithmIdentifier names SHA-256 (parameters absent or NULL).
    static func isSHA256(_ algorithm: DERReader.Element) throws -> Bool {
        var reader = DERReader(bytes: algorithm.content)
        guard try reader.read(tag: 0x06).content.elementsEqual(CMSObjectIdentifier.sha256) else { return false }
        try reader.readNullIfPresent()
        return reader.isAtEnd
    }
}
