import BaoCaoBundle
import Foundation

/// `manifest.json` as the verifier reads it (``Manifest/init(decoding:)``). A manifest
/// that reads must write back (``Manifest/encoded()``) to bytes that read as the same
/// manifest, and those bytes must be canonical: encoding again gives them unchanged.
enum ManifestFuzzTarget {
    /// Accepted: the manifest decoded.
    static func run(_ data: Data) -> FuzzOutcome {
        guard let manifest = try? Manifest(decoding: data) else { return .refused }
        let encoded: Data
        do {
            encoded = try manifest.encoded()
        } catch {
            FuzzInvariant.require(false, "a manifest that decodes does not encode: \(error)")
            return .accepted
        }
        guard let again = try? Manifest(decoding: encoded) else {
            FuzzInvariant.require(false, "a re-encoded manifest does not decode: \(String(decoding: encoded, as: UTF8.self))")
            return .accepted
        }
        FuzzInvariant.require(again == manifest, "a manifest decodes differently after re-encoding")
        FuzzInvariant.require((try? again.encoded()) == encoded, "a manifest's encoding is not canonical")
        return .accepted
    }
}
