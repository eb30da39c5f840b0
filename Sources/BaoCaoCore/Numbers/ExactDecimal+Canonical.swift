/// The canonical text form: what travels in bundles and is stored in the database.
///
/// `-?digits(.digits)?`, nothing else: no exponent, no grouping, no `+`, no spaces.
/// Anything looser belongs to ``NumberInput``, which knows the Vietnamese way of
/// writing numbers and refuses what is ambiguous.
extension ExactDecimal: LosslessStringConvertible, Codable {
    public init?(_ description: String) {
        guard let value = try? ExactDecimal(canonical: description) else { return nil }
        self = value
    }

    /// Parses the canonical form strictly.
    public init(canonical text: String) throws {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        var significand: Int128 = 0
        var scale = 0
        var seenPoint = false
        var digitCount = 0
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (shifted, o1) = significand.multipliedReportingOverflow(by: 10)
                let (next, o2) = shifted.addingReportingOverflow(Int128(byte - UInt8(ascii: "0")))
                if o1 || o2 { throw CoreError.numberOverflow(text) }
                significand = next
                digitCount += 1
                if seenPoint { scale += 1 }
            case UInt8(ascii: ".") where !seenPoint && digitCount > 0:
                seenPoint = true
            default:
                throw CoreError.notANumber(text)
            }
        }
        guard digitCount > 0, !(seenPoint && scale == 0) else { throw CoreError.notANumber(text) }
        guard scale <= Self.maxScale else { throw CoreError.tooManyDecimals(text, allowed: Self.maxScale) }
        self.init(significand: negative ? 0 - significand : significand, scale: scale)
    }

    /// Decodes from a JSON string, never from a JSON number: Foundation decodes
    /// numbers through `Double`, which would already have rounded them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try ExactDecimal(canonical: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a canonical decimal: \(text)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}
