/// The ESS signing-certificate-v2 signed attribute (RFC 5035), which PAdES signatures
/// carry: the hash of the signer's certificate inside what is signed, so that another
/// certificate for the same key cannot be put in its place.
enum SigningCertificateV2 {
    /// 1.2.840.113549.1.9.16.2.47, id-aa-signingCertificateV2.
    static let objectIdentifier: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x02, 0x2F]

    /// The SHA-256 certificate hash of the first ESSCertIDv2 in `signedAttributes` (the
    /// re-tagged SET a ``SignerInfo`` keeps), or `nil` when the attribute is absent.
    /// Throws on a malformed attribute or a hash other than SHA-256.
    static func certificateHash(inSignedAttributes signedAttributes: [UInt8]) throws(DERReader.Failure) -> [UInt8]? {
        var outer = DERReader(bytes: signedAttributes[...])
        for element in try DERReader.elements(ofSet: try outer.read(tag: 0x31)) {
            var attribute = DERReader(bytes: element.content)
            guard try attribute.read(tag: 0x06).content.elementsEqual(objectIdentifier) else { continue }
            let values = try DERReader.elements(ofSet: try attribute.read(tag: 0x31))
            guard values.count == 1, let value = values.first, value.tag == 0x30 else { throw .unexpectedStructure }
            var signingCertificate = DERReader(bytes: value.content)
            var certificates = DERReader(bytes: try signingCertificate.read(tag: 0x30).content)
            var first = DERReader(bytes: try certificates.read(tag: 0x30).content)
            if let algorithm = try first.readIfPresent(tag: 0x30) {
                var identifier = DERReader(bytes: algorithm.content)
                guard try identifier.read(tag: 0x06).content.elementsEqual(CMSObjectIdentifier.sha256) else { throw .unexpectedStructure }
            }
            let hash = try first.read(tag: 0x04).content
            guard hash.count == 32 else { throw .unexpectedStructure }
            return Array(hash)
        }
        return nil
    }
}
