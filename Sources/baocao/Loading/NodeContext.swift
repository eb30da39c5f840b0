import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation
import Synchronization

/// An initialized node, opened from its configuration file: the store, what it trusts,
/// and (when asked for) its signing identity.
struct NodeContext {
    let loaded: LoadedConfiguration
    let store: NodeStore
    let homeUnit: UnitCode

    init(configFile: String) throws {
        loaded = try LoadedConfiguration(file: configFile)
        guard FileManager.default.fileExists(atPath: loaded.databasePath) else {
            throw CLIError("Nút chưa được khởi tạo (không có \(loaded.databasePath)). Hãy chạy: baocao init --config \(configFile)")
        }
        store = try NodeStore.open(at: loaded.databasePath)
        guard let home = try store.homeUnit() else { throw StoreError.notInitialized() }
        homeUnit = home
        // Bundles a node stored one file each, before the pack, move into it once.
        try BundleFiles(dataDirectory: loaded.dataDirectory).packLooseFiles()
        // A configuration edited since the last run is a configuration change: audited.
        try ConfigurationAudit.note(try TextFile.read(configFile), file: configFile, store: store, at: Date())
    }

    var configuration: NodeConfiguration { loaded.configuration }

    /// The trust the node was installed with (anchors, pinned publishers, a first registry).
    func bootstrap() throws -> NodeTrust.Bootstrap? { try loaded.bootstrap() }

    func trust() throws -> NodeTrust {
        try NodeTrust.load(store: store, bootstrap: bootstrap(), clockTolerance: configuration.effectiveClockTolerance)
    }

    var bundleFiles: BundleFiles { BundleFiles(dataDirectory: loaded.dataDirectory) }

    /// The unit's signing identity: PEM files, a PKCS#12 file, or a key on a PKCS#11 token
    /// (its PIN from `pinEnvironment`, or asked on the terminal). Opened once per process and
    /// configuration file, so a command that signs twice asks for the PIN once.
    func signingIdentity() throws -> SigningIdentity {
        guard let signing = configuration.signing else {
            throw CLIError("Tệp \(loaded.file) chưa khai báo khóa ký số (mục signing).")
        }
        return try OpenedSigningIdentities.shared.identity(file: loaded.file, source: signing) {
            try loaded.signingKeyLoader.load(signing)
        }
    }
}

extension NodeContext {
    /// The unit's encryption identity (`encryption:`), or `nil` when the configuration
    /// names none. Opened like the signing identity, once per process.
    func encryptionIdentity() throws -> SigningIdentity? {
        guard let encryption = configuration.encryption else { return nil }
        return try OpenedSigningIdentities.shared.identity(file: loaded.file, source: encryption) {
            try loaded.signingKeyLoader.load(encryption)
        }
    }
}

/// The signing identities this process has opened, by configuration file and key source:
/// the key handle is kept (never the PIN or password), as a token stays logged in anyway.
final class OpenedSigningIdentities: Sendable {
    static let shared = OpenedSigningIdentities()
    private struct Key: Hashable {
        let file: String
        let source: SigningKeySource
    }
    private let opened = Mutex<[Key: SigningIdentity]>([:])

    func identity(file: String, source: SigningKeySource, open: () throws -> SigningIdentity) throws -> SigningIdentity {
        let key = Key(file: file, source: source)
        if let identity = opened.withLock({ $0[key] }) { return identity }
        let identity = try open()
        opened.withLock { $0[key] = identity }
        return identity
    }
}

extension LoadedConfiguration {
    /// Opens signing keys the configuration (or the command line) names, paths relative to
    /// the configuration file, a PIN asked on the terminal when there is one.
    var signingKeyLoader: SigningKeyLoader {
        let base = self
        return SigningKeyLoader(resolvePath: { base.resolve($0) }, askPIN: TerminalPIN.prompt)
    }
}

/// Reading binary files (keys, certificates, bundles) with a clear message when absent.
enum BinaryFile {
    static func read(_ path: String, what: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("Không đọc được \(what): không tìm thấy tệp \(path).")
        }
        return data
    }
}

extension LoadedConfiguration {
    /// The trust the node was installed with (anchors, pinned publishers, a first registry).
    func bootstrap() throws -> NodeTrust.Bootstrap? {
        guard let trust = configuration.trust else { return nil }
        let anchors = try BinaryFile.read(resolve(trust.anchors), what: "chứng thư gốc")
        let publishers = try trust.publishers.map { PKIFiles.fingerprints(try TextFile.read(resolve($0))) } ?? []
        let registry = try trust.registry.map { try PKIFiles.decodeRegistry(BinaryFile.read(resolve($0), what: "tệp đăng ký chứng thư")) }
        return NodeTrust.Bootstrap(anchorsPEM: anchors, pinnedPublishers: publishers, registry: registry)
    }

    /// Who may have signed a backup this node restores: the trust and registry in force in
    /// its current database, or — when that cannot be read (a node being rebuilt) — what
    /// it was installed with. Reads the database, changes nothing.
    func backupSigners() throws -> BackupSignerCheck {
        let bootstrap = try bootstrap()
        let tolerance = configuration.effectiveClockTolerance
        if FileManager.default.fileExists(atPath: databasePath), let store = try? NodeStore.open(at: databasePath),
           let trust = try? NodeTrust.load(store: store, bootstrap: bootstrap, clockTolerance: tolerance) {
            try? store.close()
            return BackupSignerCheck(trust)
        }
        guard let bootstrap else {
            throw CLIError("Tệp \(file) chưa khai báo chứng thư gốc (trust.anchors): không kiểm tra được chữ ký của bản sao lưu.")
        }
        return BackupSignerCheck(trust: try TrustStore(anchorsPEM: bootstrap.anchorsPEM), registry: bootstrap.registry ?? SignerRegistry(),
                                 clockTolerance: tolerance)
    }
}
