/// JSON text written byte by byte, as Foundation's `JSONEncoder` writes it with
/// `[.sortedKeys, .withoutEscapingSlashes]`: strings escaped as it escapes them (`"` and `\`,
/// the control characters below U+0020 — `\b`, `\f`, `\n`, `\r`, `\t` by name, the others
/// as `\u00XX` in lowercase hex —, `/` left as it is, everything else as its UTF-8), an
/// object's keys ordered by their UTF-8 bytes.
///
/// For the few documents written on every bundle (a manifest, the facts a bundle row keeps),
/// where `JSONEncoder`, generic over `Encodable`, cost as much as the signature.
public struct JSONText: Sendable {
    public var bytes: [UInt8] = []

    public init() {}

    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// An object of strings, its keys in the order of their UTF-8 bytes.
    public mutating func object(_ fields: [String: String]) {
        bytes.append(UInt8(ascii: "{"))
        for (index, key) in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            self.key(key)
            string(fields[key]!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x08: escaped("b")
            case 0x0C: escaped("f")
            case 0x0A: escaped("n")
            case 0x0D: escaped("r")
            case 0x09: escaped("t")
            case 0x00..<0x20:
                append("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ letter: Unicode.Scalar) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: letter))
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
