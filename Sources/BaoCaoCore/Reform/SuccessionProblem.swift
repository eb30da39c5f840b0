/// One thing wrong with a succession (``Succession/findings(against:)``) and what it
/// concerns, so that a table file can name the line to correct (``SuccessionTable``).
public struct SuccessionProblem: Sendable, Hashable {
    /// What the problem is about.
    public enum Subject: Sendable, Hashable {
        /// The succession as a whole (its dates, its legal basis).
        case succession
        /// A former unit (all its rows).
        case formerUnit(UnitCode)
        /// One row, by its index in ``Succession/links``.
        case link(Int)
    }

    /// In Vietnamese, without the leading "Phương án … không hợp lệ".
    public let reason: String
    public let subject: Subject

    public init(_ reason: String, about subject: Subject) {
        self.reason = reason
        self.subject = subject
    }

    /// The problem as the error every check throws.
    public var error: CoreError { .succession(reason) }
}
