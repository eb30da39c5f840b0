import Foundation

/// The one SignerInfo of a bundle signature: who signed (by issuer and serial number, or
/// by subject key identifier), the signed attributes exactly as received, and the
/// signature over them.
struct SignerInfo {
    enum Identifier: Equatable {
        /// The DER of the issuer's Name and of the serial-number INTEGER.
        case issuerAndSerialNumber(issuer: ArraySlice<UInt8>, serial: ArraySlice<UInt8>)
        case subjectKeyIdentifier(ArraySlice<UInt8>)
    }

    enum SignatureAlgorithm {
        case rsaPKCS1, ecdsa
    }

    let identifier: Identifier
    /// The signed attributes re-tagged as the SET OF that the signature covers (RFC 5652 §5.4).
    let signedAttributes: [UInt8]
    /// The SHA-256 of the content, as the signer stated it.
    let messageDigest: ArraySlice<UInt8>
    /// The signing-time attribute, if any.
    let signingTime: Date?
    let signatureAlgorithm: SignatureAlgorithm
    let signature: ArraySlice<UInt8>

    /// A SignerInfo as written here (``SignedDataBuilder``), its parts known: nothing to read back.
    init(identifier: Identifier, signedAttributes: [UInt8], messageDigest: ArraySlice<UInt8>, signingTime: Date?,
         signatureAlgorithm: SignatureAlgorithm, signature: ArraySlice<UInt8>) {
        self.identifier = identifier
        self.signedAttributes = signedAttributes
        self.messageDigest = messageDigest
        self.signingTime = signingTime
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
    }

    init(element: DERReader.Element) throws {
        var fields = DERReader(bytes: element.content)
        _ = try fields.readInteger()  // version
        if let byIssuer = try fields.readIfPresent(tag: 0x30) {
            var reader = DERReader(bytes: byIssuer.content)
            let issuer = try reader.read(tag: 0x30)
            let serial = try reader.readInteger()
            guard reader.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
            identifier = .issuerAndSerialNumber(issuer: issuer.whole, serial: serial.whole)
        } else {
            identifier = .subjectKeyIdentifier(try fields.read(tag: 0x80).content)
        }
        try SignedData.requireSHA256(fields.read(tag: 0x30), else: "thuật toán băm của người ký không phải SHA-256")
        guard let attributes = try fields.readIfPresent(tag: 0xA0) else {
            throw SignedData.Failure("thiếu các thuộc tính được ký (thời điểm ký, mã băm nội dung)")
        }
        signedAttributes = [0x31] + attributes.whole.dropFirst()

        let (contentType, messageDigest, signingTime) = try Self.attributes(of: attributes).known
        guard let contentType, contentType.elementsEqual(CMSObjectIdentifier.data) else {
            throw SignedData.Failure("thuộc tính kiểu nội dung thiếu hoặc sai")
        }
        guard let messageDigest, messageDigest.count == 32 else {
            throw SignedData.Failure("thuộc tính mã băm nội dung thiếu hoặc sai")
        }
        self.messageDigest = messageDigest
        self.signingTime = signingTime

        var algorithm = DERReader(bytes: try fields.read(tag: 0x30).content)
        let oid = try algorithm.read(tag: 0x06).content
        try algorithm.readNullIfPresent()
        guard algorithm.isAtEnd else { throw SignedData.Failure("thuật toán ký có tham số không được hỗ trợ") }
        if oid.elementsEqual(CMSObjectIdentifier.rsaEncryption) || oid.elementsEqual(CMSObjectIdentifier.sha256WithRSA) {
            signatureAlgorithm = .rsaPKCS1
        } else if oid.elementsEqual(CMSObjectIdentifier.ecdsaWithSHA256) {
            signatureAlgorithm = .ecdsa
        } else if oid.elementsEqual(CMSObjectIdentifier.sha1WithRSA) || oid.elementsEqual(CMSObjectIdentifier.ecdsaWithSHA1) {
            throw SignedData.WeakDigest(name: "SHA-1")
        } else {
            throw SignedData.Failure("thuật toán ký không được hỗ trợ (chỉ RSA PKCS #1 và ECDSA với SHA-256)")
        }
        signature = try fields.read(tag: 0x04).content
        _ = try fields.readIfPresent(tag: 0xA1)  // unsigned attributes: not covered by the signature, ignored
        guard fields.isAtEnd else { throw DERReader.Failure.unexpectedStructure }
    }

    /// The signed attributes of the profile read from their SET OF: content type, message
    /// digest, signing time (each at most once, with one value), and how many attributes
    /// there are in all (others are allowed in a SignerInfo and covered by its signature).
    struct Attributes {
        var contentType: ArraySlice<UInt8>?
        var messageDigest: ArraySlice<UInt8>?
        var signingTime: Date?
        var count = 0
        var known: (ArraySlice<UInt8>?, ArraySlice<UInt8>?, Date?) { (contentType, messageDigest, signingTime) }
    }

    static func attributes(of set: DERReader.Element) throws -> Attributes {
        var result = Attributes()
        var seenTime = false
        for element in try DERReader.elements(ofSet: set) {
            guard element.tag == 0x30 else { throw DERReader.Failure.unexpectedTag }
            result.count += 1
            var attribute = DERReader(bytes: element.content)
            let type = try attribute.read(tag: 0x06).content
            let values = try DERReader.elements(ofSet: attribute.read(tag: 0x31))
            guard attribute.isAtEnd, let value = values.first else { throw DERReader.Failure.unexpectedStructure }
            let single = values.count == 1
            let twice = SignedData.Failure("một thuộc tính được ký xuất hiện hai lần")
            if type.elementsEqual(CMSObjectIdentifier.contentTypeAttribute) {
                guard single, value.tag == 0x06 else { throw DERReader.Failure.unexpectedStructure }
                guard result.contentType == nil else { throw twice }
                result.contentType = value.content
            } else if type.elementsEqual(CMSObjectIdentifier.messageDigestAttribute) {
                guard single, value.tag == 0x04 else { throw DERReader.Failure.unexpectedStructure }
                guard result.messageDigest == nil else { throw twice }
                result.messageDigest = value.content
            } else if type.elementsEqual(CMSObjectIdentifier.signingTimeAttribute) {
                guard single else { throw DERReader.Failure.unexpectedStructure }
                guard !seenTime else { throw twice }
                seenTime = true
                result.signingTime = try time(value)
            }
        }
        return result
    }

    /// UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime `YYYYMMDDHHMMSSZ`, as DER requires.
    private static func time(_ element: DERReader.Element) throws -> Date {
        let text = Array(element.content)
        let yearDigits: Int
        switch (element.tag, text.count) {
        case (0x17, 13): yearDigits = 2
        case (0x18, 15): yearDigits = 4
        default: throw SignedData.Failure("thời điểm ký không đúng định dạng")
        }
        guard text.last == 0x5A, text.dropLast().allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw SignedData.Failure("thời điểm ký không đúng định dạng")
        }
        func number(_ start: Int, _ count: Int) -> Int {
            text[start..<start + count].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        var year = number(0, yearDigits)
        if yearDigits == 2 { year += year < 50 ? 2000 : 1900 }
        let rest = yearDigits
        guard let date = UTCTimestamp.date(year: year, month: number(rest, 2), day: number(rest + 2, 2),
                                           hour: number(rest + 4, 2), minute: number(rest + 6, 2), second: number(rest + 8, 2))
        else { throw SignedData.Failure("thời điểm ký không hợp lệ") }
        return date
    }
}
