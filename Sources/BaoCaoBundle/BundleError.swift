import BaoCaoCore

/// The namespace of ``BundleError``'s codes.
public enum BundleDomain {}

/// An error from the bundle layer: why a bundle, certificate, key or release was refused,
/// or why one could not be made. See ``CodedError``.
public struct BundleError: CodedError {
    public typealias Code = ErrorCode<BundleDomain>

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
}
