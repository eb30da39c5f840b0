/// An arithmetic formula over indicator codes, as computed indicators and cross-indicator
/// rules are written: `NN03 / NN02 * 10`, `(TC01 - TC02) / TC01 * 100`, `-YT04 + 2.5`.
///
/// `+ - * /` with the usual precedence, parentheses, unary minus, canonical decimal
/// literals (`2.5`), and codes made of letters, digits, `_` and `.` starting with a letter.
/// Evaluation is exact (``ExactDecimal``); a quotient keeps 18 decimals until the
/// caller rounds the result to the indicator's declared decimals.
public struct Formula: Sendable, Hashable, CustomStringConvertible {
    public indirect enum Expression: Sendable, Hashable {
        case number(ExactDecimal)
        case indicator(String)
        case negated(Expression)
        case binary(Operator, Expression, Expression)
    }

    public enum Operator: Character, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    public let source: String
    public let expression: Expression

    public var description: String { source }

    public init(parsing source: String) throws {
        var parser = FormulaParser(source: source)
        self.source = source
        self.expression = try parser.parseWhole()
    }

    /// Every indicator code the formula reads.
    public var referencedIndicators: Set<String> {
        var codes: Set<String> = []
        func walk(_ e: Expression) {
            switch e {
            case .number: break
            case .indicator(let code): codes.insert(code)
            case .negated(let inner): walk(inner)
            case .binary(_, let l, let r): walk(l); walk(r)
            }
        }
        walk(expression)
        return codes
    }

    /// Evaluates the formula; `nil` when a value it reads is missing.
    ///
    /// Throws ``CoreError/Code/divisionByZero`` or ``CoreError/Code/numberOverflow``.
    public func evaluate(_ value: (String) -> ExactDecimal?) throws -> ExactDecimal? {
        func eval(_ e: Expression) throws -> ExactDecimal? {
            switch e {
            case .number(let n): return n
            case .indicator(let code): return value(code)
            case .negated(let inner): return try eval(inner)?.negated()
            case .binary(let op, let l, let r):
                guard let a = try eval(l), let b = try eval(r) else { return nil }
                switch op {
                case .add: return try a.adding(b)
                case .subtract: return try a.subtracting(b)
                case .multiply: return try a.multiplied(by: b)
                case .divide:
                    guard !b.isZero else { throw CoreError.divisionByZero(source) }
                    return try a.divided(by: b)
                }
            }
        }
        return try eval(expression)
    }
}

/// A recursive-descent parser for ``Formula``.
struct FormulaParser {
    private let source: String
    private let characters: [Character]
    private var position = 0

    init(source: String) {
        self.source = source
        self.characters = Array(source)
    }

    mutating func parseWhole() throws -> Formula.Expression {
        let expression = try parseSum()
        skipSpaces()
        guard position == characters.count else { throw error("ký tự \"\(characters[position])\" không đúng chỗ") }
        return expression
    }

    private mutating func parseSum() throws -> Formula.Expression {
        var left = try parseProduct()
        while let op = peekOperator(in: [.add, .subtract]) {
            position += 1
            left = .binary(op, left, try parseProduct())
        }
        return left
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position] == " " || characters[position] == "\t" { position += 1 }
    }

    private mutating func parseProduct() throws -> Formula.Expression {
        var left = try parseFactor()
        while let op = peekOperator(in: [.multiply, .divide]) {
            position += 1
            left = .binary(op, left, try parseFactor())
        }
        return left
    }

    private mutating func parseFactor() throws -> Formula.Expression {
        skipSpaces()
        guard position < characters.count else { throw error("thiếu toán hạng ở cuối công thức") }
        let c = characters[position]
        if c == "(" {
            position += 1
            let inner = try parseSum()
            skipSpaces()
            guard position < characters.count, characters[position] == ")" else { throw error("thiếu dấu \")\"") }
            position += 1
            return inner
        }
        if c == "-" {
            position += 1
            return .negated(try parseFactor())
        }
        if c.isASCIIDigit {
            let start = position
            while position < characters.count, characters[position].isASCIIDigit || characters[position] == "." { position += 1 }
            let text = String(characters[start..<position])
            guard let number = try? ExactDecimal(canonical: text) else { throw error("số \"\(text)\" không hợp lệ") }
            return .number(number)
        }
        if c.isASCII, c.isLetter {
            let start = position
            while position < characters.count,
                  characters[position].isASCII,
                  characters[position].isLetter || characters[position].isNumber || characters[position] == "_" || characters[position] == "."
            { position += 1 }
            return .indicator(String(characters[start..<position]))
        }
        throw error("ký tự \"\(c)\" không đúng chỗ")
    }

    private mutating func peekOperator(in allowed: [Formula.Operator]) -> Formula.Operator? {
        skipSpaces()
        guard position < characters.count, let op = Formula.Operator(rawValue: characters[position]), allowed.contains(op) else { return nil }
        return op
    }

    func error(_ reason: String) -> CoreError {
        CoreError.invalidFormula(source, reason: reason)
    }
}
