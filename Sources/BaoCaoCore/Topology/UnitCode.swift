/// A unit's code (mã đơn vị): how every node, bundle, file and URL names a unit.
///
/// Administrative units carry their official codes, all digits: 2 for a province, 3 for a
/// district, 5 for a commune (the General Statistics Office's list, where leading zeros
/// matter, so a code is text and never a number). Departments use `<province>-<short>`
/// (`17-SKHDT`); the national node is `VN`; other bodies use letters, digits, `-` and `_`.
///
/// A struct rather than a `String` so that a function taking a unit cannot be handed a
/// period or a regime code by mistake, and so that text from outside (a URL, a form, a
/// command line, a file) is checked once, where it enters, by ``init(parsing:)``. What the
/// code alone cannot tell — whether a province's code has two digits, whether a
/// department's code starts with its parent's — is checked by ``Topology``, which knows
/// each unit's kind and parent.
public struct UnitCode: TextRepresentable {
    /// The code as written, e.g. `04792`.
    public let rawValue: String

    /// Reads a unit code, refusing only what can never name a unit.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidUnitCode`` for empty text, a character other than an
    /// ASCII letter, digit, `-` or `_`, a first character that is not a letter or digit, or
    /// all digits but not 2, 3 or 5 of them, with a Vietnamese message naming the text, for
    /// example `Mã đơn vị "4792" không hợp lệ: mã đơn vị hành chính gồm 2 chữ số (tỉnh), …`.
    public init(parsing text: String) throws {
        if let problem = Self.problem(in: text) {
            throw CoreError.invalidUnitCode(text, reason: problem.reason, why: problem.why)
        }
        rawValue = text
    }

    /// What is wrong with `text` as a unit code, or `nil` when it is one. Shared with the
    /// topology reader, which names the file line.
    static func problem(in text: String) -> (reason: String, why: String)? {
        let bytes = text.utf8
        guard let first = bytes.first else { return ("thiếu mã đơn vị", "empty") }
        guard bytes.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else {
            return ("mã chỉ gồm chữ, số, dấu - và _", "character outside [A-Za-z0-9_-]")
        }
        guard isLetterOrDigit(first) else { return ("mã phải bắt đầu bằng chữ hoặc số", "starts with - or _") }
        if bytes.allSatisfy(isDigit), ![2, 3, 5].contains(bytes.count) {
            return ("mã đơn vị hành chính gồm 2 chữ số (tỉnh), 3 chữ số (huyện) hoặc 5 chữ số (xã)",
                    "\(bytes.count) digits, official codes have 2, 3 or 5")
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

extension UnitCode: Comparable {
    /// By the text, as the codes were compared before they had a type, so that every list
    /// sorted by code keeps its order (`04792` before `148` before `17`).
    public static func < (lhs: UnitCode, rhs: UnitCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension UnitCode {
    /// The code as written, so `"\(code)"` reads as it always did.
    public var description: String { rawValue }
}

extension UnitCode: CodingKeyRepresentable {
    /// A dictionary keyed by unit encodes as a JSON object keyed by the code, as a
    /// `[String: …]` did.
    public var codingKey: any CodingKey { Key(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) {
        guard let code = try? UnitCode(parsing: codingKey.stringValue) else { return nil }
        self = code
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
