/// Which parts a bundle of some kind may carry: a name (one exact path, or numbered paths
/// under a folder), the media types allowed, and the largest size of each. Checked from
/// the signed manifest and the container's directory, before any part is inflated.
public struct PartRule: Sendable, Hashable {
    public enum Path: Sendable, Hashable {
        /// Exactly this path, once.
        case exact(String)
        /// `prefix` followed by a number from 1 (`attachments/1`, `attachments/2`, …), at most `count` of them.
        case numbered(prefix: String, count: Int)
    }

    public enum MediaTypes: Sendable, Hashable {
        case only(Set<String>)
        /// Any well-formed `type/subtype` (attached files, shown to people as downloads).
        case anyWellFormed
    }

    public let path: Path
    public let mediaTypes: MediaTypes
    public let maximumSize: Int
    /// Whether a bundle of the kind must carry it.
    public let required: Bool

    public init(_ path: Path, mediaTypes: MediaTypes, maximumSize: Int, required: Bool) {
        self.path = path
        self.mediaTypes = mediaTypes
        self.maximumSize = maximumSize
        self.required = required
    }

    /// A required JSON document at a fixed path.
    public static func json(_ path: String, maximumSize: Int) -> PartRule {
        PartRule(.exact(path), mediaTypes: .only(["application/json"]), maximumSize: maximumSize, required: true)
    }

    /// The one part of a transfer or custody bundle: the records sealed (CMS
    /// AuthEnvelopedData, DER) to the units that may read them, at most 64 MiB.
    public static let sealedDossier = PartRule(.exact(sealedDossierPath), mediaTypes: .only([sealedMediaType]),
                                               maximumSize: 64 << 20, required: true)
    public static let sealedDossierPath = "dossier.p7m"
    public static let sealedMediaType = "application/pkcs7-mime"

    /// Whether a part at `path` is one this rule describes.
    public func covers(_ candidate: String) -> Bool {
        switch path {
        case .exact(let exact):
            return candidate == exact
        case .numbered(let prefix, let count):
            guard candidate.hasPrefix(prefix), let number = Int(candidate.dropFirst(prefix.count)),
                  String(number) == candidate.dropFirst(prefix.count) else { return false }
            return (1...count).contains(number)
        }
    }

    /// Whether `mediaType` is allowed.
    public func allows(mediaType: String) -> Bool {
        switch mediaTypes {
        case .only(let types): return types.contains(mediaType)
        case .anyWellFormed: return Self.isWellFormed(mediaType)
        }
    }

    /// `type/subtype` in lower case letters, digits and `.+-`.
    static func isWellFormed(_ mediaType: String) -> Bool {
        let halves = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, mediaType.utf8.count <= 127 else { return false }
        return halves.allSatisfy { half in
            guard let first = half.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
            return half.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".+-".unicodeScalars.contains($0) }
        }
    }

    /// How the rule is named in a refusal.
    var name: String {
        switch path {
        case .exact(let exact): exact
        case .numbered(let prefix, _): "\(prefix)…"
        }
    }
}

/// One part a manifest declares: what the acceptance table checks before inflating it.
public struct DeclaredPart: Sendable, Hashable {
    public let path: String
    public let mediaType: String
    public let size: Int

    public init(path: String, mediaType: String, size: Int) {
        self.path = path
        self.mediaType = mediaType
        self.size = size
    }
}
