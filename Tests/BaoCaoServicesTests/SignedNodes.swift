import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// Nodes of ``Fixtures``' province with a development PKI, each with its own database and
/// bundle files in a temporary folder: what the release and transfer services sign,
/// ingest and write.
final class SignedNodes: @unchecked Sendable {
    let pki: DevelopmentPKI
    let directory: URL
    let now = Date()
    private(set) var works: [UnitCode: NodeWork] = [:]

    /// The units of ``Fixtures/topology`` that have keys.
    static let units: [UnitCode] = ["17", "148", "04801", "149"]

    /// `certificatesFrom`: when the keys' certificates start (an hour before), for tests
    /// that sign at times in the past; the default is now.
    init(certificatesFrom: Date = Date()) throws {
        pki = try DevelopmentPKI.make(topology: Fixtures.topology, unitCodes: Self.units, keyKind: .ecP256, now: certificatesFrom)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-signed-\(UUID().uuidString)")
        for unit in Self.units {
            let path = directory.appendingPathComponent("nodes/\(unit)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let store = try NodeStore.open(at: path + "/baocao.sqlite")
            _ = try store.initialize(homeUnit: unit, topology: Fixtures.topology, catalog: Fixtures.catalog, at: now)
            let signing = pki.units[unit]!.signing
            let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: path), home: unit, bootstrap: installedTrust,
                                      clockTolerance: 86_400, signer: signing, arrivalRecorder: AuditLog.arrivals)
            works[unit] = NodeWork(runtime: runtime, identity: signing)
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var installedTrust: NodeTrust.Bootstrap {
        .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry)
    }

    func work(_ unit: UnitCode) -> NodeWork { works[unit]! }

    func releases(at unit: UnitCode) -> ReleaseService {
        ReleaseService(work: work(unit), settings: ReleaseSettings(validForDays: 30, installedTrust: installedTrust, configurationName: "node-\(unit).yaml"))
    }

    /// The audit log of `unit`, oldest first.
    func audit(_ unit: UnitCode) throws -> [AuditEntry] { try AuditLog.entries(in: work(unit).store).reversed() }

    /// A folder under the temporary one.
    func folder(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// People by their roles (no account behind them: the services judge by roles).
    static func person(_ login: String, _ roles: Set<Role>) -> StaffMember {
        StaffMember(userId: 7, login: login, displayName: "Anh \(login)", roles: roles)
    }
}
