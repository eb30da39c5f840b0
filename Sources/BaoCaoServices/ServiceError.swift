import BaoCaoCore

/// The domain of ``ServiceError``.
public enum ServicesDomain {}

/// A refusal of the services: a permission, an illegal transition, a bad input.
public typealias ServiceError = DomainError<ServicesDomain>

extension ErrorCode where Domain == ServicesDomain {
    /// The actor may not do this.
    public static let forbidden = Self("forbidden")
    /// Not allowed from the object's current state.
    public static let illegalTransition = Self("illegalTransition")
    /// Something named does not exist.
    public static let notFound = Self("notFound")
    /// Input that cannot be used as given.
    public static let invalidInput = Self("invalidInput")
}
