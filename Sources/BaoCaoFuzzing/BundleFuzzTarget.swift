import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import Foundation

/// A bundle as a receiving node takes it (``BundleVerifier``, then what
/// `BundleIngestor` reads from a verified bundle before storing anything), against the
/// fixed development trust store in `Tests/Fuzz/trust`.
///
/// Besides the verifier's own order, which stops at the first failure, the container's
/// manifest and signature are each read on their own, so that a mutated manifest does
/// not hide the signature parser from the fuzzer, nor the other way round.
enum BundleFuzzTarget {
    /// Accepted: the bundle verified against the fixed trust, at the fixed clock.
    static func run(_ data: Data) -> FuzzOutcome {
        if let archive = try? BundleArchive(reading: data) {
            readEntries(of: archive)
        }
        guard let bundle = FuzzTrust.shared.verifier.verify(data, now: FuzzTrust.verificationTime).bundle else { return .refused }
        checkVerified(bundle)
        readContent(of: bundle)
        return .accepted
    }

    /// The manifest and the signature of a container that reads, independently.
    private static func readEntries(of archive: BundleArchive) {
        FuzzInvariant.require(archive.entries.keys.allSatisfy { !$0.isEmpty }, "a container entry has an empty name")
        if let bytes = try? archive.contents(of: Manifest.fileName) {
            _ = try? Manifest(decoding: bytes)
        }
        if let der = try? archive.contents(of: Manifest.signatureFileName), let signature = try? DetachedSignature(der: der) {
            _ = signature.certificates.map(\.fingerprint)
            if let manifest = try? archive.contents(of: Manifest.fileName) {
                _ = try? signature.verify(content: manifest)
            }
        }
    }

    /// What verification promises about a bundle it accepts.
    private static func checkVerified(_ bundle: VerifiedBundle) {
        FuzzInvariant.require(bundle.id == SHA256Digest.hex(of: bundle.manifestBytes), "a verified bundle's id is not its manifest's SHA-256")
        for part in bundle.manifest.parts {
            guard let bytes = bundle.part(part.path) else {
                FuzzInvariant.require(false, "verified part \(part.path) is missing")
                return
            }
            FuzzInvariant.require(bytes.count == part.size && SHA256Digest.hex(of: bytes) == part.sha256,
                                  "verified part \(part.path) differs from its manifest entry")
        }
        FuzzInvariant.require(bundle.signingTime.timeIntervalSince(FuzzTrust.verificationTime) <= 86_400,
                              "a verified bundle was signed more than the tolerance in the future")
    }

    /// The content a node reads from a verified bundle addressed to it.
    private static func readContent(of bundle: VerifiedBundle) {
        let manifest = bundle.manifest
        switch manifest.kind {
        case .report:
            if let bytes = bundle.part(ReportDocument.partPath), let document = try? ReportDocument.decode(bytes) {
                for attachment in document.attachments {
                    _ = bundle.part(attachment.part).map { $0.count == attachment.size && SHA256Digest.hex(of: $0) == attachment.sha256 }
                }
            }
        case .decision:
            _ = bundle.part(ReportDecision.partPath).flatMap { try? ReportDecision.decode($0) }
        case .notice:
            _ = bundle.part(NoticeDocument.partPath).flatMap { try? NoticeDocument.decode($0) }
        case .release, .localRelease:
            guard let release = try? AcceptedRelease(bundle: bundle) else { return }
            let gate = ReleaseGate(pinnedPublishers: FuzzTrust.shared.publishers, now: FuzzTrust.verificationTime)
            if release.content.isProvinceRelease {
                _ = gate.evaluate(release, signedBy: bundle.signer, current: nil)
            }
        default:
            break
        }
    }
}
