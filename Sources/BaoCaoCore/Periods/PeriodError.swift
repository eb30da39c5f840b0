// Error codes and factories for reporting periods and cut-off rules.

extension ErrorCode where Domain == CoreDomain {
    /// A period id or period that cannot exist (`2026-13`, `2026-Q5`, an ad hoc period that ends before it starts).
    public static let invalidPeriod = Self("invalidPeriod")
    /// A period kind (frequency) that is not one of the known ones.
    public static let invalidPeriodKind = Self("invalidPeriodKind")
    /// A cut-off rule that cannot work (a start day outside 2–28).
    public static let invalidCutOffRule = Self("invalidCutOffRule")
}

extension CoreError {
    static func invalidPeriod(_ text: String, reason: String, why: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidPeriod,
            message: "Kỳ báo cáo \"\(text)\" không hợp lệ: \(reason).",
            log: "invalid period \"\(text)\": \(why)",
            file: file, line: line
        )
    }

    static func invalidPeriodKind(_ text: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        let known = PeriodKind.all.map(\.rawValue).joined(separator: ", ")
        return CoreError(
            .invalidPeriodKind,
            message: "Loại kỳ báo cáo \"\(text)\" không hợp lệ: cần là một trong \(known).",
            log: "unknown period kind \"\(text)\"",
            file: file, line: line
        )
    }

    static func invalidCutOffRule(reason: String, why: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidCutOffRule,
            message: "Quy tắc chốt số liệu không hợp lệ: \(reason).",
            log: "invalid cut-off rule: \(why)",
            file: file, line: line
        )
    }
}
