import BaoCaoCore
import Foundation

/// Makes release bundles: the province's, chained to the previous one, and units' local ones.
public struct ReleasePublisher: Sendable {
    public let identity: SigningIdentity

    public init(identity: SigningIdentity) {
        self.identity = identity
    }

    /// Signs `content` as a release bundle addressed to every unit (`*`); `about` adds to
    /// the manifest's labels (the publisher's audit head).
    public func publish(_ content: ReleaseContent, at time: Date, about: [String: String] = [:]) throws
        -> (id: String, data: Data, release: AcceptedRelease) {
        let bytes = try content.encoded()
        let kind: BundleKind = content.isProvinceRelease ? .release : .localRelease
        let (id, data) = try BundleWriter(identity: identity).write(
            kind: kind, sender: content.publisher, recipient: .everyone,
            parts: [BundleWriter.Part(path: ReleaseContent.fileName, data: bytes)],
            about: about.merging(["version": String(content.version)]) { _, version in version }, at: time)
        return (id, data, try AcceptedRelease(bytes: bytes))
    }

    /// The content of the release that follows `previous` (or the first one).
    public static func next(after previous: AcceptedRelease?, publisher: UnitCode, publishedAt: Date, validForDays: Int,
                            build: (inout ReleaseContent) -> Void) -> ReleaseContent {
        var content = ReleaseContent(
            publisher: publisher, version: (previous?.content.version ?? 0) + 1, previousHash: previous?.hash,
            publishedAt: publishedAt, expiresAt: publishedAt.addingTimeInterval(TimeInterval(validForDays) * 86_400),
            catalog: previous?.content.catalog ?? Catalog())
        if let previous {
            content.topology = previous.content.topology
            content.endpoints = previous.content.endpoints
            content.calendarOverrides = previous.content.calendarOverrides
            content.trust = previous.content.trust
            content.revoked = previous.content.revoked
            content.localScopes = previous.content.localScopes
            content.personnel = previous.content.personnel
            // The succession stays with the chain that published it: nodes that join later
            // judge former units by it too. A successor and continued chains do not.
            content.succession = previous.content.succession
        }
        build(&content)
        return content
    }
}
