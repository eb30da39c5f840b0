import Foundation

/// The trust a release establishes: which authorities issue certificates, which keys may
/// publish the next release, and which certificates sign for which unit.
public struct TrustList: Sendable, Hashable, Codable {
    /// Trust anchors (the province's root CA) as PEM.
    public var anchors: [String]
    /// Intermediate authorities as PEM.
    public var intermediates: [String]
    /// Fingerprints of the certificates that may sign the next release. Rotating the
    /// publisher key is a release, signed by the old key, that lists the new one.
    public var publishers: [String]
    /// Unit code → fingerprints of its registered signing certificates.
    public var signers: [String: [String]]
    /// Unit code → fingerprints of its node's TLS certificates.
    public var nodes: [String: [String]]?
    /// Trust anchors for persons' certificates (PEM): the certification authorities whose
    /// personal certificates the province accepts (the government CA's roots; in
    /// development, the person CA of `pki init-dev`). Apart from ``anchors``: the province's
    /// own CA issues units' and nodes' certificates, not people's.
    public var personAnchors: [String]?
    /// Intermediate authorities between ``personAnchors`` and persons' certificates (PEM).
    public var personIntermediates: [String]?
    /// The persons who may sign beside their unit, and in which roles.
    public var persons: [RegisteredPerson]?
    /// From this instant a report must carry its approving leader's personal signature and
    /// a decision its deciding officer's, judged by the unit's signing time; reports signed
    /// before stay valid with the unit's signature alone. `nil`: not required.
    public var personalSignaturesRequiredFrom: Date?

    /// The certification authorities' revocation lists (CRLs) as PEM, each signed by one of
    /// the anchors or intermediates; absent from releases made before they were carried.
    public var crls: [String]?

    /// Unit code → its encryption certificates as PEM: to whom every node may seal records
    /// (``SealedEnvelope``), each issued by the anchors for encryption only
    /// (``checkEncryptionCertificates()``); absent from releases made before they were carried.
    public var encryption: [String: [String]]?

    public init(anchors: [String], intermediates: [String] = [], publishers: [String], signers: [String: [String]],
                nodes: [String: [String]]? = nil, personAnchors: [String]? = nil, personIntermediates: [String]? = nil,
                persons: [RegisteredPerson]? = nil, personalSignaturesRequiredFrom: Date? = nil, crls: [String]? = nil,
                encryption: [String: [String]]? = nil) {
        self.anchors = anchors
        self.intermediates = intermediates
        self.publishers = publishers
        self.signers = signers
        self.nodes = nodes
        self.personAnchors = personAnchors
        self.personIntermediates = personIntermediates
        self.persons = persons
        self.personalSignaturesRequiredFrom = personalSignaturesRequiredFrom
        self.crls = crls
        self.encryption = encryption
    }

    /// A trust store over the anchors and intermediates.
    public func trustStore() throws -> TrustStore {
        let anchors = try self.anchors.flatMap { try Certificate.all(pem: Data($0.utf8)) }
        let intermediates = try self.intermediates.flatMap { try Certificate.all(pem: Data($0.utf8)) }
        return try TrustStore(anchors: anchors, intermediates: intermediates)
    }

    /// A trust store over the persons' anchors and intermediates; `nil` when the release
    /// names no authority for persons (then no personal signature can be accepted).
    public func personTrustStore() throws -> TrustStore? {
        let anchors = try (personAnchors ?? []).flatMap { try Certificate.all(pem: Data($0.utf8)) }
        guard !anchors.isEmpty else { return nil }
        let intermediates = try (personIntermediates ?? []).flatMap { try Certificate.all(pem: Data($0.utf8)) }
        return try TrustStore(anchors: anchors, intermediates: intermediates)
    }
}
