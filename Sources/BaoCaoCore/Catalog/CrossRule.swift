/// A rule between indicators that a report's values must satisfy, such as
/// `NN05 <= NN04` (harvested area cannot exceed sown area).
///
/// Both sides are ``Formula``s; the comparison is one of `<=`, `<`, `>=`, `>`, `=`, `!=`.
/// A rule whose values are missing is not checked (a missing required value is its own problem).
public struct CrossRule: Sendable, Hashable, Codable {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case lessOrEqual = "<=", less = "<", greaterOrEqual = ">=", greater = ">", equal = "=", notEqual = "!="

        func holds(_ a: ExactDecimal, _ b: ExactDecimal) -> Bool {
            switch self {
            case .lessOrEqual: a <= b
            case .less: a < b
            case .greaterOrEqual: a >= b
            case .greater: a > b
            case .equal: a == b
            case .notEqual: a != b
            }
        }

        var vietnamese: String {
            switch self {
            case .lessOrEqual: "không được lớn hơn"
            case .less: "phải nhỏ hơn"
            case .greaterOrEqual: "không được nhỏ hơn"
            case .greater: "phải lớn hơn"
            case .equal: "phải bằng"
            case .notEqual: "không được bằng"
            }
        }
    }

    /// The rule as written, e.g. `NN05 <= NN04`.
    public var expression: String
    /// What to tell the user when it fails; a message is generated when absent.
    public var message: String?

    public init(expression: String, message: String? = nil) {
        self.expression = expression
        self.message = message?.nfc
    }

    /// The parsed rule: left side, comparison, right side.
    public func parsed() throws -> (Formula, Comparison, Formula) {
        // Find the comparison operator at the top level (formulas contain no < > = !).
        let text = expression
        guard let range = text.firstRange(of: /<=|>=|!=|<|>|=/) else {
            throw CoreError.invalidFormula(text, reason: "thiếu phép so sánh (<=, <, >=, >, =, !=)")
        }
        let comparison = Comparison(rawValue: String(text[range]))!
        let left = try Formula(parsing: String(text[..<range.lowerBound]).trimmingSpaces())
        let right = try Formula(parsing: String(text[range.upperBound...]).trimmingSpaces())
        return (left, comparison, right)
    }
}
