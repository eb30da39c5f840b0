extension ErrorCode where Domain == CoreDomain {
    public static let invalidValueKey = Self("invalidValueKey")
    public static let missingValue = Self("missingValue")
    public static let wrongValueType = Self("wrongValueType")
    public static let valueOutOfRange = Self("valueOutOfRange")
    public static let unknownIndicator = Self("unknownIndicator")
    public static let computedValueEntered = Self("computedValueEntered")
    public static let crossRuleFailed = Self("crossRuleFailed")
    public static let breakdownMismatch = Self("breakdownMismatch")
}

extension CoreError {
    static func invalidValueKey(_ text: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidValueKey,
            message: "\"\(text)\" không phải là mã chỉ tiêu hợp lệ (ví dụ NN01 hoặc DS02[GT=nu]).",
            log: "invalid value key: \(text)", file: file, line: line)
    }
}

/// One thing wrong with a report's values, tied to the indicator a person must fix.
public struct ValueProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: CoreError.Code
    /// The indicator the problem is about (the first one, for a rule between several).
    public let indicator: String
    /// The exact figure, when the problem concerns one breakdown.
    public let key: ValueKey?
    /// What is wrong, in Vietnamese.
    public let message: String

    public init(_ code: CoreError.Code, indicator: String, key: ValueKey? = nil, message: String) {
        self.code = code
        self.indicator = indicator
        self.key = key
        self.message = message
    }

    public var description: String { "\(key?.description ?? indicator): \(message)" }
}
