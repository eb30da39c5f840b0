extension ErrorCode where Domain == CoreDomain {
    public static let notANumber = Self("notANumber")
    public static let ambiguousNumber = Self("ambiguousNumber")
    public static let tooManyDecimals = Self("tooManyDecimals")
    public static let numberOverflow = Self("numberOverflow")
    public static let divisionByZero = Self("divisionByZero")
}

extension CoreError {
    static func notANumber(_ text: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .notANumber,
            message: "\"\(text)\" không phải là một số. Hãy nhập số theo cách viết Việt Nam, ví dụ 1.245,5.",
            log: "not a number: \(text)", file: file, line: line)
    }

    static func ambiguousNumber(_ text: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .ambiguousNumber,
            message: "Số \"\(text)\" không rõ nghĩa: dấu chấm hoặc dấu phẩy ở đây có thể là dấu phân cách hàng nghìn "
                + "hoặc dấu thập phân. Hãy viết số không có dấu phân cách hàng nghìn (ví dụ 1245) hoặc ghi rõ phần thập phân (ví dụ 1.245,0).",
            log: "ambiguous number: \(text)", file: file, line: line)
    }

    static func tooManyDecimals(_ text: String, allowed: Int, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .tooManyDecimals,
            message: "Số \"\(text)\" có quá nhiều chữ số thập phân (tối đa \(allowed)).",
            log: "too many decimals (max \(allowed)): \(text)", file: file, line: line)
    }

    static func numberOverflow(_ expression: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .numberOverflow,
            message: "Phép tính \"\(expression)\" cho kết quả vượt quá phạm vi số cho phép.",
            log: "decimal overflow in \(expression)", file: file, line: line)
    }

    static func divisionByZero(_ expression: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .divisionByZero,
            message: "Không thể chia \(expression) cho 0.",
            log: "division by zero: \(expression)", file: file, line: line)
    }
}
