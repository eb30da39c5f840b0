import Foundation

/// The issuer's Name and the serial-number INTEGER of a certificate, as DER, read from its
/// encoding: what a CMS SignerInfo names its signer by (RFC 5652 §10.2.4).
struct IssuerAndSerialNumber: Sendable {
    let issuer: [UInt8]
    let serial: [UInt8]

    init(certificateDER der: Data) throws {
        var outer = DERReader(bytes: [UInt8](der)[...])
        var certificate = DERReader(bytes: try outer.read(tag: 0x30).content)
        var tbs = DERReader(bytes: try certificate.read(tag: 0x30).content)
        _ = try tbs.readIfPresent(tag: 0xA0)  // version
        serial = Array(try tbs.readInteger().whole)
        _ = try tbs.read(tag: 0x30)  // signature algorithm
        issuer = Array(try tbs.read(tag: 0x30).whole)
    }
}
