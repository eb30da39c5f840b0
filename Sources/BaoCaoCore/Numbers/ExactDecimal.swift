/// An exact decimal number: `significand × 10^-scale`.
///
/// Report figures (money, hectares, head counts, percentages) must add up to the
/// last đồng on every level of the hierarchy, so they never pass through `Double`.
/// Values travel and are stored as canonical decimal strings (`"-1234.5"`) and are
/// computed on a 128-bit integer significand with at most ``maxScale`` decimals.
/// An operation whose exact result does not fit throws ``CoreError/Code/numberOverflow``
/// instead of silently losing digits.
///
/// Two values are equal when they denote the same number: `1.50 == 1.5`. The scale
/// is kept because it carries the declared precision for display.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The most decimals a value may carry; intermediate results of division are
    /// rounded half-even to this many decimals before the final rounding.
    public static let maxScale = 18

    public let significand: Int128
    public let scale: Int

    /// Creates `significand × 10^-scale`. The scale must lie in `0...maxScale`.
    public init(significand: Int128, scale: Int = 0) {
        precondition((0...Self.maxScale).contains(scale), "scale out of range")
        self.significand = significand
        self.scale = scale
    }

    public init(_ integer: Int) {
        self.init(significand: Int128(integer), scale: 0)
    }

    public static let zero = ExactDecimal(significand: 0)

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }

    /// The canonical text: digits, an optional leading `-`, and `.` before the
    /// decimals, with exactly ``scale`` decimals (`"1234.50"`, `"-0.5"`, `"7"`).
    public var description: String {
        let negative = significand < 0
        let magnitude = negative ? (0 - significand).magnitude : significand.magnitude
        // Figures nearly always fit 64 bits: printed digit by digit into bytes.
        if magnitude <= UInt64.max { return Self.text(of: UInt64(magnitude), scale: scale, negative: negative) }
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// `-12.50` from 1250, 2 and true: the digits from the last, a point after `scale` of
    /// them, at least one before it.
    private static func text(of magnitude: UInt64, scale: Int, negative: Bool) -> String {
        let capacity = scale + 24   // 20 digits, a leading zero, the point, the sign
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var position = capacity
            var rest = magnitude
            var written = 0
            while true {
                if scale > 0, written == scale {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
                if rest == 0, written > scale { break }
            }
            if negative {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
        }
    }

    /// The same number with trailing zero decimals removed (`1.500` → `1.5`).
    public var normalized: ExactDecimal {
        var value = significand
        var scale = self.scale
        while scale > 0, value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        return ExactDecimal(significand: value, scale: scale)
    }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let a = lhs.normalized
        let b = rhs.normalized
        return a.significand == b.significand && a.scale == b.scale
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.scale)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if let (a, b) = try? aligned(lhs, rhs) { return a < b }
        // Aligning overflowed: compare integer parts first, which cannot overflow.
        let (li, lf) = lhs.integerAndFraction
        let (ri, rf) = rhs.integerAndFraction
        if li != ri { return li < ri }
        return lf < rf
    }

    private var integerAndFraction: (Int128, ExactDecimal) {
        let p = Self.powerOfTen(scale)
        let integer = significand / p
        return (integer, ExactDecimal(significand: significand % p, scale: scale))
    }
}

// MARK: - Arithmetic

extension ExactDecimal {
    static func powerOfTen(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Rescales to a larger scale, exactly.
    func rescaled(to newScale: Int) throws -> ExactDecimal {
        precondition(newScale >= scale)
        let (value, overflow) = significand.multipliedReportingOverflow(by: Self.powerOfTen(newScale - scale))
        if overflow { throw CoreError.numberOverflow(String(describing: self)) }
        return ExactDecimal(significand: value, scale: newScale)
    }

    static func aligned(_ a: ExactDecimal, _ b: ExactDecimal) throws -> (Int128, Int128) {
        let scale = max(a.scale, b.scale)
        return (try a.rescaled(to: scale).significand, try b.rescaled(to: scale).significand)
    }

    public func adding(_ other: ExactDecimal) throws -> ExactDecimal {
        let scale = max(self.scale, other.scale)
        let (a, b) = try Self.aligned(self, other)
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { throw CoreError.numberOverflow("\(self) + \(other)") }
        return ExactDecimal(significand: sum, scale: scale)
    }

    public func subtracting(_ other: ExactDecimal) throws -> ExactDecimal {
        try adding(other.negated())
    }

    public func negated() -> ExactDecimal {
        ExactDecimal(significand: 0 - significand, scale: scale)
    }

    /// The exact product, rounded half-even to ``maxScale`` decimals if it has more.
    public func multiplied(by other: ExactDecimal) throws -> ExactDecimal {
        let a = normalized
        let b = other.normalized
        let (product, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
        if overflow { throw CoreError.numberOverflow("\(self) × \(other)") }
        let scale = a.scale + b.scale
        if scale <= Self.maxScale {
            return ExactDecimal(significand: product, scale: scale)
        }
        let divisor = Self.powerOfTen(scale - Self.maxScale)
        return ExactDecimal(significand: Self.divideHalfEven(product, divisor), scale: Self.maxScale)
    }

    /// `self ÷ divisor`, rounded half-even to `scale` decimals.
    ///
    /// Throws ``CoreError/Code/divisionByZero`` when the divisor is zero.
    public func divided(by divisor: ExactDecimal, scale: Int = ExactDecimal.maxScale) throws -> ExactDecimal {
        precondition((0...Self.maxScale).contains(scale))
        guard !divisor.isZero else { throw CoreError.divisionByZero(String(describing: self)) }
        // value = (a / 10^sa) / (b / 10^sb); result significand = a × 10^(scale + sb - sa) / b.
        let a = normalized
        let b = divisor.normalized
        let shift = scale + b.scale - a.scale
        var numerator = a.significand
        var denominator = b.significand
        if shift >= 0 {
            let (n, overflow) = numerator.multipliedReportingOverflow(by: Self.powerOfTen(shift))
            if overflow { throw CoreError.numberOverflow("\(self) ÷ \(divisor)") }
            numerator = n
        } else {
            let (d, overflow) = denominator.multipliedReportingOverflow(by: Self.powerOfTen(-shift))
            if overflow { throw CoreError.numberOverflow("\(self) ÷ \(divisor)") }
            denominator = d
        }
        return ExactDecimal(significand: Self.divideHalfEven(numerator, denominator), scale: scale)
    }

    /// Rounds half-even (banker's rounding) to `decimals` decimals; a value with fewer
    /// decimals is extended with zeros.
    public func rounded(toDecimals decimals: Int) throws -> ExactDecimal {
        precondition((0...Self.maxScale).contains(decimals))
        if decimals >= scale { return try rescaled(to: decimals) }
        let divisor = Self.powerOfTen(scale - decimals)
        return ExactDecimal(significand: Self.divideHalfEven(significand, divisor), scale: decimals)
    }

    /// Integer division rounded half to even, for any signs.
    static func divideHalfEven(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        var quotient = numerator / denominator
        let remainder = numerator % denominator
        if remainder == 0 { return quotient }
        let negative = (numerator < 0) != (denominator < 0)
        // Compare 2·|r| with |d| without overflow: |r| vs |d| - |r|.
        let r = remainder.magnitude
        let d = denominator.magnitude
        let rest = d - r
        if r > rest || (r == rest && quotient % 2 != 0) {
            quotient += negative ? -1 : 1
        }
        return quotient
    }

    /// Sums values exactly.
    public static func sum<S: Sequence>(_ values: S) throws -> ExactDecimal where S.Element == ExactDecimal {
        try values.reduce(ExactDecimal.zero) { try $0.adding($1) }
    }
}
