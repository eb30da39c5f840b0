/// VNI-Windows, the code of the VNI-Times, VNI-Helve… fonts (VNI Software, Hồ Chí Minh
/// City), seen here as the cp1252 bytes the fonts were typed with.
///
/// VNI writes a vowel as its ASCII base letter followed by one diacritic byte that
/// carries the hat or breve and the tone together: "Vieät" is V-i-e-ä-t, "ä" being
/// hat-and-nặng. Seven letters have a byte of their own: đ (ñ), ơ (ô), ư (ö), and i with
/// a tone (í ì æ ó ò) and ỵ (î); ơ and ư then take a tone byte like any vowel.
/// Each diacritic exists in a lower-case and a capital form (capitals sit higher in the
/// font); the encoder writes the form that matches the letter, and the decoder takes
/// the case from the base letter and accepts either form.
///
/// There is no published standard; this table is VNI's font layout as UniKey's VNI-WIN
/// charset and VietKey write it.
enum VNITable {
    typealias Tone = VietnameseLetter.Tone
    typealias Modifier = VietnameseLetter.Modifier

    /// The diacritic byte after a base letter: which modifier it adds and which tone.
    struct Diacritic: Hashable, Sendable {
        let modifier: Modifier
        let tone: Tone
    }

    /// Lower-case diacritic bytes; the capital form is the byte minus 0x20.
    private static let lowerDiacritics: [UInt8: Diacritic] = [
        0xF9: Diacritic(modifier: .none, tone: .acute),  // ù
        0xF8: Diacritic(modifier: .none, tone: .grave),  // ø
        0xFB: Diacritic(modifier: .none, tone: .hook),  // û
        0xF5: Diacritic(modifier: .none, tone: .tilde),  // õ
        0xEF: Diacritic(modifier: .none, tone: .dotBelow),  // ï
        0xE2: Diacritic(modifier: .circumflex, tone: .level),  // â
        0xE1: Diacritic(modifier: .circumflex, tone: .acute),  // á
        0xE0: Diacritic(modifier: .circumflex, tone: .grave),  // à
        0xE5: Diacritic(modifier: .circumflex, tone: .hook),  // å
        0xE3: Diacritic(modifier: .circumflex, tone: .tilde),  // ã
        0xE4: Diacritic(modifier: .circumflex, tone: .dotBelow),  // ä
        0xEA: Diacritic(modifier: .breve, tone: .level),  // ê
        0xE9: Diacritic(modifier: .breve, tone: .acute),  // é
        0xE8: Diacritic(modifier: .breve, tone: .grave),  // è
        0xFA: Diacritic(modifier: .breve, tone: .hook),  // ú
        0xFC: Diacritic(modifier: .breve, tone: .tilde),  // ü
        0xEB: Diacritic(modifier: .breve, tone: .dotBelow),  // ë
    ]

    /// Letters with a byte of their own, lower case; the capital is the byte minus 0x20.
    private static let lowerLetters: [UInt8: VietnameseLetter] = [
        0xF1: VietnameseLetter(base: "đ"),  // ñ
        0xF4: VietnameseLetter(base: "o", modifier: .horn),  // ô
        0xF6: VietnameseLetter(base: "u", modifier: .horn),  // ö
        0xED: VietnameseLetter(base: "i", tone: .acute),  // í
        0xEC: VietnameseLetter(base: "i", tone: .grave),  // ì
        0xE6: VietnameseLetter(base: "i", tone: .hook),  // æ
        0xF3: VietnameseLetter(base: "i", tone: .tilde),  // ó
        0xF2: VietnameseLetter(base: "i", tone: .dotBelow),  // ò
        0xEE: VietnameseLetter(base: "y", tone: .dotBelow),  // î
    ]

    static func diacritic(_ byte: UInt8) -> Diacritic? {
        lowerDiacritics[byte] ?? (byte >= 0xC0 && byte < 0xE0 ? lowerDiacritics[byte + 0x20] : nil)
    }

    static func letter(_ byte: UInt8) -> VietnameseLetter? {
        if let letter = lowerLetters[byte] { return letter }
        if byte >= 0xC0 && byte < 0xE0, let letter = lowerLetters[byte + 0x20] { return letter.with(uppercase: true) }
        return nil
    }

    /// Bytes VNI gives a meaning of its own (letters and diacritics), in both cases.
    static let vniBytes: Set<UInt8> = Set(
        (Array(lowerDiacritics.keys) + Array(lowerLetters.keys)).flatMap { [$0, $0 - 0x20] }
    )

    // MARK: Decoding

    static func decode(_ bytes: some Collection<UInt8>) -> String {
        var strays = 0
        return decode(bytes, strays: &strays)
    }

    /// Decodes, counting the diacritic bytes that had no letter to sit on (a sign that
    /// the text is not VNI).
    static func decode(_ bytes: some Collection<UInt8>, strays: inout Int) -> String {
        var output = String.UnicodeScalarView()
        var pending: VietnameseLetter?  // a vowel that may still take a diacritic byte
        var pendingTakes = false  // whether `pending` can still take a modifier

        func flush() {
            if let letter = pending { output.append(contentsOf: String(letter.character).unicodeScalars) }
            pending = nil
        }

        for byte in bytes {
            if let mark = diacritic(byte) {
                if let letter = pending, let combined = attach(mark, to: letter, modifierAllowed: pendingTakes) {
                    pending = combined
                    pendingTakes = false
                    continue
                }
                // A diacritic with nothing to sit on: the font would draw a floating
                // accent. After a letter it is kept as combining marks; elsewhere as the
                // cp1252 character it is.
                let afterLetter = pending != nil || output.last.map { Character($0).isLetter } == true
                strays += 1
                flush()
                if afterLetter {
                    if let modifierMark = modifierMark(mark.modifier) { output.append(modifierMark) }
                    if let toneMark = VietnameseLetter.mark(of: mark.tone) { output.append(toneMark) }
                } else {
                    output.append(Windows1252.scalar(for: byte))
                }
                continue
            }
            flush()
            if let letter = letter(byte) {
                if letter.tone == .level {
                    (pending, pendingTakes) = (letter, false)  // ơ ư đ wait for a tone (đ never gets one)
                } else {
                    output.append(contentsOf: String(letter.character).unicodeScalars)
                }
            } else if byte < 0x80, let letter = VietnameseLetter(Character(Unicode.Scalar(byte))), letter.isVowel {
                (pending, pendingTakes) = (letter, true)
            } else {
                output.append(Windows1252.scalar(for: byte))
            }
        }
        flush()
        return String(output)
    }

    /// The letter a diacritic byte makes of a base letter, or nil when the pair means
    /// nothing in VNI (a hat on u, a tone on đ, a second tone).
    private static func attach(_ mark: Diacritic, to letter: VietnameseLetter, modifierAllowed: Bool) -> VietnameseLetter? {
        guard letter.isVowel, letter.tone == .level else { return nil }
        if mark.modifier == .none {
            return letter.with(tone: mark.tone)
        }
        guard modifierAllowed, letter.modifier == .none else { return nil }
        switch (mark.modifier, letter.base) {
        case (.circumflex, "a"), (.circumflex, "e"), (.circumflex, "o"), (.breve, "a"):
            return VietnameseLetter(base: letter.base, modifier: mark.modifier, tone: mark.tone, isUppercase: letter.isUppercase)
        default:
            return nil
        }
    }

    private static func modifierMark(_ modifier: Modifier) -> Unicode.Scalar? {
        switch modifier {
        case .none, .horn: nil
        case .circumflex: "\u{0302}"
        case .breve: "\u{0306}"
        }
    }

    // MARK: Encoding

    /// The bytes of one NFC character, or nil when VNI cannot write it.
    static func bytes(for character: Character) -> [UInt8]? {
        if let ascii = character.asciiValue { return [ascii] }
        if let letter = VietnameseLetter(character) { return bytes(for: letter) }
        // Other cp1252 characters pass through, unless VNI uses their byte.
        guard character.unicodeScalars.count == 1, let byte = Windows1252.byte(for: character.unicodeScalars.first!),
            !vniBytes.contains(byte)
        else { return nil }
        return [byte]
    }

    private static func bytes(for letter: VietnameseLetter) -> [UInt8] {
        let shift: UInt8 = letter.isUppercase ? 0x20 : 0
        if let own = lowerLetters.first(where: { $0.value == letter.with(uppercase: false) })?.key {
            return [own - shift]
        }
        let baseByte = letter.base.asciiValue! - shift
        switch letter.modifier {
        case .horn:
            let own: UInt8 = letter.base == "o" ? 0xF4 : 0xF6
            let tone = letter.tone == .level ? [] : [diacriticByte(Diacritic(modifier: .none, tone: letter.tone)) - shift]
            return [own - shift] + tone
        case .none where letter.tone == .level:
            return [baseByte]
        default:
            return [baseByte, diacriticByte(Diacritic(modifier: letter.modifier, tone: letter.tone)) - shift]
        }
    }

    private static let diacriticBytes: [Diacritic: UInt8] = Dictionary(
        uniqueKeysWithValues: lowerDiacritics.map { ($0.value, $0.key) }
    )

    private static func diacriticByte(_ diacritic: Diacritic) -> UInt8 { diacriticBytes[diacritic]! }
}
