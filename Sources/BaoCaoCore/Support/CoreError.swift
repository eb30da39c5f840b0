/// The namespace of ``CoreError``'s codes.
public enum CoreDomain {}

/// An error raised by the domain layer. See ``CodedError``.
public struct CoreError: CodedError {
    public typealias Code = ErrorCode<CoreDomain>

    public let code: Code
    public let message: String
    public let logDescription: String
    public let file: String
    public let line: UInt

    public init(_ code: Code, message: String, log logDescription: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.message = message
        self.logDescription = logDescription
        self.file = file
        self.line = line
    }
}
