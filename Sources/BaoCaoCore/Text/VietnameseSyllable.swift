/// Whether a word is shaped like one Vietnamese syllable: initial consonant, one vowel
/// nucleus, final consonant, at most one tone, and a stop final (c, ch, p, t) only with
/// the sắc or nặng tone.
///
/// The legacy-text detector reads a text under each hypothesis (as it is, TCVN3, VNI)
/// and counts how many of its words come out as syllables: mis-decoded text almost never
/// does, because a wrong table puts tones on consonants, two tones in a word, or vowels
/// where Vietnamese has none. The check is about shape, not vocabulary: it accepts
/// syllables no dictionary has, and is a little lenient with the finals of minority
/// place names (Đắk Lắk).
enum VietnameseSyllable {
    static func isValid(_ word: some StringProtocol) -> Bool {
        var letters: [VietnameseLetter] = []
        letters.reserveCapacity(word.count)
        for character in word {
            // Ð (Icelandic eth) is what old Windows-1258 text and some fonts give for Đ.
            if character == "Ð" || character == "ð" {
                letters.append(VietnameseLetter(base: "đ"))
            } else if let letter = VietnameseLetter(character) {
                letters.append(letter.with(uppercase: false))
            } else {
                return false
            }
        }
        guard !letters.isEmpty, letters.filter({ $0.tone != .level }).count <= 1 else { return false }
        guard let firstVowel = letters.firstIndex(where: \.isVowel) else { return false }
        var nucleusEnd = firstVowel
        while nucleusEnd < letters.count, letters[nucleusEnd].isVowel { nucleusEnd += 1 }
        guard !letters[nucleusEnd...].contains(where: \.isVowel) else { return false }

        var initial = String(letters[..<firstVowel].map(\.base))
        var nucleus = Array(letters[firstVowel..<nucleusEnd])
        let final = String(letters[nucleusEnd...].map(\.base))
        // "gi" and "qu" are consonants whose second letter looks like a vowel.
        // A lone i stays the vowel: gì, gìn.
        if initial == "g", nucleus.count > 1, nucleus[0].base == "i" {
            initial = "gi"
            nucleus.removeFirst()
        } else if initial == "q" {
            guard nucleus.count > 1, nucleus[0].base == "u", nucleus[0].modifier == .none else { return false }
            initial = "qu"
            nucleus.removeFirst()
        }
        guard initials.contains(initial), finals.contains(final) else { return false }
        let shape = String(nucleus.map { $0.toneless.character })
        if final.isEmpty {
            guard openNuclei.contains(shape) else { return false }
        } else {
            guard closedNuclei.contains(shape) else { return false }
        }
        if stopFinals.contains(final) {
            let tone = letters.first(where: { $0.tone != .level })?.tone ?? .level
            guard tone == .acute || tone == .dotBelow else { return false }
        }
        return true
    }

    private static let initials: Set<String> = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
        "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ]

    /// `k` is not a final of the standard language, but it is of Tây Nguyên place names.
    private static let finals: Set<String> = ["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"]

    private static let stopFinals: Set<String> = ["c", "ch", "k", "p", "t"]

    /// Nuclei that end a syllable with no final consonant.
    private static let openNuclei: Set<String> = [
        "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oa", "oe", "oi", "ôi", "ơi",
        "ua", "uê", "ui", "uơ", "uy", "ưa", "ưi", "ưu", "ya",
        "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
    ]

    /// Nuclei that take a final consonant.
    private static let closedNuclei: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "iê", "oa", "oă", "oe", "oo", "uâ", "uê", "uô", "uy", "ươ", "yê", "uyê",
    ]
}
