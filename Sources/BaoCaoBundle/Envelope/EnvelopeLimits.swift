/// How large a sealed envelope may be. An envelope comes from another machine, possibly
/// hostile: its size and its number of recipients are checked before libcrypto reads it,
/// and the content it opens to is never larger than the envelope itself.
public struct EnvelopeLimits: Sendable, Hashable {
    /// The largest envelope, in bytes (DER); also the largest content sealed. The default is
    /// 64 MiB, a bundle's largest part (``BundleLimits/maximumPartSize``).
    public var maximumSize: Int
    /// The most recipients an envelope may name. The default is 16: a transfer goes to the
    /// receiving unit, the managing levels and the Sở Nội vụ, each with a key or two.
    public var maximumRecipients: Int

    public init(maximumSize: Int = BundleLimits.default.maximumPartSize, maximumRecipients: Int = 16) {
        self.maximumSize = maximumSize
        self.maximumRecipients = maximumRecipients
    }

    public static let `default` = EnvelopeLimits()
}
