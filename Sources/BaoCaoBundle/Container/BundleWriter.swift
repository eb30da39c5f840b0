import BaoCaoCore
import Foundation

/// Makes a signed bundle: hashes the parts into a manifest, signs the manifest's exact
/// bytes, and packs everything into a `.bcb` container.
public struct BundleWriter: Sendable {
    public let identity: SigningIdentity
    /// A person who signs beside the unit (the approving leader on a report, the deciding
    /// officer on a decision), in a SignerInfo of their own over the same manifest.
    public let person: SigningIdentity?

    public init(identity: SigningIdentity, person: SigningIdentity? = nil) {
        self.identity = identity
        self.person = person
    }

    /// A part to put in a bundle.
    public struct Part: Sendable {
        public var path: String
        public var data: Data
        public var mediaType: String

        public init(path: String, data: Data, mediaType: String = "application/json") {
            self.path = path
            self.data = data
            self.mediaType = mediaType
        }
    }

    /// The bytes of a new bundle and its id.
    public func write(kind: BundleKind, sender: UnitCode, recipient: BundleRecipient, parts: [Part],
                      about: [String: String] = [:], at time: Date) throws -> (id: String, data: Data) {
        var seen: Set<String> = []
        for part in parts {
            try PartPath.check(part.path)
            guard seen.insert(part.path).inserted else { throw BundleError.duplicateEntry(part.path) }
        }
        let manifest = Manifest(
            kind: kind, sender: sender, recipient: recipient, createdAt: time,
            parts: try parts.map { Manifest.Part(path: $0.path, size: $0.data.count, sha256: try SHA256Digest.hexDigest(of: $0.data), mediaType: $0.mediaType) },
            about: about)
        let manifestBytes = try manifest.encoded()
        let signature = try DetachedSignature.sign(manifestBytes, with: identity, beside: person, at: time)
        let data = try BundleArchive.write([(Manifest.fileName, manifestBytes), (Manifest.signatureFileName, signature.der)]
                                           + parts.map { ($0.path, $0.data) })
        return (try SHA256Digest.hexDigest(of: manifestBytes), data)
    }
}
