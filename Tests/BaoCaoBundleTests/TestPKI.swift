import BaoCaoCore
import Foundation
@testable import BaoCaoBundle

/// Keys and certificates made at test time; no private key is ever checked in.
enum TestPKI {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    static let day: TimeInterval = 86_400

    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
        ReportingUnit(code: "17-SKHDT", name: "Sở Kế hoạch và Đầu tư", kind: .department, parentCode: "17"),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05293", name: "Xã Văn Sơn", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "148", name: "Thành phố Hòa Bình", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04789", name: "Phường Thái Bình", kind: .commune, parentCode: "148"),
    ])

    /// One PKI per key kind, made once per test process.
    static let rsa = try! Network(keyKind: .rsa2048)
    static let ec = try! Network(keyKind: .ecP256)

    final class Network: @unchecked Sendable {
        let pki: DevelopmentPKI
        let trust: TrustStore
        let keyKind: PrivateKey.Kind

        init(keyKind: PrivateKey.Kind) throws {
            self.keyKind = keyKind
            pki = try DevelopmentPKI.make(topology: TestPKI.topology, keyKind: keyKind, now: TestPKI.now.addingTimeInterval(-30 * TestPKI.day))
            trust = try TrustStore(anchors: [pki.root.certificate])
        }

        func signing(_ unit: UnitCode) -> SigningIdentity { pki.units[unit]!.signing }

        var verifier: BundleVerifier { BundleVerifier(trust: trust, registry: pki.registry, acceptance: nil) }

        /// A certificate for `unit` signed by this network's root, with the given validity.
        func identity(for unit: UnitCode, validity: DateInterval) throws -> SigningIdentity {
            let key = try PrivateKey.generate(keyKind)
            let certificate = try CertificateAuthority.issue(
                for: key, subject: DistinguishedName(commonName: "Thử nghiệm \(unit)", unitCode: unit.rawValue),
                profile: .signing, validity: validity, issuer: pki.root)
            return try SigningIdentity(key: key, certificate: certificate)
        }
    }

    /// A report bundle from a commune to its district.
    static func reportBundle(from unit: UnitCode = "05290", to recipient: BundleRecipient = "157", identity: SigningIdentity,
                             at time: Date = now, extra: [BundleWriter.Part] = []) throws -> (id: String, data: Data) {
        let values = (1...200).map { "\"CT\(String(format: "%03d", $0))\":\"\($0 * 7).5\"" }.joined(separator: ",")
        let report = Data("{\"regime\":\"KTXH-THANG\",\"period\":\"2026-10\",\"values\":{\(values)}}".utf8)
        return try BundleWriter(identity: identity).write(
            kind: .report, sender: unit, recipient: recipient,
            parts: [BundleWriter.Part(path: "report.json", data: report)] + extra,
            about: ["regime": "KTXH-THANG", "period": "2026-10"], at: time)
    }
}

/// Running the `openssl` command-line tool on files in a scratch directory.
enum OpenSSLTool {
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A scratch folder holding a bundle's `manifest.json` and `manifest.p7s`, and each
    /// named root certificate file, for `openssl cms -verify` (``cmsVerify``).
    static func unpacked(_ bundle: Data, roots: [String: Data]) throws -> URL {
        let directory = try scratch()
        let archive = try BundleArchive(reading: bundle)
        try archive.contents(of: "manifest.json")!.write(to: directory.appendingPathComponent("manifest.json"))
        try archive.contents(of: "manifest.p7s")!.write(to: directory.appendingPathComponent("manifest.p7s"))
        for (name, pem) in roots { try pem.write(to: directory.appendingPathComponent(name)) }
        return directory
    }

    /// `openssl cms -verify` of `manifest.p7s` over `manifest.json`, in the bundle profile
    /// (add `-CAfile`).
    static let cmsVerify = ["cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.p7s", "-content", "manifest.json",
                            "-purpose", "any", "-out", "/dev/null"]
}

extension BundleVerdict {
    var code: BundleError.Code? { refusal?.code }
}
