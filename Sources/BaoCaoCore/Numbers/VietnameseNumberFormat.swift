/// Numbers as Vietnamese people write them: `1.245.000,5` — a dot between groups of
/// thousands and a comma before the decimals.
///
/// Two readings are offered:
/// - ``Convention/vietnamese`` for what a person types into BaoCao: the comma is the
///   decimal mark and the dot only groups thousands, so nothing is ambiguous.
/// - ``Convention/anyUnambiguous`` for files of unknown origin (CSV and Excel exports
///   from other systems): both the Vietnamese and the international way are accepted,
///   and a number that reads differently in the two (`1.245`, `1,245`) is refused
///   rather than guessed, because a wrong guess changes a figure a thousandfold.
public enum VietnameseNumberFormat {
    public enum Convention: Sendable {
        case vietnamese
        case anyUnambiguous
    }

    /// Formats with Vietnamese grouping and decimal comma: `-1.245.000,50`.
    public static func format(_ value: ExactDecimal) -> String {
        format(canonical: value.description) ?? value.description
    }

    /// A text in the canonical form (`-?digits(.digits)?`, as values are stored) written
    /// the Vietnamese way without reading it into a number first — a data-entry page
    /// writes hundreds; nil when the text is not in that form.
    public static func format(canonical: String) -> String? {
        var canonical = canonical
        return canonical.withUTF8 { text -> String? in
            let digit = UInt8(ascii: "0")...UInt8(ascii: "9")
            let start = text.first == UInt8(ascii: "-") ? 1 : 0
            var point: Int?
            for index in start..<text.count where !digit.contains(text[index]) {
                guard text[index] == UInt8(ascii: "."), point == nil else { return nil }
                point = index
            }
            let end = point ?? text.count
            guard end > start, end < text.count - 1 || point == nil else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(text.count + text.count / 3 + 1)
            if start == 1 { output.append(UInt8(ascii: "-")) }
            let integerDigits = end - start
            for index in start..<end {
                let position = index - start
                if position > 0, (integerDigits - position) % 3 == 0 { output.append(UInt8(ascii: ".")) }
                output.append(text[index])
            }
            if let point {
                output.append(UInt8(ascii: ","))
                output.append(contentsOf: text[(point + 1)...])
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Parses a number written by a person or found in an imported file.
    ///
    /// Surrounding spaces (and no-break spaces) are ignored. Throws
    /// ``CoreError/Code/notANumber`` or ``CoreError/Code/ambiguousNumber``.
    public static func parse(_ input: String, convention: Convention = .vietnamese) throws -> ExactDecimal {
        let text = input.trimmingSpaces()
        guard !text.isEmpty else { throw CoreError.notANumber(input) }
        if convention == .vietnamese, let number = vietnameseOnBytes(text) { return number }
        return try generalParse(text, input: input, convention: convention)
    }

    /// The reading of every form, with the precise refusal; ``vietnameseOnBytes(_:)`` is
    /// its fast path for the common ones.
    static func generalParse(_ text: String, input: String, convention: Convention = .vietnamese) throws -> ExactDecimal {
        guard !text.isEmpty else { throw CoreError.notANumber(input) }
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("−") {
            negative = true
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," }) else {
            throw CoreError.notANumber(input)
        }
        let dots = body.count(where: { $0 == "." })
        let commas = body.count(where: { $0 == "," })

        let integerPart: Substring
        let fraction: Substring?
        let grouping: Character?

        switch (dots, commas) {
        case (0, 0):
            (integerPart, fraction, grouping) = (body, nil, nil)
        case (_, 1) where body.lastIndex(of: ",")! > (body.lastIndex(of: ".") ?? body.startIndex):
            // Vietnamese: "1.245,5" or "12,5"; in the international reading a single
            // comma followed by exactly three digits would be a thousands separator.
            let comma = body.lastIndex(of: ",")!
            let before = body[..<comma]
            let after = body[body.index(after: comma)...]
            if convention == .anyUnambiguous, dots == 0, after.count == 3, couldBeThousandsGroup(before) {
                throw CoreError.ambiguousNumber(input)
            }
            (integerPart, fraction, grouping) = (before, after, ".")
        case (1, _) where convention == .anyUnambiguous && body.lastIndex(of: ".")! > (body.lastIndex(of: ",") ?? body.startIndex):
            // International: "1,245.5" or "12.5"; "1.245" alone reads 1245 in Vietnamese.
            let point = body.lastIndex(of: ".")!
            let before = body[..<point]
            let after = body[body.index(after: point)...]
            if commas == 0, after.count == 3, couldBeThousandsGroup(before) {
                throw CoreError.ambiguousNumber(input)
            }
            (integerPart, fraction, grouping) = (before, after, ",")
        case (_, 0):
            // Only dots, more than one (or one, in the Vietnamese convention): thousands.
            (integerPart, fraction, grouping) = (body, nil, ".")
        case (0, _) where convention == .anyUnambiguous:
            // Only commas, more than one: international thousands.
            (integerPart, fraction, grouping) = (body, nil, ",")
        default:
            throw CoreError.notANumber(input)
        }

        let fractionDigits = fraction.map(String.init) ?? ""
        guard fractionDigits.allSatisfy(\.isASCIIDigit), fraction == nil || !fractionDigits.isEmpty else {
            throw CoreError.notANumber(input)
        }
        let integerDigits = try ungrouped(integerPart, separator: grouping, input: input)
        let canonical = (negative ? "-" : "") + integerDigits + (fractionDigits.isEmpty ? "" : "." + fractionDigits)
        return try ExactDecimal(canonical: canonical)
    }

    /// The common Vietnamese forms (`-1.245.000,5`, `12,5`, `412`) read on the UTF-8
    /// bytes, for imports of thousands of figures; nil for anything else — another sign,
    /// a malformed group, too many digits — which the general reading above then accepts
    /// or refuses with its message. It accepts exactly what that reading accepts in the
    /// Vietnamese convention, and gives the same number (a test compares them).
    static func vietnameseOnBytes(_ text: String) -> ExactDecimal? {
        var text = text
        return text.withUTF8 { bytes -> ExactDecimal? in
            let dot = UInt8(ascii: "."), comma = UInt8(ascii: ","), zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
            var index = 0
            let negative = bytes.first == UInt8(ascii: "-")
            if negative { index = 1 }
            var significand: Int128 = 0
            var scale = 0
            var groupLength = 0          // digits in the current group of the integer part
            var groups = 0               // dots seen in the integer part
            var firstGroupLeadingZero = false
            var inFraction = false
            var digits = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case zero...nine:
                    if !inFraction, groupLength == 0, groups == 0, byte == zero { firstGroupLeadingZero = true }
                    let (shifted, o1) = significand.multipliedReportingOverflow(by: 10)
                    let (next, o2) = shifted.addingReportingOverflow(Int128(byte - zero))
                    if o1 || o2 { return nil }
                    significand = next
                    digits += 1
                    if inFraction { scale += 1 } else { groupLength += 1 }
                case dot where !inFraction:
                    // A thousands separator: the group before it is the first (1–3 digits,
                    // no leading 0) or a full group of three.
                    if groups == 0 {
                        guard (1...3).contains(groupLength), !firstGroupLeadingZero else { return nil }
                    } else {
                        guard groupLength == 3 else { return nil }
                    }
                    groups += 1
                    groupLength = 0
                case comma where !inFraction:
                    if groups > 0 { guard groupLength == 3 else { return nil } } else { guard groupLength > 0 else { return nil } }
                    inFraction = true
                default:
                    return nil
                }
                index += 1
            }
            if inFraction { guard scale > 0 else { return nil } }
            else if groups > 0 { guard groupLength == 3 else { return nil } }
            guard digits > 0, groupLength > 0 || inFraction, scale <= ExactDecimal.maxScale else { return nil }
            return ExactDecimal(significand: negative ? 0 - significand : significand, scale: scale)
        }
    }

    /// Removes thousands separators, checking that the groups are well formed:
    /// one to three leading digits (not starting with 0 unless alone), then groups of three.
    private static func ungrouped(_ part: Substring, separator: Character?, input: String) throws -> String {
        guard let separator, part.contains(separator) else {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit) else { throw CoreError.notANumber(input) }
            return String(part)
        }
        let groups = part.split(separator: separator, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), !(first.first == "0"),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { throw CoreError.notANumber(input) }
        return groups.joined()
    }

    /// Whether digits before a separator could be the leading group of a grouped number.
    private static func couldBeThousandsGroup(_ part: Substring) -> Bool {
        (1...3).contains(part.count) && part.first != "0" && part.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// Trims ASCII white space and no-break spaces, which Excel and Word leave around
    /// numbers; cheap on text that has none (imports trim every cell).
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        // Most text has none: decided on the bytes at either end, without reading characters.
        guard let head = utf8.first, let tail = utf8.last else { return self }
        switch (head, tail) {
        case (0x20, _), (0x09, _), (0x0D, _), (0x0A, _), (0xC2, _), (0xE2, _), (_, 0x20), (_, 0x09), (_, 0x0D), (_, 0x0A), (_, 0xA0), (_, 0xAF): break
        default: return self
        }
        var text = Substring(self)
        while let c = text.first, isSpace(c) { text = text.dropFirst() }
        while let c = text.last, isSpace(c) { text = text.dropLast() }
        return String(text)
    }
}
