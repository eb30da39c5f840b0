/// Small, strict helpers for the fixed-width numbers in dates and period ids.
///
/// Why not `Int(_:)`: it accepts a leading `+` or `-`, and we want `2026-+1` refused,
/// not read as January. These helpers take ASCII digits only and exactly as many as asked.
enum DigitText {
    /// The value of `text` if it is exactly `width` ASCII digits, otherwise `nil`.
    static func number(_ text: some StringProtocol, width: Int) -> Int? {
        number(text.utf8, width: width)
    }

    /// The value of `bytes` if they are exactly `width` ASCII digits, otherwise `nil`.
    static func number(_ bytes: some Collection<UInt8>, width: Int) -> Int? {
        guard bytes.count == width else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `value` in decimal, left-padded with zeros to at least `width` digits (`7` → `"07"`).
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let padding = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + padding + digits
    }
}
