import Foundation

/// Keys for matching Vietnamese names: two spellings of one name get one key.
///
/// Stored text stays as people typed it (in NFC); only the keys are normalised, so
/// that "Thuỷ" typed in one office finds "Thủy" typed in another.
public enum VietnameseText {
    /// The key under which two spellings of a name are the same name.
    ///
    /// - NFC, so that precomposed and combining input agree;
    /// - lower case (Đ → đ, Ơ → ơ…);
    /// - white space (spaces, tabs, no-break spaces, line breaks) trimmed and collapsed to
    ///   one space;
    /// - the tone of a syllable-final **oa, oe, uy** put on the **first** vowel, the
    ///   old ("traditional") placement: hoà → hòa, khoẻ → khỏe, thuỷ → thủy, thuỵ → thụy,
    ///   quý → qúy. Both placements are correct Vietnamese and both are in use (the old
    ///   one in most names and official documents, the new one since the 1980s school
    ///   rules); the key only needs to pick one. A diphthong followed by a consonant or
    ///   a third vowel (hoàn, khuyến, ngoài) has only one placement and is left alone.
    public static func matchKey(_ text: String) -> String {
        let words = text.nfc.lowercased().split(whereSeparator: \.isWhitespace)
        return words.map { oldTonePlacement(in: $0) }.joined(separator: " ")
    }

    /// The key for searching: ``matchKey(_:)`` without any diacritic, and đ as d, so
    /// that "dak lak" finds "Đắk Lắk" and "ha noi" finds "Hà Nội".
    public static func searchKey(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in matchKey(text).decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x300...0x36F: continue  // combining diacritics
            case 0x111: scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).nfc
    }

    /// Moves the tone of a syllable-final oa, oe or uy to its first vowel, in every
    /// syllable of a (lower-case) word.
    private static func oldTonePlacement(in word: Substring) -> String {
        var characters = Array(word)
        var index = 0
        while index + 1 < characters.count {
            defer { index += 1 }
            guard let first = VietnameseLetter(characters[index]), let second = VietnameseLetter(characters[index + 1]),
                first.modifier == .none, second.modifier == .none
            else { continue }
            let pair = String([first.base, second.base])
            guard pair == "oa" || pair == "oe" || pair == "uy" else { continue }
            // Syllable-final: nothing, or no letter, after the pair.
            if index + 2 < characters.count, characters[index + 2].isLetter { continue }
            guard first.tone == .level, second.tone != .level else { continue }
            characters[index] = first.with(tone: second.tone).character
            characters[index + 1] = second.with(tone: .level).character
        }
        return String(characters)
    }
}
