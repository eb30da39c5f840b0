import BaoCaoCore
import Foundation

/// Makes software update bundles: the description and the package, signed by the
/// province's publisher key, addressed to every unit (`*`).
public struct UpdatePublisher: Sendable {
    public let identity: SigningIdentity

    public init(identity: SigningIdentity) {
        self.identity = identity
    }

    /// The description of the update that follows `previous` (or the first one) for `package`.
    public static func content(for package: Data, named packageName: String, version: SoftwareVersion, architecture: String,
                               notes: String, publisher: UnitCode, after previous: AcceptedUpdate?, at now: Date) -> UpdateContent {
        UpdateContent(publisher: publisher, version: version, architecture: architecture, packageName: packageName,
                      packageSize: package.count, packageSHA256: SHA256Digest.hex(of: package), notes: notes,
                      previousHash: previous?.hash, publishedAt: now)
    }

    /// Signs `content` and `package` as one bundle; `about` adds to the manifest's labels.
    public func publish(_ content: UpdateContent, package: Data, at time: Date, about: [String: String] = [:]) throws
        -> (id: String, data: Data) {
        try BundleWriter(identity: identity).write(
            kind: .softwareUpdate, sender: content.publisher, recipient: .everyone,
            parts: [BundleWriter.Part(path: SoftwareUpdatePart.description, data: try content.encoded()),
                    BundleWriter.Part(path: SoftwareUpdatePart.package, data: package, mediaType: SoftwareUpdatePart.packageMediaType)],
            about: about.merging(["version": content.version.description]) { _, version in version }, at: time)
    }
}
