import BaoCaoBundle
import BaoCaoCore
import Foundation

/// What a publisher changes in its next release; everything not named is carried over
/// from the release in force (or, for the province's first release, from what the node
/// was installed with).
///
/// A province release may change all of it. A unit below the province publishes only
/// its own catalog (a local release: seed 002 art. 11.3–11.4), so for it only ``catalog``
/// may be set.
public struct ReleaseChanges: Sendable {
    /// A signing certificate to register for a unit.
    public struct Registration: Sendable {
        public let unit: UnitCode
        public let certificate: Certificate

        public init(unit: UnitCode, certificate: Certificate) {
            self.unit = unit
            self.certificate = certificate
        }
    }

    /// A person to register beside a unit: their certificate (which must chain to the
    /// persons' anchors and assert non-repudiation), their position and their roles. Their
    /// name is the certificate's common name.
    public struct PersonRegistration: Sendable {
        public let unit: UnitCode
        public let title: String
        public let roles: [RegisteredPerson.Role]
        public let certificate: Certificate

        public init(unit: UnitCode, title: String, roles: [RegisteredPerson.Role], certificate: Certificate) {
            self.unit = unit
            self.title = title
            self.roles = roles
            self.certificate = certificate
        }
    }

    /// The units the release carries, replacing those in force. The default keeps them.
    public var topology: [ReportingUnit]?
    /// The catalog the release carries (with the plan targets already added), replacing the
    /// one in force; for a local release, the unit's own regimes. The default keeps it.
    public var catalog: Catalog?
    /// Where ``catalog`` was read from, named when it is refused (e.g. its file).
    public var catalogSource: String?
    /// Certificates to register; each must chain to the province's anchors.
    public var registrations: [Registration] = []
    /// SHA-256 fingerprints of certificates to revoke: unregistered from every unit and
    /// listed as revoked from the moment of publishing.
    public var revocations: [String] = []
    /// Why, recorded with each revocation. The default is "thu hồi theo yêu cầu".
    public var revocationReason = "thu hồi theo yêu cầu"
    /// SHA-256 fingerprints of the keys that may sign the next release, replacing the
    /// list in force (key rotation). The default, empty, keeps the list.
    public var publishers: [String] = []
    /// Authorities for persons' certificates to add to the trust list (the government CA's
    /// roots the province accepts).
    public var personAnchors: [Certificate] = []
    /// Persons to register (or, for a person already registered for the unit under the
    /// same name, whose certificate, title and roles to add).
    public var personRegistrations: [PersonRegistration] = []
    /// From when reports and decisions must carry a person's signature; the default keeps
    /// the date in force.
    public var personalSignaturesRequiredFrom: Date?
    /// Revocation lists (CRLs) of the certification authorities the trust list names, to
    /// carry in the release: each must be signed by one of its anchors or intermediates and
    /// still current; each replaces the older list of the same authority.
    public var revocationLists: [RevocationList] = []
    /// A new personnel catalog (seed 003 art. 8.1), replacing the one in force.
    public var personnel: PersonnelCatalog?
    /// Encryption certificates to list for units (``TrustList/encryption``): each must chain
    /// to the province's anchors and be for encryption only (``Certificate/isForEncryption``).
    public var encryptionCertificates: [Registration] = []

    /// The 2025 reform: the succession the release carries with its new topology (checked
    /// against it). The default keeps the one in force.
    public var succession: Succession?
    /// The last release of each predecessor chain this release continues (the first
    /// release of a merged province): each must name this publisher as its successor. Their
    /// anchors and revocations carry over, and so do their registrations of former units,
    /// revoked as of the reform (``SuccessionRevocation``) so their late reports still verify.
    public var continues: [AcceptedRelease] = []
    /// Closes this chain: its last release names who continues it (``ReleaseSuccessor``).
    public var successor: ReleaseSuccessor?
    /// Trust anchors (PEM) to add, so the nodes of this chain can check the successor's
    /// signatures when its CA is not one of this chain's.
    public var addedAnchors: [Certificate] = []

    public init() {}

    /// Whether nothing but the catalog changes: all a local release may do.
    public var changesOnlyTheCatalog: Bool {
        topology == nil && registrations.isEmpty && revocations.isEmpty && publishers.isEmpty
            && personAnchors.isEmpty && personRegistrations.isEmpty && personalSignaturesRequiredFrom == nil && revocationLists.isEmpty
            && personnel == nil
            && encryptionCertificates.isEmpty
            && succession == nil && continues.isEmpty && successor == nil && addedAnchors.isEmpty
    }
}
