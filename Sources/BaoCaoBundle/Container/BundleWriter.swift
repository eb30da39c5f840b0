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
        let prepared = try PreparedBundle(kind: kind, sender: sender, recipient: recipient, parts: parts, about: about, at: time)
        let signature = try DetachedSignature.sign(prepared.manifestBytes, with: identity, beside: person, at: time)
        return (prepared.id, try prepared.packed(with: signature))
    }
}
