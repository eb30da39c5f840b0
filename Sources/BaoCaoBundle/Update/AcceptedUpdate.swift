import BaoCaoCore
import Foundation

/// A software update read from a verified bundle: its description, the hash later updates
/// name, and the package checked against the description.
public struct AcceptedUpdate: Sendable, Hashable {
    public let content: UpdateContent
    /// SHA-256 of the exact `update.json` bytes.
    public let hash: String
    /// The exact `update.json` bytes.
    public let bytes: Data

    public init(bytes: Data) throws(BundleError) {
        self.content = try UpdateContent(decoding: bytes)
        self.bytes = bytes
        self.hash = try SHA256Digest.hexDigest(of: bytes)
    }

    /// The update a verified bundle carries: its description names its sender as publisher,
    /// and its package is exactly the one described (size and SHA-256).
    ///
    /// #### Errors
    /// ``ErrorCode/invalidUpdate`` for a bundle of another kind, a missing part, a
    /// description that does not read or names another publisher; ``ErrorCode/updatePackageMismatch``
    /// for a package other than the one described.
    public init(bundle: VerifiedBundle) throws(BundleError) {
        guard bundle.manifest.kind == .softwareUpdate else {
            throw BundleError.invalidUpdate("gói tin loại \(bundle.manifest.kind) không phải bản cập nhật phần mềm")
        }
        guard let bytes = bundle.part(SoftwareUpdatePart.description) else {
            throw BundleError.invalidUpdate("thiếu tệp \(SoftwareUpdatePart.description)")
        }
        try self.init(bytes: bytes)
        guard content.publisher == bundle.manifest.sender else {
            throw BundleError.invalidUpdate("đơn vị phát hành \(content.publisher) khác đơn vị gửi \(bundle.manifest.sender)")
        }
        guard let package = bundle.part(SoftwareUpdatePart.package) else {
            throw BundleError.invalidUpdate("thiếu tệp \(SoftwareUpdatePart.package)")
        }
        guard content.describes(package: package) else { throw BundleError.updatePackageMismatch(content) }
    }
}
