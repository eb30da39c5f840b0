import Foundation

/// How one node is set up: which unit it serves and where its files are.
///
/// Written by an administrator as a YAML file (see `Config/` for commented samples);
/// relative paths are relative to the directory of that file.
public struct NodeConfiguration: Sendable, Hashable, Codable {
    /// The code of the unit this node serves (its home unit). Required.
    public var unit: UnitCode
    /// Where the node keeps its database and bundle store.
    /// The default is `data/<unit>` beside the configuration file.
    public var dataDirectory: String?
    /// The topology file (CSV) the node starts from, until a release replaces it. Required.
    public var topology: String
    /// The catalog file (YAML or JSON) the node starts from, until a release replaces it. Required.
    public var catalog: String
    /// Yearly plan targets of the province's units (CSV: unit,year,indicator,value). Optional;
    /// added to the catalog's own plans.
    public var plans: String?
    /// Yearly calendar overrides (official days off, make-up working days). Optional;
    /// the default is the Labour Code's holidays alone.
    public var calendarOverrides: String?
    /// Province nodes: the personnel catalog file (seed 003 art. 8.1: its lists, ranks and
    /// the unit that keeps the province's staff records) put in the first release that has
    /// none. Optional; `release publish --personnel` replaces it later.
    public var personnel: String?

    /// The unit's signing identity: a PEM key and certificate, a PKCS#12 file, or a key on a
    /// PKCS#11 token (``SigningKeySource``). Needed to sign bundles and releases; the default is none.
    public var signing: SigningConfiguration?
    /// The unit's encryption identity (``SigningKeySource``, as `signing:`: a PEM key and its
    /// encryption certificate, or a PKCS#12 file): opens the personnel records sealed to
    /// the unit (transfers, custody, seed 003). Without one the node carries them unread and
    /// refuses a transfer addressed to it. The default is none.
    public var encryption: SigningKeySource?
    /// What the node trusts before its first release arrives. Needed to verify bundles.
    public var trust: TrustConfiguration?
    /// How the node talks to its parent and children, and serves its local users.
    public var network: NetworkConfiguration?
    /// Scheduled backups made by `baocao serve`. On by default (seeds 000 art. 19.3, 001
    /// art. 12.1): every 24 hours beside the data directory (``BackupPolicy``); `enabled: false` turns them off.
    public var backup: BackupConfiguration?
    /// How far a sender's clock may be off, in hours, when checking certificate validity
    /// and signing times. The default is 24.
    public var clockToleranceHours: Int?
    /// Province nodes: for how many days a published release stays acceptable. The default is 180.
    public var releaseValidityDays: Int?
    /// Local accounts: password policy, lockout, bcrypt cost. Every field has a default.
    public var security: SecurityConfiguration?
    /// The web interface's ties to staff's PCs: the leader's signing service. Optional.
    public var web: WebConfiguration?
    /// Software updates: the maintenance window in which `baocao update apply --in-window`
    /// (the `baocao-update.timer`) installs a waiting update. Optional; without it an update
    /// waits for an admin's `baocao update apply`.
    public var update: UpdateConfiguration?

    public init(unit: UnitCode, dataDirectory: String? = nil, topology: String, catalog: String, plans: String? = nil, calendarOverrides: String? = nil) {
        self.unit = unit
        self.dataDirectory = dataDirectory
        self.topology = topology
        self.catalog = catalog
        self.plans = plans
        self.calendarOverrides = calendarOverrides
    }

    /// The data directory in force.
    public var effectiveDataDirectory: String { dataDirectory ?? "data/\(unit)" }

    /// The database file inside the data directory.
    public static let databaseFileName = "baocao.sqlite"

    public var effectiveClockTolerance: Double { Double(clockToleranceHours ?? 24) * 3600 }
    public var effectiveReleaseValidityDays: Int { releaseValidityDays ?? 180 }
    /// The backups in force: the `backup:` section over the defaults (on, beside the data directory).
    public var effectiveBackup: BackupPolicy { BackupPolicy(backup, dataDirectory: effectiveDataDirectory) }
    /// The account policy in force: the `security:` section over the defaults.
    public var effectiveSecurity: SecurityPolicy { SecurityPolicy(security) }
}

/// The `security:` section of a node's configuration (seed 003 art. 14.1: passwords
/// change monthly). Every field is optional; absent ones take ``SecurityPolicy``'s defaults.
public struct SecurityConfiguration: Sendable, Hashable, Codable {
    /// Fewest characters a password may have. The default is 10.
    public var minimumPasswordLength: Int?
    /// Days a password stays valid before it must be changed; 0 for never. The default is 30.
    public var passwordRotationDays: Int?
    /// Consecutive failed sign-ins after which an account is refused for a while: one
    /// minute, doubling with each further failure, at most one hour (never for good; only
    /// an admin's `user lock` is). The default is 5.
    public var maximumFailedSignIns: Int?
    /// bcrypt cost (log2 of rounds), 4 to 31. The default is 12.
    public var bcryptCost: Int?
    /// Sign-in attempts each client address may make per minute, whatever the account.
    /// The default is 10; an office whose staff all reach the node through one address (a
    /// NAT, a proxy) may need more.
    public var signInAttemptsPerMinute: Int?

    public init(minimumPasswordLength: Int? = nil, passwordRotationDays: Int? = nil,
                maximumFailedSignIns: Int? = nil, bcryptCost: Int? = nil, signInAttemptsPerMinute: Int? = nil) {
        self.minimumPasswordLength = minimumPasswordLength
        self.passwordRotationDays = passwordRotationDays
        self.maximumFailedSignIns = maximumFailedSignIns
        self.bcryptCost = bcryptCost
        self.signInAttemptsPerMinute = signInAttemptsPerMinute
    }
}

/// The account policy in force at a node, every value set.
public struct SecurityPolicy: Sendable, Hashable {
    public var minimumPasswordLength: Int
    /// Days; 0 means passwords never expire.
    public var passwordRotationDays: Int
    public var maximumFailedSignIns: Int
    public var bcryptCost: Int

    public init(minimumPasswordLength: Int = 10, passwordRotationDays: Int = 30,
                maximumFailedSignIns: Int = 5, bcryptCost: Int = 12) {
        self.minimumPasswordLength = max(1, minimumPasswordLength)
        self.passwordRotationDays = max(0, passwordRotationDays)
        self.maximumFailedSignIns = max(1, maximumFailedSignIns)
        self.bcryptCost = min(31, max(4, bcryptCost))
    }

    /// The configuration's values over the defaults.
    public init(_ configuration: SecurityConfiguration?) {
        let d = SecurityPolicy()
        self.init(minimumPasswordLength: configuration?.minimumPasswordLength ?? d.minimumPasswordLength,
                  passwordRotationDays: configuration?.passwordRotationDays ?? d.passwordRotationDays,
                  maximumFailedSignIns: configuration?.maximumFailedSignIns ?? d.maximumFailedSignIns,
                  bcryptCost: configuration?.bcryptCost ?? d.bcryptCost)
    }

    /// How long an account is refused after the first lockout: one minute.
    public static let firstLockout: TimeInterval = 60
    /// The longest an account is refused for wrong passwords: one hour.
    public static let longestLockout: TimeInterval = 3600

    /// How long an account is refused after `failures` wrong passwords in a row: nothing
    /// below ``maximumFailedSignIns``, then one minute, doubling with each further failure
    /// up to one hour.
    public func lockout(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= maximumFailedSignIns else { return nil }
        let doublings = min(failures - maximumFailedSignIns, 16)
        return min(Self.firstLockout * Double(1 << doublings), Self.longestLockout)
    }

    /// When a password set at `changedAt` expires, or nil if passwords never do.
    public func passwordExpiry(changedAt: Date) -> Date? {
        passwordRotationDays == 0 ? nil : changedAt.addingTimeInterval(TimeInterval(passwordRotationDays) * 86_400)
    }
}

/// What a node trusts before the province's first release reaches it.
public struct TrustConfiguration: Sendable, Hashable, Codable {
    /// The province's root CA certificate(s), PEM. Required.
    public var anchors: String
    /// Fingerprints of the keys that may sign the first release, one a line. Required to
    /// accept a first release.
    public var publishers: String?
    /// Province nodes: the registry of units' signing certificates (`registry.json`)
    /// for the first release they publish.
    public var registry: String?

    public init(anchors: String, publishers: String? = nil, registry: String? = nil) {
        self.anchors = anchors
        self.publishers = publishers
        self.registry = registry
    }
}

/// The node's network: where it listens, where its parent is, and its TLS identity.
public struct NetworkConfiguration: Sendable, Hashable, Codable {
    /// Where children connect (HTTPS, mutual TLS), `host:port`. The default is `0.0.0.0:8443`.
    public var syncListen: String?
    /// Where local users' browsers connect (web, JSON API, `/healthz`, `/metrics`),
    /// `host:port`. The default is `127.0.0.1:8080`. Plain HTTP only on the loopback: any
    /// other address needs `localTLS` (``localListenAddress()``).
    public var localListen: String?
    /// HTTPS on the local port: the node's own certificate or one the province provides
    /// (``LocalTLSConfiguration``). Cookies then carry `Secure` and answers HSTS. The
    /// default is none: plain HTTP, allowed on the loopback only.
    public var localTLS: LocalTLSConfiguration?
    /// The names by which browsers reach the local web interface (what they send as
    /// `Host`), e.g. `[baocao.lacson.hoabinh.gov.vn, 10.0.0.5]`. A request naming any other
    /// host is refused, so that a web page elsewhere cannot reach the node through a name
    /// of its own (DNS rebinding). The default is the host of `localListen`, with
    /// `localhost`, `127.0.0.1` and `::1` when it listens on the loopback; listening on every
    /// address (`0.0.0.0`), also the machine's name and its own addresses.
    public var localHosts: [String]?
    /// The parent node's sync address, by the host name its TLS certificate carries, e.g.
    /// `https://baocao.lacson.hoabinh.gov.vn:8443`: the client accepts the parent only under
    /// that name. The default is the address the release gives for the parent unit; the
    /// province has none.
    public var parentURL: String?
    /// Where to connect for the parent's host name when no DNS gives it (a LAN without one,
    /// or loopback), e.g. `10.0.0.2`; the certificate is still checked for the name.
    public var parentAddress: String?
    /// The node's TLS certificate and key (PEM), used as server and as client. Required to sync.
    public var certificate: String?
    public var key: String?
    /// Seconds between sync rounds with the parent when nothing is waiting. The default is 60.
    public var syncIntervalSeconds: Int?

    public init(syncListen: String? = nil, localListen: String? = nil, parentURL: String? = nil, parentAddress: String? = nil,
                certificate: String? = nil, key: String? = nil, syncIntervalSeconds: Int? = nil, localTLS: LocalTLSConfiguration? = nil) {
        self.syncListen = syncListen
        self.localListen = localListen
        self.localTLS = localTLS
        self.parentURL = parentURL
        self.parentAddress = parentAddress
        self.certificate = certificate
        self.key = key
        self.syncIntervalSeconds = syncIntervalSeconds
    }
}

/// Scheduled backups (seeds 000 art. 19.3, 001 art. 12.1). Every field is optional:
/// without the section, backups are made with the defaults (``BackupPolicy``).
public struct BackupConfiguration: Sendable, Hashable, Codable {
    /// Whether `baocao serve` makes backups. The default is true; false only where the
    /// province backs the node up some other way — the node then says backups are off.
    public var enabled: Bool?
    /// Where backups are written, one ZIP file each. The default is a folder beside the
    /// data directory: `<dataDirectory>-sao-luu` (another disk is better: set it).
    public var directory: String?
    /// Hours between backups. The default is 24.
    public var intervalHours: Int?
    /// How many recent backups to keep; older ones are deleted. The default is 14.
    public var keep: Int?
    /// How old the last good (written and verified) backup may be, in hours, before the
    /// node warns on `/healthz`, the sync page and `baocao status`. The default is twice the interval.
    public var maximumAgeHours: Int?

    public init(enabled: Bool? = nil, directory: String? = nil, intervalHours: Int? = nil, keep: Int? = nil, maximumAgeHours: Int? = nil) {
        self.enabled = enabled
        self.directory = directory
        self.intervalHours = intervalHours
        self.keep = keep
        self.maximumAgeHours = maximumAgeHours
    }
}
