import BaoCaoBundle
import BaoCaoCore
import Foundation

/// The fixed development trust the bundle target verifies against: the public half of the
/// PKI that signed the committed bundle seeds (`Tests/Fuzz/trust`), made once by
/// ``FuzzSeeds``. Without those files (a checkout without them) a fresh PKI is made, so
/// the target still runs, but only up to the chain check.
struct FuzzTrust: Sendable {
    /// When the seeds' PKI was made; its certificates are valid from an hour before.
    static let pkiTime = Date(timeIntervalSince1970: 1_793_491_200)          // 2026-11-01T00:00:00Z
    /// When the seed bundles are signed.
    static let signingTime = Date(timeIntervalSince1970: 1_795_132_800)      // 2026-11-20T00:00:00Z
    /// The receiving node's clock: fixed, so that a run is reproducible.
    static let verificationTime = Date(timeIntervalSince1970: 1_795_996_800) // 2026-11-30T00:00:00Z

    /// The units of the seeds' topology: a province, a district and a commune.
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "148"),
    ])

    let verifier: BundleVerifier
    let publishers: [String]

    static let shared: FuzzTrust = {
        if let loaded = try? load(from: FuzzFiles.trust) { return loaded }
        let pki = try! DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: pkiTime)
        return FuzzTrust(verifier: BundleVerifier(trust: try! TrustStore(anchors: [pki.root.certificate]), registry: pki.registry, acceptance: AcceptanceTable(topology: topology)),
                         publishers: [pki.publisher])
    }()

    /// Reads `root.pem`, `registry.json` and `publishers.txt`.
    static func load(from directory: URL) throws -> FuzzTrust {
        let trust = try TrustStore(anchorsPEM: Data(contentsOf: directory.appendingPathComponent("root.pem")))
        let registry = try PKIFiles.decodeRegistry(Data(contentsOf: directory.appendingPathComponent("registry.json")))
        let publishers = PKIFiles.fingerprints(try String(contentsOf: directory.appendingPathComponent("publishers.txt"), encoding: .utf8))
        return FuzzTrust(verifier: BundleVerifier(trust: trust, registry: registry, acceptance: AcceptanceTable(topology: topology)), publishers: publishers)
    }
}
