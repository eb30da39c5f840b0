// Error codes and factories for legacy Vietnamese text (TCVN3, VNI).

extension ErrorCode where Domain == CoreDomain {
    /// Legacy text whose encoding cannot be told: it reads as both TCVN3 and VNI, as
    /// neither, or has too few Vietnamese letters to tell. The person must say which.
    public static let ambiguousLegacyEncoding = Self("ambiguousLegacyEncoding")
    /// A character the chosen legacy encoding has no byte for.
    public static let unencodableLegacyText = Self("unencodableLegacyText")
}

extension CoreError {
    /// Why auto-detection gave up, in the words of the message.
    enum AmbiguityReason: Sendable {
        case bothFit, neitherFits, tooLittleText

        var vietnamese: String {
            switch self {
            case .bothFit: "đọc được theo cả hai bảng mã"
            case .neitherFits: "không giống bảng mã nào"
            case .tooLittleText: "có quá ít chữ có dấu để nhận ra"
            }
        }

        var english: String {
            switch self {
            case .bothFit: "both encodings fit"
            case .neitherFits: "neither encoding fits"
            case .tooLittleText: "too little evidence"
            }
        }
    }

    static func ambiguousLegacyEncoding(fileName: String, reason: AmbiguityReason, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .ambiguousLegacyEncoding,
            message: "Không xác định được bảng mã của tệp \(fileName) (có thể là TCVN3 hoặc VNI; tệp \(reason.vietnamese)) "
                + "— hãy chọn --from tcvn3 hoặc --from vni.",
            log: "legacy encoding of \(fileName) not detected: \(reason.english)",
            file: file, line: line
        )
    }

    static func unencodableLegacyText(
        _ character: Character, encoding: LegacyVietnameseEncoding, line textLine: Int, file: String = #fileID, line: UInt = #line
    ) -> CoreError {
        let codePoints = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
        var hint = ""
        if encoding == .tcvn3, let letter = VietnameseLetter(character), letter.isUppercase {
            hint = "; chữ hoa có dấu chỉ viết được bằng phông chữ hoa (.VnTimeH)"
        }
        return CoreError(
            .unencodableLegacyText,
            message: "Dòng \(textLine): ký tự \"\(character)\" không có trong bảng mã \(encoding.displayName)\(hint).",
            log: "line \(textLine): \(codePoints) has no \(encoding.rawValue) encoding",
            file: file, line: line
        )
    }
}
