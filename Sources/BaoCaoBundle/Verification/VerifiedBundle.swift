import Foundation

/// A bundle whose container, manifest, signature, certificate chain and parts all
/// checked out. Only a verifier makes these.
public struct VerifiedBundle: Sendable {
    /// SHA-256 of the manifest bytes: the bundle's id everywhere.
    public let id: String
    public let manifest: Manifest
    public let manifestBytes: Data
    public let signatureDER: Data
    /// The unit's signer certificate, and the chain from it to the trust anchor.
    public let signer: Certificate
    public let chain: [Certificate]
    /// The signing time the unit's signer stated (a signed attribute).
    public let signingTime: Date
    /// The person's signature beside the unit's, on a report or a decision that carries one.
    public let personalSignature: PersonalSignature?
    /// When this node verified it.
    public let verifiedAt: Date
    /// How far the signing time lay outside a certificate's validity, within the clock
    /// tolerance (0 when inside): a sign of a sender's clock running wrong.
    public let validitySkew: TimeInterval
    /// For each signer, how far revocation could be checked (its certificate chain against
    /// the province's list and the CAs' CRLs): "not checked" where an authority has no
    /// current CRL.
    public internal(set) var revocation: [RevocationStatus] = []
    /// The whole container as received, kept byte for byte for relaying and re-checking.
    public let data: Data
    let parts: [String: Data]

    /// A part's bytes.
    public func part(_ path: String) -> Data? { parts[path] }
}

/// The outcome of verifying a bundle: a verified bundle, the reason it was refused, or
/// the reason it cannot be accepted yet.
///
/// Refusal is an expected outcome, not an exception: the caller quarantines the bytes,
/// answers `rejected: <reason>` and carries on with the next bundle.
public enum BundleVerdict: Sendable {
    case valid(VerifiedBundle)
    /// Refused for good: the same bytes will always be refused.
    case refused(BundleError)
    /// Refused until `acceptableFrom`, which only the passing of time settles: the signing
    /// time lies further ahead of this node's clock than the tolerance (the sender's clock
    /// runs fast). Checked no further; offered again after that instant, it is checked
    /// in full.
    case premature(BundleError, acceptableFrom: Date)

    public var bundle: VerifiedBundle? {
        if case .valid(let bundle) = self { return bundle }
        return nil
    }

    /// Why the bundle is not valid now, whether for good or for a while.
    public var refusal: BundleError? {
        switch self {
        case .valid: nil
        case .refused(let error), .premature(let error, _): error
        }
    }
}
