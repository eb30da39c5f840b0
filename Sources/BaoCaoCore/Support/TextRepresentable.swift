/// A value of the domain that is written as one piece of text and read back strictly: a
/// period id (``Period``), a unit code (``UnitCode``), a regime code (``RegimeCode``), a
/// bundle's recipient (``BundleRecipient``).
///
/// What they share is how text becomes them and back, written once here: ``init(parsing:)``
/// is the only way in from outside and refuses what cannot be one with a Vietnamese
/// ``CoreError``; ``description`` is the text, exactly as it is stored, sent and shown. So a
/// literal in the program is parsed like any text (and a wrong one is a bug that stops the
/// program), and JSON carries the same string as when these were plain strings.
public protocol TextRepresentable: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral
where StringLiteralType == String {
    /// Reads the text, refusing what cannot be one.
    ///
    /// #### Errors
    /// A ``CoreError`` whose message names the text and says what was expected.
    init(parsing text: String) throws
}

extension TextRepresentable {
    /// A value written in the program (`"2026-11"`, `"04792"`). A literal is the
    /// programmer's, not the user's: one that does not parse is a bug, and stops the program
    /// with the reason.
    public init(stringLiteral text: String) {
        do {
            try self.init(parsing: text)
        } catch let error as CoreError {
            fatalError(error.message)
        } catch {
            fatalError("\(error)")
        }
    }

    /// Decodes the text, refusing anything ``init(parsing:)`` refuses.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch let error as CoreError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    /// Encodes as the text: the same bytes as when the value was a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
