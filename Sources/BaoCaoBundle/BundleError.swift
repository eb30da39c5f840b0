/// An error from the bundle layer: why a bundle, certificate, key or release was refused,
/// or why one could not be made.
///
/// The ``code`` is stable and what tests and callers match on. The ``message`` is the
/// Vietnamese sentence for the person (naming what is wrong); ``logDescription`` is the
/// English line for logs, and never holds key material or report contents.
public struct BundleError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? BundleError)?.code == code
        }
    }

    public let code: Code
    public let message: String
    public let logDescription: String
    public let file: String
    public let line: UInt

    public init(_ code: Code, message: String, log: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.message = message
        self.logDescription = log
        self.file = file
        self.line = line
    }

    public var description: String { message }
    public static func == (lhs: BundleError, rhs: BundleError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
