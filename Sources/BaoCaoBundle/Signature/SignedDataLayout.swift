import Foundation

/// Takes a CMS ContentInfo holding SignedData apart just enough to lift out its
/// `certificates` field: the certificates as DER, and the same structure without them.
///
/// Why: libcrypto decodes every embedded certificate's public key when it parses a CMS
/// structure, which costs more than the signature check itself (OpenSSL 3.0). A province
/// sees the same few hundred certificates on thousands of bundles, so BaoCao parses each
/// distinct certificate once (``CertificateCache``) and hands it to `CMS_verify`, which
/// then parses only the rest. The signature is still checked in full, on every bundle.
struct SignedDataLayout {
    /// The DER of each certificate in the `certificates` field, in order.
    let certificates: [Data]
    /// The ContentInfo re-encoded without the `certificates` field.
    let withoutCertificates: Data

    init(der: Data) throws {
        let bytes = [UInt8](der)
        var reader = DERReader(bytes: bytes[...])
        let contentInfo = try reader.read(tag: 0x30)
        guard reader.isAtEnd else { throw DERReader.Failure() }
        var info = DERReader(bytes: contentInfo.content)
        let contentType = try info.read(tag: 0x06)
        let explicit = try info.read(tag: 0xA0)
        guard info.isAtEnd else { throw DERReader.Failure() }
        var wrapper = DERReader(bytes: explicit.content)
        let signedData = try wrapper.read(tag: 0x30)
        guard wrapper.isAtEnd else { throw DERReader.Failure() }

        var fields = DERReader(bytes: signedData.content)
        var kept: [UInt8] = []
        var certificates: [Data] = []
        while !fields.isAtEnd {
            let element = try fields.readAny()
            if element.tag == 0xA0 {  // [0] IMPLICIT CertificateSet
                var set = DERReader(bytes: element.content)
                while !set.isAtEnd {
                    let certificate = try set.readAny()
                    guard certificate.tag == 0x30 else { throw DERReader.Failure() }  // only X.509 certificates
                    certificates.append(Data(certificate.whole))
                }
            } else {
                kept += element.whole
            }
        }
        let newSignedData = DERReader.encode(tag: 0x30, content: kept)
        let newExplicit = DERReader.encode(tag: 0xA0, content: newSignedData)
        self.withoutCertificates = Data(DERReader.encode(tag: 0x30, content: Array(contentType.whole) + newExplicit))
        self.certificates = certificates
    }
}

/// A reader of DER tag-length-value elements: definite lengths only, one-byte tags.
struct DERReader {
    struct Failure: Error {}
    struct Element {
        let tag: UInt8
        let content: ArraySlice<UInt8>
        let whole: ArraySlice<UInt8>
    }

    var bytes: ArraySlice<UInt8>
    var isAtEnd: Bool { bytes.isEmpty }

    mutating func read(tag: UInt8) throws -> Element {
        let element = try readAny()
        guard element.tag == tag else { throw Failure() }
        return element
    }

    mutating func readAny() throws -> Element {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { throw Failure() }
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { throw Failure() }  // multi-byte tags do not occur here
        var index = start + 1
        let first = bytes[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count >= 1, count <= 4, bytes.endIndex - index >= count else { throw Failure() }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
            guard length >= 0x80 else { throw Failure() }  // DER: the shortest form
        }
        guard bytes.endIndex - index >= length else { throw Failure() }
        let end = index + length
        let element = Element(tag: tag, content: bytes[index..<end], whole: bytes[start..<end])
        bytes = bytes[end...]
        return element
    }

    static func encode(tag: UInt8, content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        let length = content.count
        if length < 0x80 {
            out.append(UInt8(length))
        } else {
            var digits: [UInt8] = []
            var remaining = length
            while remaining > 0 {
                digits.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            out.append(0x80 | UInt8(digits.count))
            out += digits
        }
        return out + content
    }
}
