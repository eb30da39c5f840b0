/// TCVN 5712:1993 VN3 ("TCVN3", "ABC"), the code of the .VnTime, .VnArial… fonts.
///
/// VN3 keeps ASCII and the C0 and C1 controls, and adds 75 characters from 0xA0 up: the
/// 67 lower-case letters, the 7 capitals without a tone (Ă Â Ê Ô Ơ Ư Đ) and the
/// no-break space. It has no capital with a tone: those are written with the lower-case
/// byte in a capitals font (.VnTimeH), which is why decoding takes a `capitals` flag.
///
/// Where this decoder differs from glibc's `TCVN5712-1` (checked by a test):
/// - 0x01–0x17: glibc follows VN1 and puts capitals (Ú Ụ Ừ…) on some C0 controls;
///   VN3 does not, and a text file holds controls there, so they stay controls.
/// - 0x80–0x9F: glibc (VN1) puts capitals there; ABC documents were typed on Western
///   Windows, where these bytes are cp1252's quotes, dashes and €, so they are read as
///   cp1252 (`Windows1252`).
/// - 0xA0–0xFF: identical to glibc. The 21 places VN3 leaves empty hold VN2's
///   capitals with tones and five combining tone marks (0xB0–0xB4); an ABC document
///   never contains them, so they are decoded as VN2 says but never produced by the
///   encoder, and the detector counts them as evidence against TCVN3.
enum TCVN3Table {
    /// 0xA0…0xFF, sixteen to a row.
    private static let upperHalf: [Unicode.Scalar] = Array(
        ("\u{A0}ĂÂÊÔƠƯĐăâêôơưđẰ"
            + "\u{300}\u{309}\u{303}\u{301}\u{323}àảãáạẲằẳẵắẴ"
            + "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
            + "éẹềểễếệìỉỄẾỒĩíịò"
            + "Ổỏõóọồổỗốộờởỡớợù"
            + "ỖủũúụừửữứựỳỷỹýỵỐ").unicodeScalars
    )

    /// The bytes 0xA0…0xFF that VN3 does not assign (VN2's additions).
    static let notInVN3: Set<UInt8> = [
        0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xBA, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xCD, 0xD9, 0xDA, 0xDB, 0xE0, 0xF0, 0xFF,
    ]

    static func scalar(for byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0..<0x80: Unicode.Scalar(byte)
        case 0x80..<0xA0: Windows1252.scalar(for: byte)
        default: upperHalf[Int(byte) - 0xA0]
        }
    }

    /// Characters the encoder writes from 0xA0 up: VN3's own 75, nothing of VN2.
    private static let encoding: [Unicode.Scalar: UInt8] = {
        var table: [Unicode.Scalar: UInt8] = [:]
        for (offset, scalar) in upperHalf.enumerated() where !notInVN3.contains(UInt8(0xA0 + offset)) {
            table[scalar] = UInt8(0xA0 + offset)
        }
        return table
    }()

    /// The byte of one NFC character, or nil when VN3 cannot write it (a capital with a
    /// tone, a letter of another language).
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 { return UInt8(scalar.value) }
        if let byte = encoding[scalar] { return byte }
        if let byte = Windows1252.byte(for: scalar), (0x80..<0xA0).contains(byte) { return byte }
        return nil
    }

    static func decode(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(scalar(for: byte)) }
        return String(scalars)
    }
}
