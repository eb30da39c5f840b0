/// A regime's code (mã chế độ báo cáo): `KTXH-THANG` for the province's monthly
/// socio-economic report, `DV157.XD-QUY` for a regime Huyện Lạc Sơn publishes itself
/// (``LocalNamespace``).
///
/// A struct rather than a `String` so that a function taking a regime cannot be handed a
/// unit code or a period by mistake, and so that text from outside (a URL, a form, a command
/// line) is checked once, where it enters, by ``init(parsing:)``. Whether a regime with
/// the code exists is the catalog's question, not this type's.
public struct RegimeCode: TextRepresentable {
    /// The code as written, e.g. `KTXH-THANG`.
    public let rawValue: String

    /// Reads a regime code, refusing only what can never be one: codes travel in bundles,
    /// URLs, file names and the national packets, so they are ASCII letters and digits with
    /// `-`, `_` and `.` between them (the `.` ends a local namespace, `DV157.`).
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidRegimeCode`` for empty text, any other character, or a
    /// first character that is not a letter or digit, with a Vietnamese message naming the
    /// text, for example `Mã chế độ báo cáo "KTXH THÁNG" không hợp lệ: …`.
    public init(parsing text: String) throws {
        let bytes = text.utf8
        guard let first = bytes.first else {
            throw CoreError.invalidRegimeCode(text, reason: "thiếu mã chế độ báo cáo", why: "empty")
        }
        let joiners: Set<UInt8> = [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ".")]
        guard bytes.allSatisfy({ Self.isLetterOrDigit($0) || joiners.contains($0) }) else {
            throw CoreError.invalidRegimeCode(
                text, reason: "mã chỉ gồm chữ cái không dấu, chữ số và các dấu gạch ngang (-), gạch dưới (_), chấm (.)",
                why: "character outside [A-Za-z0-9_.-]")
        }
        guard Self.isLetterOrDigit(first) else {
            throw CoreError.invalidRegimeCode(text, reason: "mã phải bắt đầu bằng chữ hoặc số", why: "starts with punctuation")
        }
        rawValue = text
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

extension RegimeCode: Comparable {
    /// By the text, as the codes were compared before they had a type.
    public static func < (lhs: RegimeCode, rhs: RegimeCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension RegimeCode {
    /// The code as written, so `"\(code)"` reads as it always did.
    public var description: String { rawValue }
}

extension ErrorCode where Domain == CoreDomain {
    /// Text that cannot be a regime code (empty, a space, a Vietnamese letter, a `/`).
    public static let invalidRegimeCode = Self("invalidRegimeCode")
}

extension CoreError {
    static func invalidRegimeCode(_ text: String, reason: String, why: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidRegimeCode,
            message: "Mã chế độ báo cáo \"\(text)\" không hợp lệ: \(reason).",
            log: "invalid regime code \"\(text)\": \(why)",
            file: file, line: line)
    }
}
