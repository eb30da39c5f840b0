/// Decoding and encoding of legacy Vietnamese text (TCVN3, VNI-Windows), in both of
/// the forms it reaches us:
///
/// - **bytes**, from a text or CSV file written before Unicode;
/// - **garbled Unicode**, from an Excel or Word cell typed in a legacy font: the cell
///   holds valid Unicode whose characters are the cp1252 reading of the legacy bytes
///   ("ViÖt Nam" in .VnTime, "Vieät Nam" in VNI-Times). It is mapped back through cp1252
///   and decoded as bytes.
///
/// Decoding never fails: every byte means something. Its output is NFC. Which encoding
/// a text is in is not guessed here: see ``LegacyTextDetector`` and
/// ``LegacyVietnamese/convert(_:from:fileName:)``.
public enum LegacyVietnamese {
    /// Decodes legacy bytes to NFC text.
    ///
    /// - Parameter capitals: the text was shown in a capitals font (.VnTimeH and the
    ///   other ABC names ending in "H"), which draws every letter as a capital: the
    ///   only way TCVN3 writes a capital with a tone. Every letter of the result is then
    ///   upper case. The default is `false`.
    public static func decode(_ bytes: some Collection<UInt8>, encoding: LegacyVietnameseEncoding, capitals: Bool = false) -> String {
        let text: String
        switch encoding {
        case .tcvn3: text = TCVN3Table.decode(bytes)
        case .vni: text = VNITable.decode(bytes)
        }
        return capitals ? uppercasingLetters(text.nfc) : text.nfc
    }

    /// Decodes garbled Unicode, a cell typed in a legacy font, to NFC text.
    ///
    /// Characters cp1252 does not have (genuine Vietnamese letters such as "ệ", CJK…)
    /// cannot come from a legacy font and are kept as they are.
    public static func decode(_ text: String, encoding: LegacyVietnameseEncoding, capitals: Bool = false) -> String {
        var output = ""
        var pending: [UInt8] = []
        for scalar in text.unicodeScalars {
            if let byte = Windows1252.byte(for: scalar) {
                pending.append(byte)
            } else {
                output += decode(pending, encoding: encoding, capitals: capitals)
                pending.removeAll(keepingCapacity: true)
                output.unicodeScalars.append(scalar)
            }
        }
        output += decode(pending, encoding: encoding, capitals: capitals)
        return output.nfc
    }

    /// Encodes text in a legacy encoding: for tests, round trips and files for old software.
    ///
    /// - Parameter capitals: write for a capitals font: every letter is written in its
    ///   lower-case form, which the font draws as a capital. Needed to write a TCVN3
    ///   capital with a tone. The default is `false`.
    /// - Throws: ``CoreError`` `.unencodableLegacyText` for a character the encoding
    ///   has no byte for: a TCVN3 capital with a tone without `capitals`, a letter of
    ///   another language, a symbol outside cp1252.
    public static func encode(_ text: String, encoding: LegacyVietnameseEncoding, capitals: Bool = false) throws(CoreError) -> [UInt8] {
        var bytes: [UInt8] = []
        var line = 1
        for original in text.nfc.unicodeScalars {
            if original == "\n" { line += 1 }
            var scalar = original
            if capitals, let letter = VietnameseLetter(Character(scalar)) {
                scalar = letter.with(uppercase: false).character.unicodeScalars.first!
            }
            switch encoding {
            case .tcvn3:
                guard let byte = TCVN3Table.byte(for: scalar) else {
                    throw CoreError.unencodableLegacyText(Character(original), encoding: encoding, line: line)
                }
                bytes.append(byte)
            case .vni:
                guard let written = VNITable.bytes(for: Character(scalar)) else {
                    throw CoreError.unencodableLegacyText(Character(original), encoding: encoding, line: line)
                }
                bytes += written
            }
        }
        return bytes
    }

    /// Every letter upper case; everything else (ß, µ, symbols) left alone, so that
    /// the text keeps its length and meaning.
    static func uppercasingLetters(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if let letter = VietnameseLetter(character), !letter.isUppercase {
                output.append(letter.with(uppercase: true).character)
            } else {
                output.append(character)
            }
        }
        return output
    }
}
