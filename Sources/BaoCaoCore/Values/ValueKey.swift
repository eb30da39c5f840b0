/// Which figure a value is: an indicator, optionally broken down by members of its
/// disaggregation dimensions (phân tổ).
///
/// Written `NN01` for the total and `DS02[GT=nu]` or `DS02[GT=nu;DT=kinh]` for a breakdown;
/// dimension pairs are kept sorted so each breakdown has exactly one spelling.
public struct ValueKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let indicator: String
    /// Dimension code → member code; empty for the total.
    public let breakdown: [String: String]

    public init(_ indicator: String, breakdown: [String: String] = [:]) {
        self.indicator = indicator
        self.breakdown = breakdown
    }

    public var isTotal: Bool { breakdown.isEmpty }

    /// Totals, by far the most common keys, hash by their code alone.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(indicator)
        if !breakdown.isEmpty { hasher.combine(breakdown) }
    }

    public var description: String {
        guard !breakdown.isEmpty else { return indicator }
        return indicator + "[" + breakdown.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";") + "]"
    }

    /// Parses `CODE` or `CODE[DIM=member;…]`, on the UTF-8 bytes (codes are ASCII, and
    /// imports parse thousands of keys).
    public init(parsing text: String) throws {
        let utf8 = text.utf8
        guard let open = utf8.firstIndex(of: UInt8(ascii: "[")) else {
            guard Catalog.isValidCode(text) else { throw CoreError.invalidValueKey(text) }
            self.init(text)
            return
        }
        guard utf8.last == UInt8(ascii: "]") else { throw CoreError.invalidValueKey(text) }
        let code = String(text[..<open])
        let inner = utf8[utf8.index(after: open)..<utf8.index(before: utf8.endIndex)]
        var breakdown: [String: String] = [:]
        for pair in inner.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { throw CoreError.invalidValueKey(text) }
            let dimension = String(decoding: pair[..<equals], as: UTF8.self)
            let member = String(decoding: pair[pair.index(after: equals)...], as: UTF8.self)
            guard Catalog.isValidCode(dimension), Catalog.isValidCode(member),
                  breakdown.updateValue(member, forKey: dimension) == nil
            else { throw CoreError.invalidValueKey(text) }
        }
        guard Catalog.isValidCode(code) else { throw CoreError.invalidValueKey(text) }
        self.init(code, breakdown: breakdown)
    }

    /// The total this breakdown belongs to.
    public var total: ValueKey { ValueKey(indicator) }

    /// The key of another indicator with the same breakdown.
    public func with(indicator other: String) -> ValueKey { ValueKey(other, breakdown: breakdown) }

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
