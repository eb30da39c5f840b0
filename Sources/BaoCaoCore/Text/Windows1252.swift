/// Windows code page 1252, the "ANSI" code page of Western Windows, through which every
/// legacy Vietnamese font was typed: a .VnTime or VNI-Times document is a cp1252
/// document whose font draws Vietnamese glyphs at the Western letters' places.
///
/// The five bytes cp1252 leaves undefined (81, 8D, 8F, 90, 9D) go to and from the C1
/// control with the same number, as Windows' own conversion does, so that every byte
/// survives a trip through Unicode.
enum Windows1252 {
    /// The Unicode character of each byte from 0x80 to 0x9F.
    static let c1Row: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func scalar(for byte: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(byte) { return Unicode.Scalar(c1Row[Int(byte) - 0x80])! }
        return Unicode.Scalar(byte)
    }

    private static let c1Bytes: [UInt32: UInt8] = Dictionary(
        uniqueKeysWithValues: c1Row.enumerated().map { ($0.element, UInt8(0x80 + $0.offset)) }
    )

    /// The byte that stands for a character, or nil when cp1252 has no such character.
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0..<0x80, 0xA0...0xFF: UInt8(scalar.value)
        default: c1Bytes[scalar.value]
        }
    }

    /// The bytes of a text, or nil when one of its characters is not in cp1252.
    static func bytes(of text: some StringProtocol) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let byte = byte(for: scalar) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
