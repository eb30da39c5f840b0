extension ErrorCode where Domain == CoreDomain {
    public static let invalidPersonnelID = Self("invalidPersonnelID")
    /// A record names a code its catalog list does not have.
    public static let unknownPersonnelCode = Self("unknownPersonnelCode")
    /// A record's dates cannot be: appointed before birth, an event before recruitment, …
    public static let impossiblePersonnelDate = Self("impossiblePersonnelDate")
    /// A required field of a record or event is missing or empty.
    public static let missingPersonnelField = Self("missingPersonnelField")
    /// An event that cannot follow the record's state (a transfer of someone who has left).
    public static let invalidPersonnelEvent = Self("invalidPersonnelEvent")
    /// Free text (a name, a section, a decision's number) that is not NFC Unicode.
    public static let invalidPersonnelText = Self("invalidPersonnelText")
    /// A national ID number (số định danh cá nhân) that is not exactly 12 digits.
    public static let invalidNationalIDNumber = Self("invalidNationalIDNumber")
    /// A step or coefficient that is not the rank's (bậc, hệ số không đúng bảng lương).
    public static let invalidPersonnelPay = Self("invalidPersonnelPay")
    /// A unit a record names that the province's topology does not have.
    public static let unknownPersonnelUnit = Self("unknownPersonnelUnit")
    /// A personnel catalog that is not well formed.
    public static let invalidPersonnelCatalog = Self("invalidPersonnelCatalog")
}

extension CoreError {
    /// A problem in a personnel record. `field` is the Vietnamese name of the field as the
    /// form shows it; the message never carries the person's data beyond the field's name
    /// and the offending code or date (records never appear in error messages or logs).
    public static func personnel(_ code: Code, field: String, _ what: String,
                                 file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(code, message: "Hồ sơ cán bộ, trường \"\(field)\": \(what).", log: "personnel: \(code) in \(field)",
                  file: file, line: line)
    }
}
