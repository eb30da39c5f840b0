import Foundation

/// A CMS ContentInfo holding AuthEnvelopedData (RFC 5083), read strictly before libcrypto
/// sees it: DER only, within ``EnvelopeLimits``, and only in the profile BaoCao seals with —
/// content encrypted with AES-256-GCM (a 12-byte nonce, a 16-byte tag; RFC 5084), every
/// recipient either a KeyTransRecipientInfo with RSAES-OAEP, SHA-256 and MGF1-SHA-256, or a
/// KeyAgreeRecipientInfo with ECDH (the SHA-256 X9.63 KDF) and AES-256 key wrap.
///
/// Every recipient is held to the profile, not only this unit's: one recipient sealed with
/// a weak algorithm exposes the content key, and so the content, to whoever breaks it.
struct SealedStructure {
    /// The recipients, in the order the envelope lists them.
    let recipients: [SealedRecipient]

    init(der: Data, limits: EnvelopeLimits) throws {
        guard der.count <= limits.maximumSize else { throw BundleError.envelopeTooLarge(der.count, limit: limits.maximumSize) }
        let bytes = [UInt8](der)
        do {
            try self.init(bytes: bytes[...], limits: limits)
        } catch let failure as DERReader.Failure {
            throw BundleError.envelopeMalformed(failure.reason)
        }
    }

    private init(bytes: ArraySlice<UInt8>, limits: EnvelopeLimits) throws {
        var top = DERReader(bytes: bytes)
        let contentInfo = try top.read(tag: 0x30)
        guard top.isAtEnd else { throw BundleError.envelopeMalformed("có dữ liệu thừa sau cấu trúc CMS") }
        var info = DERReader(bytes: contentInfo.content)
        let type = try info.read(tag: 0x06).content
        if type.elementsEqual(EnvelopeObjectIdentifier.envelopedData) {
            throw BundleError.envelopeAlgorithmNotAllowed("EnvelopedData\(Self.cipherName(ofEnvelopedData: info).map { " với \($0)" } ?? ""), mã hóa không xác thực nội dung")
        }
        guard type.elementsEqual(EnvelopeObjectIdentifier.authEnvelopedData) else {
            throw BundleError.envelopeWrongContentType(EnvelopeObjectIdentifier.name(type))
        }
        var explicit = DERReader(bytes: try info.read(tag: 0xA0).content)
        guard info.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
        var fields = DERReader(bytes: try explicit.read(tag: 0x30).content)
        guard explicit.isAtEnd else { throw DERReader.Failure.unexpectedStructure }

        guard try fields.readInteger().content.elementsEqual([0]) else { throw BundleError.envelopeMalformed("phiên bản AuthEnvelopedData phải là 0") }
        _ = try fields.readIfPresent(tag: 0xA0)  // [0] IMPLICIT OriginatorInfo: certificates we do not use
        let infos = try DERReader.elements(ofSet: fields.read(tag: 0x31))
        guard infos.count <= limits.maximumRecipients else { throw BundleError.envelopeTooManyRecipients(infos.count, limit: limits.maximumRecipients) }
        var recipients: [SealedRecipient] = []
        for element in infos {
            recipients += try Self.recipients(of: element)
            guard recipients.count <= limits.maximumRecipients else {
                throw BundleError.envelopeTooManyRecipients(recipients.count, limit: limits.maximumRecipients)
            }
        }
        guard !recipients.isEmpty else { throw BundleError.envelopeMalformed("không có người nhận nào") }

        var content = DERReader(bytes: try fields.read(tag: 0x30).content)
        guard try content.read(tag: 0x06).content.elementsEqual(CMSObjectIdentifier.data) else {
            throw BundleError.envelopeMalformed("nội dung niêm phong phải là kiểu dữ liệu (id-data)")
        }
        try Self.requireAES256GCM(try content.read(tag: 0x30))
        guard try content.readIfPresent(tag: 0x80) != nil, content.isAtEnd else {
            throw BundleError.envelopeMalformed("thiếu nội dung đã mã hóa")
        }
        _ = try fields.readIfPresent(tag: 0xA1)  // [1] IMPLICIT authAttrs: authenticated with the content
        guard try fields.read(tag: 0x04).content.count == Self.tagLength else {
            throw BundleError.envelopeAlgorithmNotAllowed("mã xác thực AES-GCM không dài \(Self.tagLength) byte")
        }
        _ = try fields.readIfPresent(tag: 0xA2)  // [2] IMPLICIT unauthAttrs: never read
        guard fields.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
        self.recipients = recipients
    }

    /// The AES-GCM tag BaoCao requires, in bytes (the longest; RFC 5084 allows down to 12).
    static let tagLength = 16
    /// The AES-GCM nonce, in bytes (RFC 5084 recommends 12).
    static let nonceLength = 12

    /// Throws unless the content-encryption AlgorithmIdentifier is AES-256-GCM with a 12-byte
    /// nonce and a 16-byte tag.
    private static func requireAES256GCM(_ algorithm: DERReader.Element) throws {
        var reader = DERReader(bytes: algorithm.content)
        let oid = try reader.read(tag: 0x06).content
        guard oid.elementsEqual(EnvelopeObjectIdentifier.aes256GCM) else {
            throw BundleError.envelopeAlgorithmNotAllowed("nội dung mã hóa bằng \(EnvelopeObjectIdentifier.name(oid))")
        }
        var parameters = DERReader(bytes: try reader.read(tag: 0x30).content)  // GCMParameters
        guard reader.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
        guard try parameters.read(tag: 0x04).content.count == nonceLength else {
            throw BundleError.envelopeAlgorithmNotAllowed("số dùng một lần (nonce) của AES-GCM không dài \(nonceLength) byte")
        }
        // icvLen DEFAULT 12: DER leaves it out only for 12 bytes, which is too short here.
        guard let length = try parameters.readIfPresent(tag: 0x02), length.content.elementsEqual([UInt8(tagLength)]), parameters.isAtEnd else {
            throw BundleError.envelopeAlgorithmNotAllowed("mã xác thực AES-GCM không dài \(tagLength) byte")
        }
    }

    /// The recipients one RecipientInfo names: one for key transport, one or more for key
    /// agreement (a KeyAgreeRecipientInfo may share its ephemeral key among several).
    private static func recipients(of element: DERReader.Element) throws -> [SealedRecipient] {
        switch element.tag {
        case 0x30:  // ktri KeyTransRecipientInfo
            var reader = DERReader(bytes: element.content)
            _ = try reader.readInteger()  // version: 0 (issuer and serial) or 2 (key identifier)
            let identifier = try reader.readAny()
            try requireOAEPSHA256(try reader.read(tag: 0x30))
            guard try !reader.read(tag: 0x04).content.isEmpty, reader.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
            switch identifier.tag {
            case 0x30: return [try SealedRecipient(issuerAndSerialNumber: identifier, keyManagement: .rsaOAEP)]
            case 0x80: return [try SealedRecipient(keyIdentifier: identifier.content, keyManagement: .rsaOAEP)]
            default: throw DERReader.Failure.unexpectedTag
            }
        case 0xA1:  // kari [1] KeyAgreeRecipientInfo
            var reader = DERReader(bytes: element.content)
            guard try reader.readInteger().content.elementsEqual([3]) else { throw BundleError.envelopeMalformed("phiên bản KeyAgreeRecipientInfo phải là 3") }
            _ = try reader.read(tag: 0xA0)  // originator: the ephemeral public key, read by libcrypto
            _ = try reader.readIfPresent(tag: 0xA1)  // ukm
            try requireECDHSHA256(try reader.read(tag: 0x30))
            var keys = DERReader(bytes: try reader.read(tag: 0x30).content)  // RecipientEncryptedKeys
            guard reader.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
            var result: [SealedRecipient] = []
            while !keys.isAtEnd {
                var key = DERReader(bytes: try keys.read(tag: 0x30).content)
                let identifier = try key.readAny()
                guard try !key.read(tag: 0x04).content.isEmpty, key.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
                switch identifier.tag {
                case 0x30: result.append(try SealedRecipient(issuerAndSerialNumber: identifier, keyManagement: .ecdh))
                case 0xA0:  // rKeyId: the key identifier first, then an optional date and other attribute
                    var rKeyId = DERReader(bytes: identifier.content)
                    result.append(try SealedRecipient(keyIdentifier: try rKeyId.read(tag: 0x04).content, keyManagement: .ecdh))
                default: throw DERReader.Failure.unexpectedTag
                }
            }
            guard !result.isEmpty else { throw BundleError.envelopeMalformed("khóa thỏa thuận không có người nhận") }
            return result
        case 0xA2: throw BundleError.envelopeAlgorithmNotAllowed("người nhận bằng khóa đối xứng chung (KEKRecipientInfo)")
        case 0xA3: throw BundleError.envelopeAlgorithmNotAllowed("người nhận bằng mật khẩu (PasswordRecipientInfo)")
        default: throw BundleError.envelopeAlgorithmNotAllowed("kiểu người nhận không rõ")
        }
    }

    /// Throws unless a key-transport AlgorithmIdentifier is RSAES-OAEP with SHA-256 and
    /// MGF1-SHA-256 and the empty label (DER leaves each default out, so each must be there
    /// but the label).
    private static func requireOAEPSHA256(_ algorithm: DERReader.Element) throws {
        var reader = DERReader(bytes: algorithm.content)
        let oid = try reader.read(tag: 0x06).content
        if oid.elementsEqual(CMSObjectIdentifier.rsaEncryption) {
            throw BundleError.envelopeAlgorithmNotAllowed("khóa chuyển bằng RSA PKCS#1 v1.5")
        }
        guard oid.elementsEqual(EnvelopeObjectIdentifier.rsaesOAEP) else {
            throw BundleError.envelopeAlgorithmNotAllowed("khóa chuyển bằng \(EnvelopeObjectIdentifier.name(oid))")
        }
        let sha1 = BundleError.envelopeAlgorithmNotAllowed("khóa chuyển bằng RSA-OAEP với SHA-1")
        guard let parameters = try reader.readIfPresent(tag: 0x30), reader.isAtEnd else { throw sha1 }
        var fields = DERReader(bytes: parameters.content)
        guard let hash = try fields.readIfPresent(tag: 0xA0) else { throw sha1 }
        var hashReader = DERReader(bytes: hash.content)
        guard try SignedData.isSHA256(try hashReader.read(tag: 0x30)), hashReader.isAtEnd else {
            throw BundleError.envelopeAlgorithmNotAllowed("khóa chuyển bằng RSA-OAEP với hàm băm khác SHA-256")
        }
        guard let mask = try fields.readIfPresent(tag: 0xA1) else { throw sha1 }
        var maskReader = DERReader(bytes: mask.content)
        var mgf = DERReader(bytes: try maskReader.read(tag: 0x30).content)
        guard maskReader.isAtEnd, try mgf.read(tag: 0x06).content.elementsEqual(EnvelopeObjectIdentifier.mgf1),
              try SignedData.isSHA256(try mgf.read(tag: 0x30)), mgf.isAtEnd else {
            throw BundleError.envelopeAlgorithmNotAllowed("khóa chuyển bằng RSA-OAEP với hàm tạo mặt nạ khác MGF1-SHA-256")
        }
        guard fields.isAtEnd else { throw BundleError.envelopeAlgorithmNotAllowed("khóa chuyển bằng RSA-OAEP có nhãn") }
    }

    /// Throws unless a key-agreement AlgorithmIdentifier is ECDH with the SHA-256 KDF and
    /// AES-256 key wrap.
    private static func requireECDHSHA256(_ algorithm: DERReader.Element) throws {
        var reader = DERReader(bytes: algorithm.content)
        let oid = try reader.read(tag: 0x06).content
        guard oid.elementsEqual(EnvelopeObjectIdentifier.ecdhSHA256KDF) else {
            throw BundleError.envelopeAlgorithmNotAllowed("thỏa thuận khóa bằng \(EnvelopeObjectIdentifier.name(oid))")
        }
        var wrap = DERReader(bytes: try reader.read(tag: 0x30).content)
        guard reader.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
        let wrapOID = try wrap.read(tag: 0x06).content
        guard wrapOID.elementsEqual(EnvelopeObjectIdentifier.aes256Wrap) else {
            throw BundleError.envelopeAlgorithmNotAllowed("gói khóa bằng \(EnvelopeObjectIdentifier.name(wrapOID))")
        }
        try wrap.readNullIfPresent()
        guard wrap.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
    }

    /// The content cipher of an EnvelopedData, to name it in the refusal; nothing if it
    /// does not read.
    private static func cipherName(ofEnvelopedData info: DERReader) -> String? {
        var info = info
        guard let explicit = try? info.read(tag: 0xA0) else { return nil }
        var outer = DERReader(bytes: explicit.content)
        guard let sequence = try? outer.read(tag: 0x30) else { return nil }
        var fields = DERReader(bytes: sequence.content)
        _ = try? fields.readInteger()
        _ = try? fields.readIfPresent(tag: 0xA0)
        _ = try? fields.read(tag: 0x31)
        guard let content = try? fields.read(tag: 0x30) else { return nil }
        var reader = DERReader(bytes: content.content)
        _ = try? reader.read(tag: 0x06)
        guard let algorithm = try? reader.read(tag: 0x30) else { return nil }
        var algorithmReader = DERReader(bytes: algorithm.content)
        return (try? algorithmReader.read(tag: 0x06)).map { EnvelopeObjectIdentifier.name($0.content) }
    }
}
