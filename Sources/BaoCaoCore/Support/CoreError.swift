/// An error raised by the domain layer.
///
/// Every error carries a stable ``Code`` that tests and callers match on, a
/// message for people in Vietnamese (what went wrong and how to fix it), an
/// English description for logs, and where it was raised.
///
/// Errors compare by code only, so that a test can write
/// `#expect(throws: CoreError.unknownParent)` without repeating message text.
public struct CoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    ///
    /// Codes are a struct rather than an enum so that each subsystem can add its own
    /// in the file that throws them, without breaking anyone who switches over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Lets a `switch` or a test match an error by code: `case .unknownParent:`.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? CoreError)?.code == code
        }
    }

    public let code: Code
    /// What went wrong, in Vietnamese, for the person at the keyboard.
    public let message: String
    /// The same in English, for logs. Never holds secrets or report contents.
    public let logDescription: String
    public let file: String
    public let line: UInt

    public init(
        _ code: Code,
        message: String,
        log logDescription: String,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.code = code
        self.message = message
        self.logDescription = logDescription
        self.file = file
        self.line = line
    }

    public var description: String { message }

    public static func == (lhs: CoreError, rhs: CoreError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

}
