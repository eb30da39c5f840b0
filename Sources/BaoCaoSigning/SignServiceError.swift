import BaoCaoCore

/// The domain of ``SignServiceError``.
public enum SignServiceDomain {}

/// A refusal of the signing service: a listen address off loopback, an origin not
/// configured, what it was asked to sign not matching what it was shown, a wrong PIN.
public typealias SignServiceError = DomainError<SignServiceDomain>

extension ErrorCode where Domain == SignServiceDomain {
    /// The service was asked to listen on an address other computers reach.
    public static let notLoopback = Self("notLoopback")
    /// A node origin that is not a plain `http(s)://host[:port]`.
    public static let invalidOrigin = Self("invalidOrigin")
    /// A request that cannot be read (not JSON, not base64, too large).
    public static let invalidRequest = Self("invalidRequest")
    /// The attributes to sign do not belong to the manifest shown (digest, content type).
    public static let digestMismatch = Self("digestMismatch")
    /// The signing time is not within minutes of the service's clock.
    public static let signingTimeOff = Self("signingTimeOff")
    /// The manifest is not of a report or a decision, or does not say its unit, regime and period.
    public static let notSignable = Self("notSignable")
    /// The PIN (or, for a development key file, its password) was wrong.
    public static let wrongPIN = Self("wrongPIN")
    /// The key could not sign (token missing, locked, another key than the certificate's).
    public static let keyUnavailable = Self("keyUnavailable")
    /// No such request waiting (never made, already signed, expired).
    public static let unknownRequest = Self("unknownRequest")
}
