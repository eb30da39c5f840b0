import Foundation

/// One letter of the Vietnamese alphabet, taken apart: base letter, vowel modifier
/// (the hat of â, the breve of ă, the horn of ơ) and tone mark.
///
/// Built from Unicode's own canonical decomposition rather than from a table of the 134
/// precomposed letters, so that NFC and NFD input are read the same way and a letter
/// is put back together by Unicode composition. Every legacy codec, the syllable check
/// and the match keys share this one reading.
struct VietnameseLetter: Hashable, Sendable {
    enum Modifier: Hashable, Sendable {
        case none, circumflex, breve, horn
    }

    /// The six tones, in the order Vietnamese schools teach them.
    enum Tone: CaseIterable, Hashable, Sendable {
        case level, grave, acute, hook, tilde, dotBelow  // ngang, huyền, sắc, hỏi, ngã, nặng
    }

    /// `a`…`z` or `đ`, always lower case.
    let base: Character
    let modifier: Modifier
    let tone: Tone
    let isUppercase: Bool

    init(base: Character, modifier: Modifier = .none, tone: Tone = .level, isUppercase: Bool = false) {
        self.base = base
        self.modifier = modifier
        self.tone = tone
        self.isUppercase = isUppercase
    }

    /// Reads a character as a Vietnamese letter; nil for anything else (digits, symbols,
    /// `ü`, a tone on a consonant, two tones on one vowel).
    init?(_ character: Character) {
        if character.isASCII {
            guard let ascii = character.asciiValue, (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii) else { return nil }
            self.init(base: Character(Unicode.Scalar(ascii | 0x20)), isUppercase: ascii < 0x61)
            return
        }
        var scalars = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return nil }
        let base: Character
        let isUppercase: Bool
        switch first.value {
        case 0x41...0x5A: (base, isUppercase) = (Character(Unicode.Scalar(first.value | 0x20)!), true)
        case 0x61...0x7A: (base, isUppercase) = (Character(first), false)
        case 0x110: (base, isUppercase) = ("đ", true)
        case 0x111: (base, isUppercase) = ("đ", false)
        default: return nil
        }
        var modifier = Modifier.none
        var tone = Tone.level
        while let mark = scalars.next() {
            if let markTone = Self.tone(ofMark: mark) {
                guard tone == .level else { return nil }
                tone = markTone
            } else if let markModifier = Self.modifier(ofMark: mark) {
                guard modifier == .none else { return nil }
                modifier = markModifier
            } else {
                return nil
            }
        }
        guard Self.accepts(base: base, modifier: modifier), tone == .level || Self.vowels.contains(base) else { return nil }
        self.init(base: base, modifier: modifier, tone: tone, isUppercase: isUppercase)
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    var isVowel: Bool { Self.vowels.contains(base) }

    /// The same letter with another tone (or none).
    func with(tone: Tone) -> VietnameseLetter {
        VietnameseLetter(base: base, modifier: modifier, tone: tone, isUppercase: isUppercase)
    }

    func with(uppercase: Bool) -> VietnameseLetter {
        VietnameseLetter(base: base, modifier: modifier, tone: tone, isUppercase: uppercase)
    }

    /// The letter as one NFC character.
    var character: Character {
        var scalars = String.UnicodeScalarView()
        if base == "đ" {
            scalars.append(Unicode.Scalar(isUppercase ? 0x110 : 0x111)!)
        } else {
            let ascii = base.asciiValue!
            scalars.append(Unicode.Scalar(isUppercase ? ascii & ~0x20 : ascii))
        }
        switch modifier {
        case .none: break
        case .circumflex: scalars.append("\u{0302}")
        case .breve: scalars.append("\u{0306}")
        case .horn: scalars.append("\u{031B}")
        }
        if let mark = Self.mark(of: tone) { scalars.append(mark) }
        return Character(String(scalars).precomposedStringWithCanonicalMapping)
    }

    /// The letter with hat, breve or horn but no tone, lower case: what the syllable
    /// rules and the legacy tables key on.
    var toneless: VietnameseLetter { VietnameseLetter(base: base, modifier: modifier) }

    static func mark(of tone: Tone) -> Unicode.Scalar? {
        switch tone {
        case .level: nil
        case .grave: "\u{0300}"
        case .acute: "\u{0301}"
        case .hook: "\u{0309}"
        case .tilde: "\u{0303}"
        case .dotBelow: "\u{0323}"
        }
    }

    static func tone(ofMark mark: Unicode.Scalar) -> Tone? {
        switch mark.value {
        case 0x300: .grave
        case 0x301: .acute
        case 0x309: .hook
        case 0x303: .tilde
        case 0x323: .dotBelow
        default: nil
        }
    }

    static func modifier(ofMark mark: Unicode.Scalar) -> Modifier? {
        switch mark.value {
        case 0x302: .circumflex
        case 0x306: .breve
        case 0x31B: .horn
        default: nil
        }
    }

    /// â ê ô, ă, ơ ư: the only places the three modifiers go.
    private static func accepts(base: Character, modifier: Modifier) -> Bool {
        switch modifier {
        case .none: true
        case .circumflex: base == "a" || base == "e" || base == "o"
        case .breve: base == "a"
        case .horn: base == "o" || base == "u"
        }
    }

    /// Every letter of the alphabet (12 vowels × 6 tones, 17 consonants, đ), in one case.
    static func alphabet(uppercase: Bool) -> [VietnameseLetter] {
        let vowels: [(Character, Modifier)] = [
            ("a", .none), ("a", .breve), ("a", .circumflex), ("e", .none), ("e", .circumflex), ("i", .none),
            ("o", .none), ("o", .circumflex), ("o", .horn), ("u", .none), ("u", .horn), ("y", .none),
        ]
        var letters = vowels.flatMap { base, modifier in
            Tone.allCases.map { VietnameseLetter(base: base, modifier: modifier, tone: $0, isUppercase: uppercase) }
        }
        letters.append(VietnameseLetter(base: "đ", isUppercase: uppercase))
        return letters
    }
}

extension Unicode.Scalar {
    /// A letter only Vietnamese uses, one that no Western code page (cp1252) has: ă đ ĩ ũ
    /// ơ ư and the whole Latin Extended Additional block of toned vowels (U+1EA0–U+1EF9),
    /// or one of the combining marks NFD Vietnamese is written with.
    var isVietnameseOnly: Bool {
        switch value {
        case 0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0: true
        case 0x1EA0...0x1EF9: true
        case 0x300, 0x301, 0x302, 0x303, 0x306, 0x309, 0x31B, 0x323: true
        default: false
        }
    }
}
