import BaoCaoCore
import Foundation

/// A release a node has accepted, with the hash later releases must name.
public struct AcceptedRelease: Sendable, Hashable {
    public let content: ReleaseContent
    /// SHA-256 of the exact `release.json` bytes.
    public let hash: String
    /// The exact `release.json` bytes, kept so the hash can be checked again.
    public let bytes: Data

    public init(bytes: Data) throws {
        self.content = try ReleaseContent(decoding: bytes)
        self.bytes = bytes
        self.hash = try SHA256Digest.hexDigest(of: bytes)
    }

    /// The release carried by a verified bundle.
    public init(bundle: VerifiedBundle) throws {
        guard bundle.manifest.kind == .release || bundle.manifest.kind == .localRelease else {
            throw BundleError.invalidRelease("gói tin loại \(bundle.manifest.kind) không phải bản phát hành")
        }
        guard let bytes = bundle.part(ReleaseContent.fileName) else {
            throw BundleError.invalidRelease("thiếu tệp \(ReleaseContent.fileName)")
        }
        try self.init(bytes: bytes)
        guard content.publisher == bundle.manifest.sender else {
            throw BundleError.invalidRelease("đơn vị phát hành \(content.publisher) khác đơn vị gửi \(bundle.manifest.sender)")
        }
    }
}
