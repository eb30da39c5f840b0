extension ErrorCode where Domain == CoreDomain {
    public static let duplicateIndicator = Self("duplicateIndicator")
    public static let invalidIndicator = Self("invalidIndicator")
    public static let invalidAggregation = Self("invalidAggregation")
    public static let invalidFormula = Self("invalidFormula")
    public static let formulaCycle = Self("formulaCycle")
    public static let unknownReference = Self("unknownReference")
    public static let duplicateForm = Self("duplicateForm")
    public static let invalidForm = Self("invalidForm")
    public static let duplicateRegime = Self("duplicateRegime")
    public static let invalidRegime = Self("invalidRegime")
    public static let invalidPlan = Self("invalidPlan")
}

extension CoreError {
    /// A problem in a catalog; the message names the offending item.
    static func catalog(_ code: Code, _ what: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(code, message: "Danh mục: \(what).", log: "catalog: \(code)", file: file, line: line)
    }

    static func invalidFormula(_ source: String, reason: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidFormula,
            message: "Công thức \"\(source)\" không hợp lệ: \(reason).",
            log: "invalid formula: \(source)", file: file, line: line)
    }
}
