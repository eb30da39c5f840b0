/// A stable, machine-readable reason for an error, in the namespace of one module.
///
/// A struct over a string rather than an enum, so that each subsystem adds its codes in
/// the file that throws them (`extension ErrorCode where Domain == CoreDomain { … }`)
/// without breaking anyone who matches on them.
public struct ErrorCode<Domain>: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// What every BaoCao error carries: a code to match on, a Vietnamese message for the
/// person at the keyboard (what is wrong and how to fix it), an English line for logs
/// (never secrets or report contents), and where it was raised.
///
/// Errors compare and hash by code alone, so a test can match `.unknownParent` without
/// repeating message text.
public protocol CodedError: Error, Hashable, Sendable, CustomStringConvertible {
    associatedtype Domain
    var code: ErrorCode<Domain> { get }
    var message: String { get }
    var logDescription: String { get }
}

extension CodedError {
    public var description: String { message }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// The one error type of every module: a module names it with its own domain
/// (`typealias StoreError = DomainError<StoreDomain>`) and adds codes and factories in
/// the files that throw them.
public struct DomainError<Domain>: CodedError {
    public typealias Code = ErrorCode<Domain>

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
