/// Which figure a value is: an indicator, optionally broken down by members of its
/// disaggregation dimensions (phân tổ).
///
/// Written `NN01` for the total and `DS02[GT=nu]` or `DS02[GT=nu;DT=kinh]` for a breakdown;
/// dimension pairs are kept sorted so each breakdown has exactly one spelling.
public struct ValueKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// One dimension's member in a breakdown: `GT=nu`.
    public struct Member: Sendable, Hashable {
        public let dimension: String
        public let member: String
    }

    public let indicator: String
    /// The breakdown as written between the brackets, pairs sorted by dimension code
    /// (`GT=nu;DT=kinh` → `DT=kinh;GT=nu`), so each breakdown has one spelling; empty for
    /// the total. Kept as text, not a dictionary or a list: keys are hashed and compared by
    /// the ten thousand in every import and consolidation, and such short text is held
    /// inline, without an allocation or reference counting.
    public let breakdownText: String

    public init(_ indicator: String, breakdown: [String: String] = [:]) {
        self.indicator = indicator
        self.breakdownText = breakdown.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }.joined(separator: ";")
    }

    /// One member of one dimension: `DS02[GT=nu]`.
    public init(_ indicator: String, dimension: String, member: String) {
        self.indicator = indicator
        self.breakdownText = dimension + "=" + member
    }

    /// The breakdown's members, sorted by dimension code; empty for the total.
    public var members: [Member] {
        guard !breakdownText.isEmpty else { return [] }
        return breakdownText.split(separator: ";").map { (pair: Substring) -> Member in
            let equals = pair.firstIndex(of: "=")!
            return Member(dimension: String(pair[..<equals]), member: String(pair[pair.index(after: equals)...]))
        }
    }

    /// The member, when the breakdown is along one dimension (most are), without making a list.
    public var onlyMember: Member? {
        guard !breakdownText.isEmpty, !breakdownText.utf8.contains(UInt8(ascii: ";")),
              let equals = breakdownText.utf8.firstIndex(of: UInt8(ascii: "="))
        else { return nil }
        let utf8 = breakdownText.utf8
        return Member(dimension: String(decoding: utf8[..<equals], as: UTF8.self),
                      member: String(decoding: utf8[utf8.index(after: equals)...], as: UTF8.self))
    }

    /// Whether this is a breakdown along `dimension` alone (`GT=nu` along `GT`), read on
    /// the bytes without making the member's text.
    public func isBreakdown(alongOnly dimension: String) -> Bool {
        var text = breakdownText, name = dimension
        return text.withUTF8 { text in
            name.withUTF8 { name in
                guard text.count > name.count + 1, text[name.count] == UInt8(ascii: "=") else { return false }
                for index in 0..<name.count where text[index] != name[index] { return false }
                for index in (name.count + 1)..<text.count where text[index] == UInt8(ascii: ";") { return false }
                return true
            }
        }
    }

    /// Dimension code → member code; empty for the total.
    public var breakdown: [String: String] {
        Dictionary(uniqueKeysWithValues: members.map { ($0.dimension, $0.member) })
    }

    public var isTotal: Bool { breakdownText.isEmpty }

    public var description: String {
        breakdownText.isEmpty ? indicator : indicator + "[" + breakdownText + "]"
    }

    /// Parses `CODE` or `CODE[DIM=member;…]`, on the UTF-8 bytes (codes are ASCII, and
    /// imports parse thousands of keys).
    public init(parsing text: String) throws {
        guard text.utf8.contains(UInt8(ascii: "[")) else {
            guard Catalog.isValidCode(text) else { throw CoreError.invalidValueKey(text) }
            self.init(text)
            return
        }
        var bytes = text
        guard let key = bytes.withUTF8({ Self.breakdown(parsing: $0) }) else { throw CoreError.invalidValueKey(text) }
        self = key
    }

    /// `CODE[DIM=member;…]` from its bytes; nil when it is not one.
    private static func breakdown(parsing bytes: UnsafeBufferPointer<UInt8>) -> ValueKey? {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "[")), bytes.last == UInt8(ascii: "]"),
              Catalog.isValidCode(bytes: bytes[..<open])
        else { return nil }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let end = bytes.count - 1
        var previous: Range<Int>? = nil
        var sorted = true
        var start = open + 1
        while true {
            var stop = start
            while stop < end, bytes[stop] != UInt8(ascii: ";") { stop += 1 }
            guard let equals = bytes[start..<stop].firstIndex(of: UInt8(ascii: "=")),
                  Catalog.isValidCode(bytes: bytes[start..<equals]), Catalog.isValidCode(bytes: bytes[(equals + 1)..<stop])
            else { return nil }
            if let previous, sorted, !bytes[previous].lexicographicallyPrecedes(bytes[start..<equals]) { sorted = false }
            previous = start..<equals
            if stop == end { break }
            start = stop + 1
        }
        // Written sorted almost always, and then kept as it is; a dimension given twice is refused.
        let breakdown: String
        if sorted {
            breakdown = text((open + 1)..<end)
        } else {
            let pairs = text((open + 1)..<end).split(separator: ";").map { (dimension: String($0.prefix { $0 != "=" }), pair: String($0)) }
                .sorted { $0.dimension < $1.dimension }
            guard zip(pairs, pairs.dropFirst()).allSatisfy({ $0.dimension != $1.dimension }) else { return nil }
            breakdown = pairs.map(\.pair).joined(separator: ";")
        }
        return ValueKey(indicator: text(0..<open), breakdownText: breakdown)
    }

    private init(indicator: String, breakdownText: String) {
        self.indicator = indicator
        self.breakdownText = breakdownText
    }

    /// The total this breakdown belongs to.
    public var total: ValueKey { ValueKey(indicator) }

    /// The key of another indicator with the same breakdown.
    public func with(indicator other: String) -> ValueKey { ValueKey(indicator: other, breakdownText: breakdownText) }

    public static func < (lhs: ValueKey, rhs: ValueKey) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ValueKey: CodingKeyRepresentable {
    public var codingKey: any CodingKey { AnyKey(stringValue: description) }

    public init?<T: CodingKey>(codingKey: T) {
        try? self.init(parsing: codingKey.stringValue)
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
