// Error codes and factories for the calendar: civil dates, lunar dates and holiday data.
// They live beside the code that throws them (see STYLE.md, "Errors").

extension ErrorCode where Domain == CoreDomain {
    /// A civil (solar) date that does not exist or is outside the years we handle.
    public static let invalidDate = Self("invalidDate")
    /// Text that is not a date written strictly as `YYYY-MM-DD`.
    public static let invalidDateText = Self("invalidDateText")
    /// A lunar date that does not exist (a 30th in a 29-day month, a leap month the year lacks…).
    public static let invalidLunarDate = Self("invalidLunarDate")
    /// A recurring holiday rule whose month or day cannot exist.
    public static let invalidHolidayRule = Self("invalidHolidayRule")
}

extension CoreError {
    static func invalidDate(
        year: Int, month: Int, day: Int, reason: String, why: String,
        file: String = #fileID, line: UInt = #line
    ) -> CoreError {
        let text = "\(DigitText.padded(year, width: 4))-\(DigitText.padded(month, width: 2))-\(DigitText.padded(day, width: 2))"
        return CoreError(
            .invalidDate,
            message: "Ngày \(text) không tồn tại: \(reason).",
            log: "invalid date \(text): \(why)",
            file: file, line: line
        )
    }

    static func invalidDateText(_ text: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidDateText,
            message: "Ngày \"\(text)\" không hợp lệ: cần viết theo dạng YYYY-MM-DD, ví dụ 2026-03-15.",
            log: "date text \"\(text)\" is not YYYY-MM-DD",
            file: file, line: line
        )
    }

    static func invalidLunarDate(_ date: LunarDate, reason: String, why: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidLunarDate,
            message: "Ngày âm lịch \(date.numericText) không tồn tại: \(reason).",
            log: "invalid lunar date \(date.numericText): \(why)",
            file: file, line: line
        )
    }

    static func invalidHolidayRule(name: String, reason: String, why: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidHolidayRule,
            message: "Quy tắc ngày nghỉ \"\(name)\" không hợp lệ: \(reason).",
            log: "invalid holiday rule \"\(name)\": \(why)",
            file: file, line: line
        )
    }
}
