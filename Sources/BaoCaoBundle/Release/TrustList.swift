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
    /// The certification authorities' revocation lists (CRLs) as PEM, each signed by one of
    /// the anchors or intermediates; absent from releases made before they were carried.
    public var crls: [String]?

    public init(anchors: [String], intermediates: [String] = [], publishers: [String], signers: [String: [String]],
                nodes: [String: [String]]? = nil, crls: [String]? = nil) {
        self.anchors = anchors
        self.intermediates = intermediates
        self.publishers = publishers
        self.signers = signers
        self.nodes = nodes
        self.crls = crls
    }

    /// A trust store over the anchors and intermediates.
    public func trustStore() throws -> TrustStore {
        let anchors = try self.anchors.flatMap { try Certificate.all(pem: Data($0.utf8)) }
        let intermediates = try self.intermediates.flatMap { try Certificate.all(pem: Data($0.utf8)) }
        return try TrustStore(anchors: anchors, intermediates: intermediates)
    }
}
