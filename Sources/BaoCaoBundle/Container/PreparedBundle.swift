import BaoCaoCore
import Foundation

/// A bundle made up to its signature: the parts checked and hashed into a manifest whose
/// exact bytes are then signed — here with the unit's key (``BundleWriter``), or, when a
/// person signs on a token elsewhere, over ``signedAttributes`` built now and a signature
/// that comes back later (``assembled(with:unit:at:)``).
public struct PreparedBundle: Sendable {
    public let manifest: Manifest
    /// The exact bytes of `manifest.json`, which the signature covers.
    public let manifestBytes: Data
    public let parts: [BundleWriter.Part]
    /// The bundle's id: the SHA-256 of the manifest, in hex.
    public let id: String

    /// Checks the parts' names (each once) and hashes them into the manifest.
    public init(kind: BundleKind, sender: UnitCode, recipient: BundleRecipient, parts: [BundleWriter.Part],
                about: [String: String] = [:], at time: Date) throws {
        var seen: Set<String> = []
        for part in parts {
            try PartPath.check(part.path)
            guard seen.insert(part.path).inserted else { throw BundleError.duplicateEntry(part.path) }
        }
        manifest = Manifest(
            kind: kind, sender: sender, recipient: recipient, createdAt: time,
            parts: try parts.map { Manifest.Part(path: $0.path, size: $0.data.count, sha256: try SHA256Digest.hexDigest(of: $0.data), mediaType: $0.mediaType) },
            about: about)
        manifestBytes = try manifest.encoded()
        self.parts = parts
        id = try SHA256Digest.hexDigest(of: manifestBytes)
    }

    /// The attributes a person signs elsewhere: this manifest's SHA-256, signed at its creation time.
    public func signedAttributes() throws -> SignedAttributes {
        SignedAttributes(contentDigest: try SHA256Digest.digest(of: manifestBytes), signingTime: manifest.createdAt)
    }

    /// The `.bcb` bytes with `signature` over the manifest.
    public func packed(with signature: DetachedSignature) throws -> Data {
        try BundleArchive.write([(Manifest.fileName, manifestBytes), (Manifest.signatureFileName, signature.der)]
                                + parts.map { ($0.path, $0.data) })
    }

    /// The `.bcb` bytes with the person's signature made elsewhere and the unit's made now
    /// (``SignedDataBuilder``); the person's is checked over these attributes first.
    public func assembled(with person: SignedDataBuilder.ExternalSignature, unit: SigningIdentity, at time: Date) throws -> Data {
        try packed(with: SignedDataBuilder.assemble(over: manifestBytes, person: person, unit: unit, at: time))
    }
}
