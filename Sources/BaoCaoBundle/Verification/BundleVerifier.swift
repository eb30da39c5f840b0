import BaoCaoCore
import Foundation

/// Checks a bundle exactly as DESIGN §7 says, in this order, stopping at the first
/// failure with its precise reason:
///
/// 1. the container: names, duplicates, sizes (``BundleArchive``);
/// 2. `manifest.json` against its schema (``Manifest``);
/// 3. the CMS signature over the manifest's exact bytes (``DetachedSignature``);
/// 4. the signing time: present, and not in the future beyond the clock tolerance — a
///    bundle that is otherwise valid but signed too far ahead is ``BundleVerdict/premature(_:acceptableFrom:)``;
/// 5. the signer's chain to a trust anchor, each certificate valid at the signing time
///    (within the tolerance), the signer's key usage allowing signatures, none revoked
///    before the bundle arrived (``SignerRegistry/revocationStatus(of:arrivedAt:now:)``);
/// 6. for every kind but province releases and software updates, the signer registered for
///    the sender unit (those two are authorised by a publisher key: ``ReleaseGate``, ``UpdateGate``);
/// 6a. a person's signature beside the unit's (reports and decisions only): chained to the
///    persons' anchors, valid at its signing time, not revoked, non-repudiation, the person
///    registered for the sender in the kind's role (``PersonalSignature``); and none missing
///    where the release requires one from a date;
///    A unit the 2025 reform retired (its certificate revoked by the succession) is told,
///    instead of the revocation, what the acceptance table says of it: which unit it went
///    into and the code to send under;
/// 7. the acceptance table (``AcceptanceTable``): this kind, from this sender, to this
///    recipient, with these parts — their names, media types and sizes as the signed
///    manifest declares them, which must also be the sizes the container's directory
///    declares;
/// 8. only then is any part inflated: every part present with its declared size and hash,
///    and nothing else in the container.
///
/// Up to step 7 only the directory, the manifest and the signature are read: a bundle
/// that may not be accepted costs no inflating, however large its parts claim to be.
/// Nothing is cached per bundle: two bundles with the same id are each checked in full.
public struct BundleVerifier: Sendable {
    public var trust: TrustStore
    public var registry: SignerRegistry
    public var limits: BundleLimits
    /// How far a sender's clock may be off: how far outside a certificate's validity a
    /// signing time may lie, and how far in the future. The default is one day.
    public var clockTolerance: TimeInterval
    /// Who may send what to whom, from the release in force; `nil` only for a tool that
    /// checks a bundle's signature outside any network (a benchmark, the fuzzer).
    public var acceptance: AcceptanceTable?
    /// The anchors persons' certificates must chain to (``TrustList/personAnchors``); `nil`
    /// when the release names none, and then a person's signature is refused.
    public var personTrust: TrustStore?

    public init(trust: TrustStore, registry: SignerRegistry, acceptance: AcceptanceTable?, personTrust: TrustStore? = nil,
                limits: BundleLimits = .default, clockTolerance: TimeInterval = 86_400) {
        self.trust = trust
        self.personTrust = personTrust
        self.registry = registry
        self.acceptance = acceptance
        self.limits = limits
        self.clockTolerance = clockTolerance
    }

    /// Verifies a bundle at `now`, as received at `arrivedAt` — when this node recorded it
    /// as arrived, for a bundle it holds; `now` (the default) for one arriving. A signer's
    /// certificate revoked after the bundle arrived does not refuse it.
    public func verify(_ data: Data, now: Date, arrivedAt: Date? = nil) -> BundleVerdict {
        do {
            return .valid(try check(data, now: now, arrivedAt: arrivedAt ?? now))
        } catch let early as SignedTooEarly {
            return .premature(.signingTimeInFuture(early.signingTime, now: now), acceptableFrom: early.signingTime.addingTimeInterval(-clockTolerance))
        } catch let error as BundleError {
            return .refused(error)
        } catch {
            return .refused(BundleError.notABundle("\(error)"))
        }
    }

    /// A signing time further ahead of the verifier's clock than the tolerance.
    private struct SignedTooEarly: Error {
        let signingTime: Date
    }

    private func check(_ data: Data, now: Date, arrivedAt: Date) throws -> VerifiedBundle {
        let archive = try BundleArchive(reading: data, limits: limits)
        guard let manifestBytes = try archive.contents(of: Manifest.fileName) else { throw BundleError.missingEntry(Manifest.fileName) }
        guard let signatureBytes = try archive.contents(of: Manifest.signatureFileName) else {
            throw BundleError.missingEntry(Manifest.signatureFileName)
        }
        let manifest = try Manifest(decoding: manifestBytes)

        let signature = try DetachedSignature(der: signatureBytes)
        let manifestDigest = try SHA256Digest.digest(of: manifestBytes)
        let signers = try signature.verifyEach(contentDigest: manifestDigest)
        let (unit, person) = try assign(signers, manifest: manifest)
        let signer = unit.certificate
        guard let signingTime = unit.signingTime else {
            throw BundleError(.missingSigningTime, message: "Chữ ký số không có thời điểm ký.", log: "signature has no signing-time attribute")
        }
        // Judged last: a signing time too far ahead is only "not yet" for a bundle that is
        // otherwise valid; anything else wrong with it is a refusal for good.
        var latestSigningTime = signingTime

        let chain = try trustedChain(of: signer, in: trust, offered: signature.certificates)
        var skew = try checkValidity(of: chain, at: signingTime)
        let exchange = manifest.exchange(arrivedAt: arrivedAt)
        var revocation: [RevocationStatus]
        do {
            let judged = RevokedSignerBundle(kind: manifest.kind, period: manifest.about["period"].flatMap { try? Period(parsing: $0) },
                                             signedAt: signingTime)
            revocation = [try registry.revocationStatus(of: chain, arrivedAt: arrivedAt, now: now, bundle: judged)]
        } catch let error as BundleError where error.code == .certificateRevoked {
            // A unit the reform retired is told what became of it, not only that its key is revoked.
            if let acceptance, let refusal = acceptance.refusal(of: exchange), refusal.concernsRetiredUnit { throw BundleError(refusal) }
            throw error
        }
        guard signer.allowsSigning else { throw BundleError.certificateNotForSigning(signer) }

        if !manifest.kind.isSignedByPublisher, !registry.isRegistered(signer.fingerprint, for: manifest.sender) {
            throw BundleError.signerNotRegistered(signer, sender: manifest.sender, registeredFor: registry.units(registering: signer.fingerprint))
        }

        var personalSignature: PersonalSignature?
        if let person {
            let checked = try checkPersonal(person, of: manifest, offered: signature.certificates)
            revocation.append(try registry.revocationStatus(of: checked.signature.chain, arrivedAt: arrivedAt, now: now))
            skew = max(skew, checked.skew)
            latestSigningTime = max(latestSigningTime, checked.signature.signingTime)
            personalSignature = checked.signature
        } else if registry.requiresPersonalSignature(manifest.kind, signedAt: signingTime),
                  let from = registry.personalSignaturesRequiredFrom {
            throw BundleError.personalSignatureMissing(manifest.kind, requiredFrom: from)
        }
        let signedTooEarly = latestSigningTime.timeIntervalSince(now) > clockTolerance

        // Everything the bundle claims, checked before a single part is inflated.
        var expected: Set<String> = [Manifest.fileName, Manifest.signatureFileName]
        for part in manifest.parts {
            guard expected.insert(part.path).inserted else { throw BundleError.duplicateEntry(part.path) }
            guard let entry = archive.entries[part.path] else { throw BundleError.missingEntry(part.path) }
            guard entry.declaredSize == part.size else {
                throw BundleError.partSizeMismatch(part.path, declared: part.size, actual: entry.declaredSize)
            }
        }
        if archive.entries.count != expected.count, let extra = archive.entries.keys.sorted().first(where: { !expected.contains($0) }) {
            throw BundleError.unexpectedEntry(extra)
        }
        if let acceptance, let refusal = acceptance.refusal(of: exchange) {
            throw BundleError(refusal)
        }

        var parts: [String: Data] = [:]
        for part in manifest.parts {
            guard let bytes = try archive.contents(of: part.path) else { throw BundleError.missingEntry(part.path) }
            guard bytes.count == part.size else { throw BundleError.partSizeMismatch(part.path, declared: part.size, actual: bytes.count) }
            guard try SHA256Digest.digest(of: bytes).elementsEqual(SHA256Digest.hexBytes(part.sha256)) else { throw BundleError.partHashMismatch(part.path) }
            parts[part.path] = bytes
        }
        if signedTooEarly { throw SignedTooEarly(signingTime: latestSigningTime) }
        var verified = VerifiedBundle(
            id: SHA256Digest.hexString(manifestDigest), manifest: manifest, manifestBytes: manifestBytes,
            signatureDER: signatureBytes, signer: signer, chain: chain, signingTime: signingTime,
            personalSignature: personalSignature, verifiedAt: now, validitySkew: skew, data: data, parts: parts)
        verified.revocation = revocation
        return verified
    }

    /// Tells the unit's signer from a person's. One signer is the unit's. Of two, only on a
    /// kind that carries a person's signature (a report, a decision), the unit's is the one
    /// registered for the sender and the other is the person's.
    private func assign(_ signers: [DetachedSignature.Signer], manifest: Manifest) throws
        -> (unit: DetachedSignature.Signer, person: DetachedSignature.Signer?) {
        guard signers.count == 2 else { return (signers[0], nil) }
        guard RegisteredPerson.Role.signing(manifest.kind) != nil else {
            throw BundleError.personalSignatureNotAllowed(manifest.kind)
        }
        let units = signers.filter { registry.isRegistered($0.certificate.fingerprint, for: manifest.sender) }
        guard units.count == 1, let unit = units.first, let person = signers.first(where: { $0.certificate.fingerprint != unit.certificate.fingerprint }) else {
            let named = signers.map(\.certificate)
            throw units.isEmpty
                ? BundleError.signerNotRegistered(named[1], sender: manifest.sender, registeredFor: registry.units(registering: named[1].fingerprint))
                : BundleError.malformedSignature("cả hai người ký đều là chứng thư của đơn vị \(manifest.sender); chữ ký cá nhân phải bằng chứng thư của một người")
        }
        return (unit, person)
    }

    /// Checks a person's signature: their certificate chains to the persons' anchors, was
    /// valid at their signing time (within the tolerance), is not revoked, asserts
    /// non-repudiation, and is registered to the sending unit in the role the kind needs.
    private func checkPersonal(_ signer: DetachedSignature.Signer, of manifest: Manifest, offered: [Certificate]) throws
        -> (signature: PersonalSignature, skew: TimeInterval) {
        let certificate = signer.certificate
        guard let personTrust else { throw BundleError.noPersonAuthority(certificate) }
        guard let signingTime = signer.signingTime else {
            throw BundleError(.missingSigningTime, message: "Chữ ký số cá nhân của \(certificate.subject) không có thời điểm ký.",
                              log: "personal signature has no signing-time attribute")
        }
        let chain = try trustedChain(of: certificate, in: personTrust, offered: offered)
        let skew = try checkValidity(of: chain, at: signingTime)
        guard certificate.allowsNonRepudiation else { throw BundleError.personalCertificateNotNonRepudiation(certificate) }
        guard let role = RegisteredPerson.Role.signing(manifest.kind),
              let person = registry.person(registering: certificate.fingerprint, for: manifest.sender), person.roles.contains(role)
        else {
            throw BundleError.personNotRegistered(certificate, unit: manifest.sender, role: RegisteredPerson.Role.signing(manifest.kind) ?? .approver,
                                                  registeredAs: registry.persons.first { $0.certificates.contains(certificate.fingerprint) })
        }
        return (PersonalSignature(person: person, role: role, certificate: certificate, chain: chain, signingTime: signingTime), skew)
    }

    /// The chain from a signer's certificate to an anchor of `store`, or the refusal that says why not.
    private func trustedChain(of signer: Certificate, in store: TrustStore, offered: [Certificate]) throws -> [Certificate] {
        switch store.chain(for: signer, offered: offered) {
        case .success(let built): return built
        case .failure(.untrustedIssuer(let detail)): throw BundleError.untrustedCertificate(signer, detail: detail)
        case .failure(.other(let detail)): throw BundleError.certificateInvalid(signer, detail: detail)
        case .failure(.belowAlgorithmFloor(let weak)): throw weak
        case .failure(.cryptoFailure(let error)): throw error
        }
    }

    /// Checks each certificate of a chain at a signing time — inside its validity within the
    /// clock tolerance — and returns how far outside its validity the time lay. Revocation is
    /// judged apart, by when the bundle arrived (``SignerRegistry/revocationStatus(of:arrivedAt:now:)``).
    private func checkValidity(of chain: [Certificate], at signingTime: Date) throws -> TimeInterval {
        var skew: TimeInterval = 0
        for certificate in chain {
            if signingTime < certificate.notBefore {
                let gap = certificate.notBefore.timeIntervalSince(signingTime)
                guard gap <= clockTolerance else { throw BundleError.certificateNotYetValid(certificate, at: signingTime) }
                skew = max(skew, gap)
            }
            if signingTime > certificate.notAfter {
                let gap = signingTime.timeIntervalSince(certificate.notAfter)
                guard gap <= clockTolerance else { throw BundleError.certificateExpired(certificate, at: signingTime) }
                skew = max(skew, gap)
            }
        }
        return skew
    }
}

extension Manifest {
    /// What the acceptance table is asked about this bundle.
    public var exchange: BundleExchange {
        BundleExchange(kind: kind, sender: sender, recipient: recipient, about: about,
                       parts: parts.map { DeclaredPart(path: $0.path, mediaType: $0.mediaType, size: $0.size) })
    }

    /// The same, for a bundle that arrived at `arrivedAt` (a former unit's late report is
    /// judged by the day it arrived in Vietnam).
    public func exchange(arrivedAt: Date) -> BundleExchange {
        BundleExchange(kind: kind, sender: sender, recipient: recipient, about: about,
                       parts: parts.map { DeclaredPart(path: $0.path, mediaType: $0.mediaType, size: $0.size) },
                       arrivedOn: VietnamTime.civilDate(at: arrivedAt))
    }
}

extension BundleError {
    /// A bundle the acceptance table refuses: the code names the rule it broke.
    public init(_ refusal: AcceptanceRefusal, file: String = #fileID, line: UInt = #line) {
        self.init(ErrorCode(refusal.code), message: refusal.message, log: "not accepted: \(refusal.logDescription)", file: file, line: line)
    }
}
