import BaoCaoCore

/// The domain of ``NationalExchangeError``.
public enum NationalExchangeDomain {}

/// Why a packet did not reach the Government's reporting system, or its signed copy could
/// not be kept. Messages say what happened and that the signed packet is kept, in Vietnamese.
public typealias NationalExchangeError = DomainError<NationalExchangeDomain>

extension ErrorCode where Domain == NationalExchangeDomain {
    /// The receiving system did not take what was sent.
    public static let deliveryFailed = Self("deliveryFailed")
    /// The signed copy could not be written or read.
    public static let storageFailure = Self("storageFailure")
}
