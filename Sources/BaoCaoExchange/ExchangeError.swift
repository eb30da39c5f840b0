import BaoCaoCore

/// The domain of ``ExchangeError``.
public enum ExchangeDomain {}

/// A refusal while data comes in or goes out: a file that cannot be read, a cell that
/// is wrong, a receiver that does not answer. Messages name what is wrong, in Vietnamese.
public typealias ExchangeError = DomainError<ExchangeDomain>

extension ErrorCode where Domain == ExchangeDomain {
    /// The file is not what it claims to be (not a workbook, not CSV, not ADX, not JSON).
    public static let malformedFile = Self("malformedFile")
    /// The file is over the limits a file from outside may have (its size, a ZIP's
    /// entries, sizes or compression ratio): nothing of it was read. A zip bomb ends here.
    public static let tooLarge = Self("tooLarge")
    /// The file was read, but some cells or rows are wrong; nothing was stored.
    public static let invalidCells = Self("invalidCells")
    /// Text in an encoding that cannot be told apart or converted safely.
    public static let ambiguousText = Self("ambiguousText")
    /// Something named does not exist (a regime, a form, a unit, a mapping entry).
    public static let notFound = Self("notFound")
    /// The receiving system did not take what was sent.
    public static let deliveryFailed = Self("deliveryFailed")
    /// A file could not be written or read from disk.
    public static let storageFailure = Self("storageFailure")
}
