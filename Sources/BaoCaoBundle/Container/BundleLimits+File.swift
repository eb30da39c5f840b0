import Foundation

extension BundleLimits {
    /// The largest a bundle's file (`.bcb`) can be and still hold bundle these limits admit:
    /// its parts at their largest total (stored, or deflated, which grows what does not
    /// compress by at most 1 part in 256), the manifest, the signature and the ZIP's
    /// headers for every entry. A file larger than this is refused by its size alone,
    /// before a byte of it is read.
    public var maximumFileSize: Int {
        maximumTotalSize + maximumTotalSize / 256 + maximumManifestSize + Self.signatureAllowance + maximumEntries * Self.entryOverhead
    }

    /// Room for `manifest.p7s`: a CMS signature with its signer's chain.
    static let signatureAllowance = 1 << 20
    /// Room for one entry's local header, central-directory header and name.
    static let entryOverhead = 1 << 10
}
