/// What kind of value an indicator takes.
public enum ValueType: String, Sendable, Codable, CaseIterable {
    /// A whole number: people, households, schools.
    case integer
    /// An exact decimal with the indicator's declared decimals: hectares, tonnes, money.
    case decimal
    /// A percentage, stored as the number of percent (95,5 means 95,5 %).
    case percent
    /// Free text.
    case text
    /// Yes or no ("có" / "không").
    case boolean

    public var isNumeric: Bool { self == .integer || self == .decimal || self == .percent }

    /// The decimals a value of this type shows when the indicator declares none.
    var defaultDecimals: Int {
        switch self {
        case .integer, .text, .boolean: 0
        case .decimal, .percent: 2
        }
    }
}
