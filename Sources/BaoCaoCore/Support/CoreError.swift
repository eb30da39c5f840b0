/// The namespace of ``CoreError``'s codes.
public enum CoreDomain {}

/// An error raised by the domain layer. See ``CodedError``.
public typealias CoreError = DomainError<CoreDomain>
