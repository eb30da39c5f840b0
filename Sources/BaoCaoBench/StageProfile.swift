import BaoCaoBundle
import BaoCaoCore
import Foundation

/// Times each stage of bundle verification on its own, to see where the time goes.
enum StageProfile {
    static func run(count: Int) throws {
        let now = Date()
        let topology = try Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
            ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "17"),
        ])
        for (kind, label) in [(PrivateKey.Kind.rsa2048, "RSA"), (.ecP256, "EC")] {
            let pki = try DevelopmentPKI.make(topology: topology, keyKind: kind, now: now.addingTimeInterval(-86_400))
            let writer = BundleWriter(identity: pki.units["05290"]!.signing)
            let trust = try TrustStore(anchors: [pki.root.certificate])
            let bundles = try (0..<count).map { index in
                try writer.write(kind: .report, sender: "05290", recipient: "17",
                                 parts: [BundleWriter.Part(path: "report.json", data: BundleBenchmark.report(seed: index))], at: now).data
            }
            var archives: [BundleArchive] = []
            let archiveTime = try measure { archives = try bundles.map { try BundleArchive(reading: $0) } }
            let manifestTime = try measure { for a in archives { _ = try Manifest(decoding: a.contents(of: "manifest.json")!) } }
            var signatures: [DetachedSignature] = []
            let parseTime = try measure { signatures = try archives.map { try DetachedSignature(der: $0.contents(of: "manifest.p7s")!) } }
            var signers: [Certificate] = []
            let verifyTime = try measure {
                signers = try zip(archives, signatures).map { try $1.verify(content: $0.contents(of: "manifest.json")!) }
            }
            let chainTime = measure { for (s, sig) in zip(signers, signatures) { _ = trust.chain(for: s, offered: sig.certificates) } }
            let hashTime = try measure { for a in archives { _ = SHA256Digest.hex(of: try a.contents(of: "report.json")!) } }
            let fullVerifier = BundleVerifier(trust: trust, registry: pki.registry, acceptance: nil)
            let fullTime = measure { for b in bundles { _ = fullVerifier.verify(b, now: now.addingTimeInterval(10)) } }
            let us = { (t: Double) in String(format: "%.1f µs", t / Double(count) * 1e6) }
            print("\(label): whole bundle \(us(fullTime)) = archive \(us(archiveTime)), manifest \(us(manifestTime)), cms parse \(us(parseTime)), cms verify \(us(verifyTime)), chain \(us(chainTime)), part hash \(us(hashTime)); bundle \(bundles[0].count) bytes")
        }
    }
}
