import BaoCaoCore
import Foundation

/// Who may sign for which unit, and which certificates are revoked, as the current
/// release says (DESIGN §1, §3): certificates are registered by their SHA-256 fingerprint.
public struct SignerRegistry: Sendable, Hashable, Codable {
    /// A certificate that must no longer be trusted, whatever its dates say.
    public struct Revocation: Sendable, Hashable, Codable {
        public var fingerprint: String
        public var revokedAt: Date
        /// Why, in Vietnamese (lộ khóa, thay thế, nghỉ việc…).
        public var reason: String
        /// Only on a revocation a succession made (a former unit's certificate, revoked as of
        /// the reform — ``SuccessionRevocation``): until this instant the former unit's late
        /// reports for periods before the reform, and its history handed over, still verify
        /// (``excuses(_:arrivedAt:)``). `nil` on every other revocation.
        public var graceEnds: Date?

        public init(fingerprint: String, revokedAt: Date, reason: String, graceEnds: Date? = nil) {
            self.fingerprint = fingerprint
            self.revokedAt = revokedAt
            self.reason = reason
            self.graceEnds = graceEnds
        }
    }

    /// Unit code → fingerprints of the certificates registered to sign for it. Keyed by the
    /// code's text, as `registry.json` and a release's trust list carry it; the functions
    /// below take and give ``UnitCode``.
    public var signers: [String: [String]]
    /// Unit code → fingerprints of its node's TLS certificates (who may connect for it).
    public var nodes: [String: [String]]
    public var revoked: [Revocation]
    /// The persons who may sign beside their unit (``TrustList/persons``).
    public var persons: [RegisteredPerson]
    /// Since when reports and decisions need a person's signature (``TrustList/personalSignaturesRequiredFrom``).
    public var personalSignaturesRequiredFrom: Date?
    /// The certification authorities' revocation lists the release carries
    /// (``TrustList/crls``); not part of `registry.json`.
    public var revocationLists: RevocationLists
    /// Unit code → its encryption certificates as PEM (``TrustList/encryption``): what
    /// `pki init-dev` writes into `registry.json` for the first release to carry.
    public var encryption: [String: [String]]?

    public init(signers: [String: [String]] = [:], nodes: [String: [String]] = [:], revoked: [Revocation] = [],
                persons: [RegisteredPerson] = [], personalSignaturesRequiredFrom: Date? = nil,
                revocationLists: RevocationLists = RevocationLists()) {
        self.signers = signers
        self.nodes = nodes
        self.revoked = revoked
        self.persons = persons
        self.personalSignaturesRequiredFrom = personalSignaturesRequiredFrom
        self.revocationLists = revocationLists
    }

    private enum CodingKeys: String, CodingKey { case signers, nodes, revoked, persons, personalSignaturesRequiredFrom, encryption }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(signers: try c.decodeIfPresent([String: [String]].self, forKey: .signers) ?? [:],
                  nodes: try c.decodeIfPresent([String: [String]].self, forKey: .nodes) ?? [:],
                  revoked: try c.decodeIfPresent([Revocation].self, forKey: .revoked) ?? [],
                  persons: try c.decodeIfPresent([RegisteredPerson].self, forKey: .persons) ?? [],
                  personalSignaturesRequiredFrom: try c.decodeIfPresent(Date.self, forKey: .personalSignaturesRequiredFrom))
        encryption = try c.decodeIfPresent([String: [String]].self, forKey: .encryption)
    }

    /// The person registered for `unit` with this certificate, if any.
    public func person(registering fingerprint: String, for unit: UnitCode) -> RegisteredPerson? {
        persons.first { $0.unit == unit && $0.certificates.contains(fingerprint) }
    }

    /// Whether a bundle of `kind` signed at `signingTime` must carry a person's signature.
    public func requiresPersonalSignature(_ kind: BundleKind, signedAt signingTime: Date) -> Bool {
        guard RegisteredPerson.Role.signing(kind) != nil, let from = personalSignaturesRequiredFrom else { return false }
        return signingTime >= from
    }

    /// The unit whose node presents this TLS certificate, if it is registered and not revoked.
    public func unit(ofNode fingerprint: String) -> UnitCode? {
        guard revocation(of: fingerprint) == nil else { return nil }
        return nodes.first { $0.value.contains(fingerprint) }.flatMap { try? UnitCode(parsing: $0.key) }
    }

    public func isRegistered(_ fingerprint: String, for unit: UnitCode) -> Bool {
        signers[unit.rawValue]?.contains(fingerprint) ?? false
    }

    /// The units a certificate is registered for.
    public func units(registering fingerprint: String) -> [UnitCode] {
        signers.filter { $0.value.contains(fingerprint) }.compactMap { try? UnitCode(parsing: $0.key) }.sorted()
    }

    public func revocation(of fingerprint: String) -> Revocation? {
        revoked.first { $0.fingerprint == fingerprint }
    }

    /// Registers a certificate for a unit (enrollment).
    public mutating func register(_ fingerprint: String, for unit: UnitCode) {
        if !isRegistered(fingerprint, for: unit) { signers[unit.rawValue, default: []].append(fingerprint) }
    }
}
