import BaoCaoCore

/// The namespace of ``BundleError``'s codes.
public enum BundleDomain {}

/// An error from the bundle layer: why a bundle, certificate, key or release was refused,
/// or why one could not be made. See ``CodedError``.
public typealias BundleError = DomainError<BundleDomain>
