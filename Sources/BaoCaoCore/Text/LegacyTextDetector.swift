/// Tells which encoding a text is in: ASCII, UTF-8, TCVN3 or VNI, or that it cannot tell.
///
/// ## The rule
///
/// 1. **Real Unicode Vietnamese is never converted.** A text that holds a letter only
///    Vietnamese uses (ă đ ĩ ũ ơ ư, any toned vowel of U+1EA0–U+1EF9, or the combining
///    marks of NFD Vietnamese) is Unicode, whatever else it holds. So is a text with a
///    character cp1252 lacks, since no legacy font can have produced it.
/// 2. **Legacy text is recognised by reading it.** The text is decoded as TCVN3 and as
///    VNI (and, for Unicode text, also read as it is), and each reading is scored by the
///    share of its accented words that are well-formed Vietnamese syllables
///    (``VietnameseSyllable``). A wrong table leaves tones on consonants, two tones in a
///    word, vowels Vietnamese does not combine; VNI's base-letter-plus-diacritic pairs
///    fall apart when read as TCVN3's one-byte letters, and the reverse. TCVN3 bytes that
///    only VN2 uses (capitals with tones, combining marks) count against TCVN3, since
///    ABC fonts cannot show them.
/// 3. **Refuse rather than guess.** A reading wins when at least 75% of its accented
///    words are syllables, at least two of them, and it beats every other reading by 25
///    points. When both legacy readings fit, when the winner has a single word, or when
///    neither fits, the answer is `.ambiguous` and the person must say which.
///
/// Files are looked at line by line: lines that are valid UTF-8 are Unicode and play no
/// part in detecting the legacy encoding of the others. A file is in one legacy encoding
/// at most (see ``LegacyVietnamese/convert(_:from:fileName:)`` for what is done with a
/// mixed file).
public enum LegacyTextDetector {
    public enum Detection: String, Hashable, Sendable {
        /// Nothing but ASCII: identical in every encoding.
        case ascii
        /// Unicode (valid UTF-8 bytes, or text that is not legacy mojibake): keep it.
        case utf8
        case tcvn3
        case vni
        /// Legacy text whose encoding cannot be told; ask.
        case ambiguous

        /// The legacy encoding to decode with, for `.tcvn3` and `.vni`.
        public var legacyEncoding: LegacyVietnameseEncoding? {
            switch self {
            case .tcvn3: .tcvn3
            case .vni: .vni
            default: nil
            }
        }
    }

    /// The encoding of a file's bytes.
    ///
    /// Valid UTF-8 is `.utf8` even when it holds garbled legacy text (cp1252 letters
    /// saved as UTF-8): look at its text with ``detect(text:)``, or let
    /// ``LegacyVietnamese/convert(_:from:fileName:)`` do both. Bytes that are not UTF-8
    /// are judged on their lines that are not valid UTF-8.
    public static func detect(bytes: [UInt8]) -> Detection {
        if bytes.allSatisfy({ $0 < 0x80 }) { return .ascii }
        if String(validating: bytes, as: UTF8.self) != nil { return .utf8 }
        var tcvn3 = Evidence(), vni = Evidence()
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        where String(validating: line, as: UTF8.self) == nil {
            tcvn3 += Evidence(ofBytes: line, as: .tcvn3)
            vni += Evidence(ofBytes: line, as: .vni)
        }
        if case .encoding(let encoding) = verdict(tcvn3: tcvn3, vni: vni) {
            return encoding == .tcvn3 ? .tcvn3 : .vni
        }
        return .ambiguous
    }

    /// Whether a Unicode text (an Excel cell, a line of a UTF-8 file) is legacy text
    /// typed in a .VnTime or VNI font, read through cp1252: "ViÖt Nam", "Vieät Nam".
    ///
    /// `.utf8` means: keep the text as it is. A text with real Vietnamese letters is
    /// always `.utf8`; so is one that reads well as it is ("Phú Yên") or that does not
    /// look like any legacy encoding ("Größe").
    public static func detect(text: String) -> Detection {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return .ascii }
        guard !hasGenuineVietnamese(text), let bytes = Windows1252.bytes(of: text) else { return .utf8 }
        let asIs = Evidence(ofText: text)
        if asIs.fits { return .utf8 }
        switch verdict(tcvn3: Evidence(ofBytes: bytes, as: .tcvn3), vni: Evidence(ofBytes: bytes, as: .vni), asIs: asIs) {
        case .encoding(let encoding): return encoding == .tcvn3 ? .tcvn3 : .vni
        case .ambiguous(.neitherFits), .noEvidence: return .utf8
        case .ambiguous: return .ambiguous
        }
    }

    /// Whether a text holds a letter or mark only Vietnamese Unicode text has.
    static func hasGenuineVietnamese(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: \.isVietnameseOnly)
    }

    // MARK: Deciding

    enum Verdict: Equatable {
        case encoding(LegacyVietnameseEncoding)
        case ambiguous(CoreError.AmbiguityReason)
        /// No accented word at all in any reading.
        case noEvidence
    }

    static let fitRatio = 0.75
    static let margin = 0.25
    static let minimumWords = 2

    /// The reading that wins, by the rule above.
    static func verdict(tcvn3: Evidence, vni: Evidence, asIs: Evidence? = nil) -> Verdict {
        if tcvn3.words == 0 && vni.words == 0 { return .noEvidence }
        switch (tcvn3.fits, vni.fits) {
        case (true, true): return .ambiguous(.bothFit)
        case (false, false): return .ambiguous(.neitherFits)
        case (true, false), (false, true):
            let (winner, loser, encoding) = tcvn3.fits ? (tcvn3, vni, LegacyVietnameseEncoding.tcvn3) : (vni, tcvn3, .vni)
            guard winner.valid >= minimumWords else { return .ambiguous(.tooLittleText) }
            guard winner.ratio - loser.ratio >= margin, winner.ratio - (asIs?.ratio ?? 0) >= margin else {
                return .ambiguous(.bothFit)
            }
            return .encoding(encoding)
        }
    }
}

/// How well one reading of a text comes out: of its words with an accented letter, how
/// many are Vietnamese syllables.
struct Evidence: Equatable, Sendable {
    var words = 0
    var valid = 0

    var ratio: Double { words == 0 ? 0 : Double(valid) / Double(words) }
    var fits: Bool { words > 0 && ratio >= LegacyTextDetector.fitRatio }

    static func += (lhs: inout Evidence, rhs: Evidence) {
        lhs.words += rhs.words
        lhs.valid += rhs.valid
    }

    /// Unicode text read as it is. A word is a run of letters; only words with a
    /// non-ASCII letter count.
    ///
    /// Latin-1 symbols that TCVN3 uses for letters (® for đ, ¹ for ạ, § for Đ…) are
    /// read as part of a word, and spoil it: real text does not glue "®" to letters,
    /// mojibake does ("®éc", "h¹nh"). The guillemets and the degree sign, which real
    /// text does put next to words, are left out.
    init(ofText text: some StringProtocol) {
        var word = ""
        var glued = false
        func close() {
            if !word.isEmpty, !word.utf8.allSatisfy({ $0 < 0x80 }) {
                words += 1
                if !glued, VietnameseSyllable.isValid(word) { valid += 1 }
            }
            word = ""
            glued = false
        }
        for character in text {
            if character.isLetter {
                word.append(character)
            } else if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, Self.isGlue(scalar) {
                word.append(character)
                glued = true
            } else {
                close()
            }
        }
        close()
    }

    private static func isGlue(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAB, 0xB0, 0xBB: false
        case 0xA1...0xBF, 0xD7, 0xF7: true
        default: false
        }
    }

    init() {}

    /// Legacy bytes read in one encoding. Words are cut on the bytes, not on the
    /// decoded text, so that a byte the encoding gives no letter (a VNI byte that is
    /// Ç in cp1252, a TCVN3 byte only VN2 has, a VNI diacritic with no vowel before it)
    /// spoils its word instead of splitting it.
    init(ofBytes bytes: some Collection<UInt8>, as encoding: LegacyVietnameseEncoding) {
        let isWordByte: (UInt8) -> Bool
        let isForeign: (UInt8) -> Bool
        switch encoding {
        case .tcvn3:
            isWordByte = { $0 >= 0xA1 || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
            isForeign = { TCVN3Table.notInVN3.contains($0) }
        case .vni:
            isWordByte = { $0 >= 0xC0 || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
            isForeign = { $0 >= 0xC0 && !VNITable.vniBytes.contains($0) }
        }
        var start: Int? = nil
        let bytes = Array(bytes)
        func close(_ end: Int) {
            guard let from = start else { return }
            start = nil
            let word = bytes[from..<end]
            guard word.contains(where: { $0 >= 0x80 }) else { return }
            words += 1
            guard !word.contains(where: isForeign) else { return }
            var strays = 0
            let decoded: String
            switch encoding {
            case .tcvn3: decoded = TCVN3Table.decode(word).nfc
            case .vni: decoded = VNITable.decode(word, strays: &strays).nfc
            }
            if strays == 0, VietnameseSyllable.isValid(decoded) { valid += 1 }
        }
        for (index, byte) in bytes.enumerated() {
            if isWordByte(byte) {
                if start == nil { start = index }
            } else {
                close(index)
            }
        }
        close(bytes.count)
    }
}
