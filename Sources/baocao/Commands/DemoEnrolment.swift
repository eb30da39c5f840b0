import BaoCaoBundle
import BaoCaoCore
import Foundation

/// Enrolment of a unit the reform created (the province 25 of the new map, ``ReformPlan/enrol``)
/// in the demo's development PKI: its signing, node and encryption identities issued by
/// the same demo root as every other node's, written where ``DevelopmentPKI/write(to:)``
/// puts a unit's (`units/<code>/`), with the files its node is installed with: its own
/// signing key pinned for its first release (`publishers.txt`) and the registry of the old
/// map's units with its own identities added (`registry.json`). A unit enrolled already
/// keeps its keys.
enum DemoEnrolment {
    /// The unit's folder in the PKI.
    static func folder(of unit: UnitCode, pki: URL) -> URL { pki.appendingPathComponent("units/\(unit)") }

    static func enrol(_ unit: ReportingUnit, pki: URL, at now: Date, validityDays: Int) throws {
        let folder = folder(of: unit.code, pki: pki)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("registry.json").path) { return }
        let root = try SigningIdentity(keyPEM: Data(contentsOf: pki.appendingPathComponent("root.key")),
                                       certificatePEM: Data(contentsOf: pki.appendingPathComponent("root.pem")))
        let validity = DateInterval(start: now.addingTimeInterval(-3600), duration: TimeInterval(validityDays) * 86_400)
        let subject = DistinguishedName(commonName: unit.name, unitCode: unit.code.rawValue)
        try SecretFile.createFolder(folder)
        let profiles: [(String, CertificateProfile)] = [
            ("signing", .signing), ("node", .node(hosts: [DevelopmentPKI.hostName(of: unit.code)])), ("encryption", .encryption),
        ]
        var issued: [String: Certificate] = [:]
        for (name, profile) in profiles {
            let key = try PrivateKey.generate(.rsa2048)
            let certificate = try CertificateAuthority.issue(for: key, subject: subject, profile: profile, validity: validity, issuer: root)
            try PKIFiles.write(certificate.pem, to: folder.appendingPathComponent("\(name).pem"))
            try PKIFiles.writeSecret(key.pem(), to: folder.appendingPathComponent("\(name).key"))
            issued[name] = certificate
        }
        guard let signing = issued["signing"], let node = issued["node"], let encryption = issued["encryption"] else { return }
        var registry = try PKIFiles.decodeRegistry(Data(contentsOf: pki.appendingPathComponent("registry.json")))
        registry.signers[unit.code.rawValue] = [signing.fingerprint]
        registry.nodes[unit.code.rawValue] = [node.fingerprint]
        registry.encryption?[unit.code.rawValue] = [String(decoding: encryption.pem, as: UTF8.self)]
        try PKIFiles.write(Data((signing.fingerprint + "\n").utf8), to: folder.appendingPathComponent("publishers.txt"))
        // Written last: its presence says the enrolment is complete.
        try PKIFiles.write(PKIFiles.encode(registry), to: folder.appendingPathComponent("registry.json"))
    }
}
