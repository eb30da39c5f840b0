import BaoCaoBundle
import BaoCaoCore
import Foundation

/// Real signed bundles for the seeds: a commune's reports (with and without an
/// attachment, one large enough to be deflated), its district's decision and notice, the
/// province's first release, and bundles the verifier refuses for a precise reason.
struct BundleSeeds {
    var bundles: [(String, Data)] = []
    var manifests: [(String, Data)] = []
    var documents: [(String, Data)] = []
    var trust: [(String, Data)] = []

    static func make() throws -> BundleSeeds {
        let topology = FuzzTrust.topology
        let pki = try DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: FuzzTrust.pkiTime)
        let time = FuzzTrust.signingTime
        var seeds = BundleSeeds()
        seeds.trust = [("root.pem", pki.root.certificate.pem), ("registry.json", try PKIFiles.encode(pki.registry)),
                       ("publishers.txt", Data((pki.publisher + "\n").utf8))]
        let commune = BundleWriter(identity: pki.units["05290"]!.signing)
        let district = BundleWriter(identity: pki.units["148"]!.signing)
        let about = ["regime": "KTXH-THANG", "period": "2026-10"]

        /// A bundle the receiving node accepts, or (`refused`) one it must refuse; either
        /// way its manifest is a well-formed one.
        func add(_ name: String, _ written: (id: String, data: Data), refused: Bool = false) throws {
            seeds.bundles.append(((refused ? "refused-" : "") + name + ".bcb", written.data))
            let archive = try BundleArchive(reading: written.data)
            seeds.manifests.append((name + ".json", try archive.contents(of: Manifest.fileName)!))
        }

        // A report, as the report lifecycle sends it up.
        let report = try FuzzSeedCatalog.report().encoded()
        seeds.documents.append(("report.json", report))
        let reportBundle = try commune.write(kind: .report, sender: "05290", recipient: "148",
                                             parts: [.init(path: ReportDocument.partPath, data: report)], about: about, at: time)
        try add("report", reportBundle)

        // A revision with an attached file.
        let attachment = Data("Biên bản họp thôn\nĐã thống nhất số liệu.\n".utf8)
        let attached = try FuzzSeedCatalog.report(revision: 2, attachments: [.init(
            name: "biên bản.txt", contentType: "text/plain", size: attachment.count, sha256: SHA256Digest.hex(of: attachment),
            part: ReportDocument.Attachment.part(1))]).encoded()
        seeds.documents.append(("report-attachment.json", attached))
        try add("report-attachment", try commune.write(kind: .report, sender: "05290", recipient: "148", parts: [
            .init(path: ReportDocument.partPath, data: attached),
            .init(path: ReportDocument.Attachment.part(1), data: attachment, mediaType: "text/plain"),
        ], about: about, at: time))

        // A large report, whose part is deflated in the container.
        var many: [ValueKey: ReportValue] = [:]
        for index in 1...1500 { many[ValueKey("NN02", dimension: "THON", member: "T\(index)")] = ReportValue(text: "\(index).5") }
        let large = try FuzzSeedCatalog.report(period: "2026-11", values: many).encoded()
        try add("report-large", try commune.write(kind: .report, sender: "05290", recipient: "148",
                                                  parts: [.init(path: ReportDocument.partPath, data: large)],
                                                  about: ["regime": "KTXH-THANG", "period": "2026-11"], at: time))

        // The district's decision and a reminder, sent down.
        let decision = try ReportDecision(regime: "KTXH-THANG", period: "2026-10", unit: "05290", revision: 1, reportBundle: reportBundle.id,
                                          outcome: .returned, reason: "Sản lượng lúa chưa khớp với diện tích.", decidedBy: "chuyenvien",
                                          decidedAt: time).encoded()
        seeds.documents.append(("decision.json", decision))
        try add("decision", try district.write(kind: .decision, sender: "148", recipient: "05290",
                                               parts: [.init(path: ReportDecision.partPath, data: decision)], about: about, at: time))
        let notice = try NoticeDocument(kind: .reminder, regime: "KTXH-THANG", period: "2026-10", text: "Đề nghị xã gửi báo cáo trước ngày 16.",
                                        sentBy: "148", sentAt: time).encoded()
        seeds.documents.append(("notice.json", notice))
        try add("notice", try district.write(kind: .notice, sender: "148", recipient: "05290",
                                             parts: [.init(path: NoticeDocument.partPath, data: notice)], at: time))

        // The province's first release: topology, catalog and trust list.
        let registry = pki.registry
        let content = ReleasePublisher.next(after: nil, publisher: "17", publishedAt: time, validForDays: 365) { content in
            content.topology = topology.units
            content.catalog = FuzzSeedCatalog.catalog
            content.trust = TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                                      signers: registry.signers, nodes: registry.nodes)
        }
        let release = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: time)
        try add("release", (release.id, release.data))

        // Refused: signed with the commune's node key (not registered for signing), and
        // signed a week after the receiving node's clock.
        try add("unregistered-signer", try BundleWriter(identity: pki.units["05290"]!.node).write(
            kind: .report, sender: "05290", recipient: "148", parts: [.init(path: ReportDocument.partPath, data: report)], about: about, at: time),
            refused: true)
        try add("future", try commune.write(kind: .report, sender: "05290", recipient: "148",
                                            parts: [.init(path: ReportDocument.partPath, data: report)], about: about,
                                            at: FuzzTrust.verificationTime.addingTimeInterval(7 * 86_400)),
                refused: true)
        return seeds
    }
}
