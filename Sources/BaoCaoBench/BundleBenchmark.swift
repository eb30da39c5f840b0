import BaoCaoBundle
import BaoCaoCore
import COpenSSL
import Foundation

/// Signs and verifies whole report bundles of 200 values, and beside them measures, in the
/// same run and in interleaved rounds, raw libcrypto: signing the same manifest bytes with
/// the same key (``RawSign``), and the signature-verify rate for the same key type.
///
/// Every bundle is distinct (its values and signing time differ), and each is verified
/// in full: container, manifest, CMS signature, chain validity at signing time,
/// revocation, registration and every part's hash. What is reused between bundles is the
/// certificate path from the signer to the root — the same few hundred certificates sign
/// a province's bundles — never a bundle's verdict.
struct BundleBenchmark {
    let count: Int

    func run(kind: PrivateKey.Kind, label: String) throws -> [BenchmarkRow] {
        let now = Date()
        let topology = try Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
            ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "17"),
        ])
        let pki = try DevelopmentPKI.make(topology: topology, keyKind: kind, now: now.addingTimeInterval(-86_400))
        let identity = pki.units["05290"]!.signing
        let writer = BundleWriter(identity: identity)
        let verifier = BundleVerifier(trust: try TrustStore(anchors: [pki.root.certificate]), registry: pki.registry, acceptance: nil)

        // Sign `count` distinct bundles (each its own report and signing time), in rounds
        // interleaved with rounds of the raw reference: libcrypto signing, with the same
        // key, the very manifest bytes each bundle's signature covers. The reports are
        // encoded before (encoding a report is the report lifecycle's work, not signing);
        // what is timed is `BundleWriter.write`: hashing the part, writing the manifest,
        // the CMS signature, the container.
        let reports = (0..<count).map { Self.report(seed: $0) }
        let times = (0..<count).map { now.addingTimeInterval(Double($0)) }
        let manifests = try (0..<count).map { index in
            try PreparedBundle(kind: .report, sender: "05290", recipient: "17", parts: [BundleWriter.Part(path: "report.json", data: reports[index])],
                               about: Self.about, at: times[index]).manifestBytes
        }
        let rawSigner = try RawSign(key: identity.key)
        var bundles: [Data] = []
        bundles.reserveCapacity(count)
        var signRates: [Double] = []
        var rawSignRates: [Double] = []
        for round in Self.rounds(count) {
            let seconds = try measure {
                for index in round {
                    bundles.append(try writer.write(kind: .report, sender: "05290", recipient: "17",
                                                    parts: [BundleWriter.Part(path: "report.json", data: reports[index])],
                                                    about: Self.about, at: times[index]).data)
                }
            }
            signRates.append(Double(round.count) / seconds)
            rawSignRates.append(Double(round.count) / (try rawSigner.sign(manifests[round])))
        }
        // The reference signed the same bytes: each bundle's manifest is the one signed raw.
        for (index, bundle) in bundles.enumerated() where try BundleArchive(reading: bundle).contents(of: Manifest.fileName) != manifests[index] {
            throw BenchmarkFailure("bundle \(index)'s manifest is not the one the raw reference signed")
        }
        // Verify each bundle once, in rounds interleaved with rounds of the raw reference
        // over as many distinct messages, so that both see the same machine; each rate is
        // the median over the rounds (a shared machine only ever slows a round down).
        let raw = try RawVerify(kind: kind, count: count)
        let rounds = Self.rounds(count)
        var verifyRates: [Double] = []
        var rawRates: [Double] = []
        var valid = 0
        for round in rounds {
            let seconds = measure {
                for data in bundles[round] where verifier.verify(data, now: now.addingTimeInterval(Double(count) + 10)).bundle != nil {
                    valid += 1
                }
            }
            verifyRates.append(Double(round.count) / seconds)
            rawRates.append(Double(round.count) / raw.run(round))
        }
        guard valid == count else { throw BenchmarkFailure("only \(valid) of \(count) bundles verified") }

        let verifyRate = median(verifyRates)
        let rawRate = median(rawRates)
        let twoSigners = try twoSignerRow(kind: kind, label: label, topology: topology, raw: raw, now: now)
        return [
            // Issue 22: at least 0.3 of raw signing for ECDSA P-256 (whose signature is so fast that
            // writing the container used to dominate), 0.5 for RSA.
            BenchmarkRow(name: "\(label): sign whole bundle", figure: median(signRates), unit: "bundles/s",
                         reference: median(rawSignRates), referenceName: "raw libcrypto sign of the same manifest bytes, same key",
                         goalRatio: kind == .ecP256 ? 0.3 : 0.5),
            BenchmarkRow(name: "\(label): verify whole bundle", figure: verifyRate, unit: "bundles/s",
                         reference: rawRate, referenceName: "raw libcrypto verify", goalRatio: 0.5),
            twoSigners,
        ]
    }

    /// A report signed by its leader and its unit (two SignerInfos, two certificate chains,
    /// the person's registration and role checked too), verified whole, against two raw
    /// libcrypto verifies per bundle over messages of the same size, in the same rounds.
    private func twoSignerRow(kind: PrivateKey.Kind, label: String, topology: Topology, raw: RawVerify, now: Date) throws -> BenchmarkRow {
        let pki = try DevelopmentPKI.make(topology: topology, keyKind: kind, now: now.addingTimeInterval(-86_400), persons: true)
        guard let leader = pki.persons["05290"]?.first(where: { $0.role == .approver }) else { throw BenchmarkFailure("no leader in the PKI") }
        var registry = pki.registry
        registry.persons = [RegisteredPerson(name: leader.identity.certificate.commonName ?? "", title: leader.title, unit: "05290",
                                             roles: [.approver], certificates: [leader.identity.certificate.fingerprint])]
        registry.personalSignaturesRequiredFrom = now.addingTimeInterval(-3600)
        let verifier = BundleVerifier(trust: try TrustStore(anchors: [pki.root.certificate]), registry: registry, acceptance: nil,
                                      personTrust: try TrustStore(anchors: [pki.personRoot!.certificate]))
        let writer = BundleWriter(identity: pki.units["05290"]!.signing, person: leader.identity)
        let bundles = try (0..<count).map { index in
            try writer.write(kind: .report, sender: "05290", recipient: "17", parts: [BundleWriter.Part(path: "report.json", data: Self.report(seed: index))],
                             about: Self.about, at: now.addingTimeInterval(Double(index))).data
        }
        var rates: [Double] = []
        var rawRates: [Double] = []
        var valid = 0
        for round in Self.rounds(count) {
            let seconds = measure {
                for data in bundles[round] where verifier.verify(data, now: now.addingTimeInterval(Double(count) + 10)).bundle?.personalSignature != nil {
                    valid += 1
                }
            }
            rates.append(Double(round.count) / seconds)
            rawRates.append(Double(round.count) / (raw.run(round) + raw.run(round)))
        }
        guard valid == count else { throw BenchmarkFailure("only \(valid) of \(count) two-signer bundles verified with the leader's signature") }
        return BenchmarkRow(name: "\(label): verify two-signer bundle (leader + unit)", figure: median(rates), unit: "bundles/s",
                            reference: median(rawRates), referenceName: "two raw libcrypto verifies", goalRatio: 0.5)
    }

    /// Seven rounds over consecutive slices of `count` items.
    static func rounds(_ count: Int) -> [Range<Int>] {
        let size = max(1, count / 7)
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// A report of 200 values from `unit` (`report.json`, as the report lifecycle writes
    /// it), different for every seed: its revision and figures change with the seed.
    static func report(seed: Int, unit: UnitCode = "05290", attachments: [ReportDocument.Attachment] = []) -> Data {
        var values: [ValueKey: ReportValue] = [:]
        for index in 1...200 {
            let code = "CT" + String(repeating: "0", count: index < 10 ? 2 : index < 100 ? 1 : 0) + String(index)
            values[ValueKey(code)] = ReportValue(text: "\(seed * 1000 + index).\(index % 10)5")
        }
        let document = ReportDocument(regime: "KTXH-THANG", period: "2026-10", unit: unit, revision: seed + 1, form: "KTXH-THANG",
                                      formVersion: 1, releaseVersion: 1, values: values, narrative: "",
                                      sectionApprovals: [], approvedBy: "lanhdao", attachments: attachments)
        return try! document.encoded()
    }

    /// What a report bundle's manifest says about it.
    static let about = ["regime": "KTXH-THANG", "period": "2026-10"]
}

/// The raw rate: EVP_DigestVerify (SHA-256, fetched once as BaoCao does, and one signature check) over messages the
/// size of a manifest, with a key of the same type, each message distinct.
final class RawVerify {
    private let key: OpaquePointer
    private var messages: [Data] = []
    private var signatures: [[UInt8]] = []
    private let count: Int

    init(kind: PrivateKey.Kind, count: Int) throws {
        self.count = count
        let generated = kind == .ecP256 ? baocao_generate_ec_p256() : baocao_generate_rsa(kind == .rsa3072 ? 3072 : 2048)
        guard let generated else { throw BenchmarkFailure("keygen failed") }
        key = generated
        messages = (0..<count).map { index in
            Data("{\"formatVersion\":1,\"kind\":\"report\",\"parts\":[{\"path\":\"report.json\",\"sha256\":\"\(index)\"}],\"sender\":\"05290\"}".utf8)
                + Data(repeating: UInt8(index % 251), count: 200)
        }
        try signAll()
    }

    deinit { EVP_PKEY_free(key) }

    /// Signs every message, for ``run(_:)`` to verify.
    private func signAll() throws {
        var produced: [[UInt8]] = []
        for message in messages {
            guard let context = EVP_MD_CTX_new() else { throw BenchmarkFailure("ctx") }
            defer { EVP_MD_CTX_free(context) }
            var length = 0
            guard EVP_DigestSignInit(context, nil, SHA256Digest.algorithm, nil, key) == 1 else { throw BenchmarkFailure("sign init") }
            try message.withUnsafeBytes { raw in
                guard EVP_DigestSign(context, nil, &length, raw.bindMemory(to: UInt8.self).baseAddress, raw.count) == 1 else { throw BenchmarkFailure("sign size") }
                var signature = [UInt8](repeating: 0, count: length)
                guard EVP_DigestSign(context, &signature, &length, raw.bindMemory(to: UInt8.self).baseAddress, raw.count) == 1 else { throw BenchmarkFailure("sign") }
                produced.append(Array(signature.prefix(length)))
            }
        }
        signatures = produced
    }

    /// Verifies the (message, signature) pairs in `range`; returns the seconds taken.
    func run(_ range: Range<Int>) -> Double {
        var ok = 0
        let seconds = measure {
            for index in range {
                let (message, signature) = (messages[index], signatures[index])
                guard let context = EVP_MD_CTX_new() else { continue }
                defer { EVP_MD_CTX_free(context) }
                guard EVP_DigestVerifyInit(context, nil, SHA256Digest.algorithm, nil, key) == 1 else { continue }
                let result = message.withUnsafeBytes { raw in
                    EVP_DigestVerify(context, signature, signature.count, raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
                }
                if result == 1 { ok += 1 }
            }
        }
        precondition(ok == range.count, "raw verification failed")
        return seconds
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
