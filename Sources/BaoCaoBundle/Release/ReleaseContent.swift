import BaoCaoCore
import Foundation

/// The content of a release (`release.json`): the province's whole configuration of
/// the reporting network, or a unit's local additions to it (DESIGN §3).
///
/// A province release carries everything. A local release (seed 002 art. 11.3–11.4)
/// carries only a catalog of its own regimes, forms and namespaced indicators.
public struct ReleaseContent: Sendable, Hashable, Codable {
    public static let fileName = "release.json"
    public static let formatVersion = 1

    public var formatVersion: Int
    /// The publishing unit's code.
    public var publisher: UnitCode
    /// Strictly increasing within one publisher's chain, from 1.
    public var version: Int
    /// The hash of the previous release's `release.json`; `nil` for version 1.
    public var previousHash: String?
    public var publishedAt: Date
    /// After this a node refuses the release: a replayed old release cannot be passed
    /// off as new forever. Communes may be offline for weeks, so it is generous.
    public var expiresAt: Date
    /// Province releases: every unit, in order.
    public var topology: [ReportingUnit]?
    /// Province releases: each node's sync URL, by unit code.
    public var endpoints: [String: String]?
    public var catalog: Catalog
    /// Province releases: the year's official days off and make-up working days.
    public var calendarOverrides: CalendarOverrides?
    /// Province releases: anchors, publishers and registered signers.
    public var trust: TrustList?
    /// Province releases: revoked certificates.
    public var revoked: [SignerRegistry.Revocation]?
    /// Province releases: for a unit that may publish local releases, the units its
    /// regimes may ask to report, beyond its own subtree (a department and its sector's communes).
    public var localScopes: [String: [String]]?
    /// Province releases: the personnel catalogs of seed 003 art. 8.1 and the unit that
    /// keeps the province's staff records (Sở Nội vụ).
    public var personnel: PersonnelCatalog?
    /// Province releases: the reorganisation (2025 reform) the topology comes from — old
    /// unit → new unit, whole or part — checked against the topology like the rest.
    public var succession: Succession?
    /// The last release of a chain that ends: who continues it. A node of this chain then
    /// takes only that successor's named first release, and no further release of this one.
    public var successor: ReleaseSuccessor?
    /// The first release of a chain that continues others (a merged province): the last
    /// release of each predecessor chain it continues.
    public var continues: [ReleaseLink]?

    public init(publisher: UnitCode, version: Int, previousHash: String?, publishedAt: Date, expiresAt: Date,
                topology: [ReportingUnit]? = nil, endpoints: [String: String]? = nil, catalog: Catalog,
                calendarOverrides: CalendarOverrides? = nil, trust: TrustList? = nil,
                revoked: [SignerRegistry.Revocation]? = nil, localScopes: [String: [String]]? = nil,
                personnel: PersonnelCatalog? = nil, succession: Succession? = nil, successor: ReleaseSuccessor? = nil,
                continues: [ReleaseLink]? = nil) {
        self.formatVersion = Self.formatVersion
        self.publisher = publisher
        self.version = version
        self.previousHash = previousHash
        self.publishedAt = publishedAt
        self.expiresAt = expiresAt
        self.topology = topology
        self.endpoints = endpoints
        self.catalog = catalog
        self.calendarOverrides = calendarOverrides
        self.trust = trust
        self.revoked = revoked
        self.localScopes = localScopes
        self.personnel = personnel
        self.succession = succession
        self.successor = successor
        self.continues = continues
    }

    /// Whether this is the province's release (it carries a topology and a trust list).
    public var isProvinceRelease: Bool { topology != nil }

    /// Province releases: the sync URL of a unit's node, if one is published. The map is
    /// keyed by the code's text, as `release.json` carries it.
    public func endpoint(of unit: UnitCode) -> String? {
        endpoints?[unit.rawValue]
    }

    /// Province releases: the units beyond its own subtree that a unit's local regimes may
    /// ask to report (``localScopes``), read as unit codes; text that is none is no unit.
    public func localScope(of unit: UnitCode) -> [UnitCode] {
        (localScopes?[unit.rawValue] ?? []).compactMap { try? UnitCode(parsing: $0) }
    }

    /// The registry of signers and revocations (the province's own list and the CAs' CRLs)
    /// this release establishes.
    public var registry: SignerRegistry {
        SignerRegistry(signers: trust?.signers ?? [:], nodes: trust?.nodes ?? [:], revoked: revoked ?? [],
                       persons: trust?.persons ?? [], personalSignaturesRequiredFrom: trust?.personalSignaturesRequiredFrom,
                       revocationLists: trust?.revocationLists ?? RevocationLists())
    }

    /// The validated topology of a province release.
    public func validatedTopology() throws -> Topology {
        guard let topology else { throw BundleError.invalidRelease("bản phát hành không có danh sách đơn vị") }
        do {
            return try Topology(units: topology, fileName: Self.fileName)
        } catch let error as CoreError {
            throw BundleError.invalidRelease(error.message)
        }
    }

    // MARK: - Encoding

    /// Canonical bytes: sorted keys, ISO 8601 times. The release hash is their SHA-256.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public init(decoding data: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            self = try decoder.decode(ReleaseContent.self, from: data)
        } catch {
            throw BundleError.invalidRelease("release.json không đúng định dạng (\(error))")
        }
        guard formatVersion == Self.formatVersion else {
            throw BundleError.invalidRelease("phiên bản định dạng \(formatVersion) không được hỗ trợ")
        }
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let invalidRelease = Self("invalidRelease")
}

extension BundleError {
    static func invalidRelease(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        let reason = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
        return BundleError(.invalidRelease, message: "Bản phát hành không hợp lệ: \(reason).", log: "invalid release: \(reason)", file: file, line: line)
    }
}
