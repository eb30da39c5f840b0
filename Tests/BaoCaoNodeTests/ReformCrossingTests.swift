import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import Testing
@testable import BaoCaoNode

/// A commune node of Hoà Bình (04792, Phường Tân Hòa, which continues under its own code)
/// crossing the 2025 reform through its real ingestion pipeline: it takes Hoà Bình's
/// closing release, then Phú Thọ's first release continuing it — the new map, the
/// succession, the former units' certificates revoked as of 1 July 2025 — and then what
/// former units send it is taken or refused as the acceptance table says.
@Suite("Crossing the reform at a node")
struct ReformCrossingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func text(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }

    static let hoaBinh = try! Topology(csv: text("Topology/hoa-binh-2025-03-3-cap.csv"), fileName: "hoa-binh")
    static let phuTho = try! Topology(csv: text("Topology/phu-tho-2025-07-2-cap.csv"), fileName: "phu-tho")
    static let succession = try! Succession(csv: text("Topology/phu-tho-2025-07-ke-thua.csv"), fileName: "ke-thua",
                                            effective: day("2025-07-01"), graceUntil: day("2025-09-30"), basis: "Nghị quyết 202/2025/QH15")

    static func day(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }
    /// A moment of a day in Vietnam.
    static func at(_ text: String, hour: Int = 10) -> Date { VietnamTime.startOfDay(day(text)).addingTimeInterval(TimeInterval(hour) * 3600) }

    static let pki = try! DevelopmentPKI.make(topology: hoaBinh, unitCodes: ["17", "148", "04792", "04813", "04825"], keyKind: .ecP256,
                                              now: at("2025-05-01"))
    /// Phú Thọ's publisher key, from the same root.
    static let province25: SigningIdentity = {
        let key = try! PrivateKey.generate(.ecP256)
        let certificate = try! CertificateAuthority.issue(for: key, subject: DistinguishedName(commonName: "Tỉnh Phú Thọ", unitCode: "25"),
                                                          profile: .signing, validity: DateInterval(start: at("2025-05-01"), duration: 730 * 86_400),
                                                          issuer: pki.root)
        return try! SigningIdentity(key: key, certificate: certificate)
    }()
    static var anchors: [String] { [String(decoding: pki.root.certificate.pem, as: UTF8.self)] }

    static func release17(version: Int, previous: AcceptedRelease?, successor: ReleaseSuccessor? = nil, at time: Date) throws -> (Data, AcceptedRelease) {
        var content = ReleaseContent(publisher: "17", version: version, previousHash: previous?.hash, publishedAt: time,
                                     expiresAt: time + 180 * 86_400, topology: hoaBinh.units, catalog: Catalog(),
                                     trust: TrustList(anchors: anchors, publishers: [pki.publisher], signers: pki.registry.signers))
        content.successor = successor
        let (_, data, release) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: time)
        return (data, release)
    }

    /// Phú Thọ's first release as `release publish --succession … --continues …` makes it:
    /// the new map, the succession, the former units' registrations kept and revoked as of
    /// the reform.
    static func release25(continuing closing: AcceptedRelease, at time: Date) throws -> Data {
        var signers = pki.registry.signers
        signers["25"] = [province25.certificate.fingerprint]
        let revoked = SuccessionRevocation.revocations(under: succession, newTopology: phuTho, registry: SignerRegistry(signers: signers))
        let content = ReleaseContent(
            publisher: "25", version: 1, previousHash: nil, publishedAt: time, expiresAt: time + 180 * 86_400, topology: phuTho.units,
            catalog: Catalog(), trust: TrustList(anchors: anchors, publishers: [province25.certificate.fingerprint], signers: signers),
            revoked: revoked, succession: succession,
            continues: [ReleaseLink(publisher: "17", version: closing.content.version, hash: closing.hash)])
        return try ReleasePublisher(identity: province25).publish(content, at: time).data
    }

    static func report(from unit: UnitCode, to recipient: UnitCode, period: Period, signedAt: Date) throws -> (id: String, data: Data) {
        let document = ReportDocument(regime: "R1", period: period, unit: unit, revision: 1, form: "F1", formVersion: 1,
                                      releaseVersion: nil, values: [ValueKey("NN01"): ReportValue(text: "12.5")], narrative: "",
                                      sectionApprovals: [], approvedBy: "lanhdao")
        return try BundleWriter(identity: pki.units[unit]!.signing).write(
            kind: .report, sender: unit, recipient: .unit(recipient), parts: [.init(path: ReportDocument.partPath, data: try document.encoded())],
            about: ["regime": "R1", "period": period.id, "unit": unit.rawValue, "revision": "1"], at: signedAt)
    }

    /// The node of 04792 on Hoà Bình's map, set up before any release.
    static func node() throws -> NodeRuntime {
        let store = try NodeStore.inMemory()
        try store.replaceTopology(hoaBinh)
        let files = BundleFiles(directory: FileManager.default.temporaryDirectory.appendingPathComponent("baocao-reform-\(UUID().uuidString)"))
        let bootstrap = NodeTrust.Bootstrap(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher])
        return NodeRuntime(store: store, files: files, home: "04792", bootstrap: bootstrap, clockTolerance: 86_400)
    }

    /// The node after taking 17 v1, 17's closing release and 25's first release.
    static func crossed() throws -> NodeRuntime {
        let node = try node()
        let (v1data, v1) = try release17(version: 1, previous: nil, at: at("2025-06-02"))
        #expect(try node.ingest(v1data, from: .parent, now: at("2025-06-02", hour: 11)) == .accepted)
        let (closingData, closing) = try release17(version: 2, previous: v1,
                                                   successor: ReleaseSuccessor(publisher: "25", publisherKeys: [province25.certificate.fingerprint]),
                                                   at: at("2025-06-25"))
        #expect(try node.ingest(closingData, from: .parent, now: at("2025-06-25", hour: 11)) == .accepted)
        #expect(try node.ingest(release25(continuing: closing, at: at("2025-07-01", hour: 8)), from: .parent, now: at("2025-07-01", hour: 9)) == .accepted)
        return node
    }

    func code(_ outcome: IngestOutcome) -> BundleError.Code? {
        if case .rejected(let error) = outcome { return error.code }
        return nil
    }

    /// Should take Hoà Bình's closing release and then Phú Thọ's first release, after which
    /// the node's map is Phú Thọ's (its parent the province, no district), the succession is
    /// recorded, Phú Thọ's chain is in force — and Hoà Bình's chain takes nothing more.
    @Test func communeNode_takesTheClosingRelease_thenTheSuccessorsFirst() throws {
        let node = try Self.node()
        let (v1data, v1) = try Self.release17(version: 1, previous: nil, at: Self.at("2025-06-02"))
        #expect(try node.ingest(v1data, from: .parent, now: Self.at("2025-06-02", hour: 11)) == .accepted)
        let (closingData, closing) = try Self.release17(
            version: 2, previous: v1, successor: ReleaseSuccessor(publisher: "25", publisherKeys: [Self.province25.certificate.fingerprint]),
            at: Self.at("2025-06-25"))
        #expect(try node.ingest(closingData, from: .parent, now: Self.at("2025-06-25", hour: 11)) == .accepted)
        // The district's own regime for its communes, in force until the district ends.
        let prefix = LocalNamespace.prefix(for: "148")
        let local = ReleaseContent(
            publisher: "148", version: 1, previousHash: nil, publishedAt: Self.at("2025-06-26"), expiresAt: Self.at("2025-12-26"),
            catalog: Catalog(
                indicators: [Indicator(code: prefix + "VS01", name: "Số hộ dùng nước sạch", unitOfMeasure: "hộ", valueType: .integer)],
                forms: [Form(code: prefix + "NS", title: "Biểu nước sạch", sections: [.init(code: "A", title: "A", rows: [prefix + "VS01"])])],
                regimes: [Regime(code: try RegimeCode(parsing: prefix + "NS-QUY"), name: "Báo cáo nước sạch", type: .thematic, frequency: .quarterly,
                                 deadlines: [DeadlineRule(senderKind: .commune, day: 20)], reporters: ReporterSelection(units: ["04792"]),
                                 receiver: "148", form: prefix + "NS")]))
        let localData = try ReleasePublisher(identity: Self.pki.units["148"]!.signing).publish(local, at: Self.at("2025-06-26")).data
        #expect(try node.ingest(localData, from: .parent, now: Self.at("2025-06-26", hour: 11)) == .accepted)
        #expect(try node.store.catalog().regimes.map(\.code.rawValue) == [prefix + "NS-QUY"])
        // Hoà Bình's chain ended: its next release is refused, naming the successor.
        let (afterData, _) = try Self.release17(version: 3, previous: closing, at: Self.at("2025-06-27"))
        guard case .rejected(let ended) = try node.ingest(afterData, from: .parent, now: Self.at("2025-06-28")) else {
            Issue.record("a release of the closed chain was taken"); return
        }
        #expect(ended.code == .releaseChainEnded)
        #expect(ended.message.contains("tỉnh 25"))
        #expect(try node.store.topology() == Self.hoaBinh, "nothing changed by the refused release")

        #expect(try node.ingest(Self.release25(continuing: closing, at: Self.at("2025-07-01", hour: 8)), from: .parent,
                                now: Self.at("2025-07-01", hour: 9)) == .accepted)
        #expect(try node.store.topology() == Self.phuTho)
        #expect(try node.store.topology().unit(code: "04792")?.parentCode == "25")
        #expect(try node.store.succession() == Self.succession)
        #expect(try node.store.catalog().regimes.isEmpty, "the retired district's own regime ended with it")
        #expect(try node.provinceRelease()?.content.publisher == "25")
        #expect(try ExpiredRelease.provinceRelease(in: node.store)?.content.publisher == "25")
        #expect(try node.ingestor().trust.endedProvinceReleases.map(\.hash) == [closing.hash])
        // Hoà Bình's chain takes nothing more — the province 17 itself is a former unit now,
        // its key revoked as of the reform — and its last release arriving again changes nothing.
        #expect(code(try node.ingest(afterData, from: .parent, now: Self.at("2025-07-02"))) != nil)
        guard case .rejected(let again) = try node.ingest(closingData, from: .parent, now: Self.at("2025-07-02")) else {
            Issue.record("the closed chain's release was taken again"); return
        }
        #expect(again.code.rawValue == "formerUnitReplaced")
        #expect(again.message.contains("đã nhập vào 25 (Tỉnh Phú Thọ) từ 01/07/2025"), "\(again.message)")
        #expect(try node.store.releaseHistory().map { "\($0.publisher)/\($0.version)" }.sorted() == ["148/1", "17/1", "17/2", "25/1"])
    }

    /// (c, d) Should take a merged commune's late report for May 2025 — signed after the
    /// reform by its certificate, which the succession revoked as of 1 July — into the
    /// successor's history under the former code, and pass it up to the province; and
    /// refuse the same after the grace date, naming it.
    @Test func lateReportOfAMergedCommune_joinsTheSuccessorsHistory_untilTheGraceDate() throws {
        let node = try Self.crossed()
        let former = Self.pki.units["04813"]!.signing.certificate.fingerprint
        let revocation = try #require(try node.registry().revocation(of: former), "the succession revoked 04813's certificate")
        #expect(revocation.revokedAt == Self.at("2025-07-01", hour: 0))
        #expect(revocation.reason == "sắp xếp đơn vị hành chính")

        let late = try Self.report(from: "04813", to: "04792", period: "2025-05", signedAt: Self.at("2025-08-10"))
        #expect(try node.ingest(late.data, from: .carrier, now: Self.at("2025-08-12")) == .accepted)
        let kept = try #require(try node.store.writer.read { db in try ReportRecord.filter(Column("bundleId") == late.id).fetchOne(db) })
        #expect(kept.unitCode == "04813")
        #expect(kept.state == .received)
        #expect(try node.store.pendingDeliveries(direction: .up).contains { $0.bundleId == late.id && $0.destination == "25" })

        let afterGrace = try Self.report(from: "04813", to: "04792", period: "2025-06", signedAt: Self.at("2025-10-01"))
        guard case .rejected(let refusal) = try node.ingest(afterGrace.data, from: .carrier, now: Self.at("2025-10-02")) else {
            Issue.record("a late report after the grace date was taken"); return
        }
        #expect(refusal.code.rawValue == "lateReportAfterGrace")
        #expect(refusal.message.contains("hết ngày 30/09/2025"))
        // Signed within the grace but arriving after it: refused too.
        let slow = try Self.report(from: "04813", to: "04792", period: "2025-04", signedAt: Self.at("2025-09-29"))
        #expect(code(try node.ingest(slow.data, from: .carrier, now: Self.at("2025-10-03")))?.rawValue == "lateReportAfterGrace")
        #expect(try node.store.writer.read { db in try ReportRecord.filter(Column("unitCode") == "04813").fetchCount(db) } == 1)
    }

    /// (a) Should refuse a merged commune's report for a period after the reform — to its
    /// old district or its successor — naming the successor and the code to use, though its
    /// revoked key would refuse it anyway; (b) and a bundle to the retired district saying
    /// where its duties went.
    @Test func formerUnitAfterTheReform_andTheRetiredDistrict_areRefusedWithTheReason() throws {
        let node = try Self.crossed()
        let august = try Self.report(from: "04813", to: "148", period: "2025-08", signedAt: Self.at("2025-09-05"))
        guard case .rejected(let refusal) = try node.ingest(august.data, from: .carrier, now: Self.at("2025-09-05", hour: 11)) else {
            Issue.record("a retired commune's report after the reform was taken"); return
        }
        #expect(refusal.code.rawValue == "formerUnitReplaced")
        #expect(refusal.message == "Đơn vị 04813 (Xã Yên Mông) đã nhập vào 04792 (Phường Tân Hòa) từ 01/07/2025; báo cáo kỳ 2025-08 phải gửi dưới mã 04792.")
        let toSuccessor = try Self.report(from: "04813", to: "04792", period: "2025-07", signedAt: Self.at("2025-08-05"))
        #expect(code(try node.ingest(toSuccessor.data, from: .carrier, now: Self.at("2025-08-05", hour: 11)))?.rawValue == "formerUnitReplaced")

        let toDistrict = try Self.report(from: "04792", to: "148", period: "2025-08", signedAt: Self.at("2025-09-05"))
        guard case .rejected(let retired) = try node.ingest(toDistrict.data, from: .thisNode, now: Self.at("2025-09-05", hour: 11)) else {
            Issue.record("a report to the retired district was taken"); return
        }
        #expect(retired.code.rawValue == "recipientRetired")
        #expect(retired.message.contains("148 (Thành phố Hòa Bình) đã kết thúc hoạt động từ 01/07/2025"))
        #expect(retired.message.contains("25 (Tỉnh Phú Thọ)"))
        #expect(try node.store.writer.read { db in try ReportRecord.fetchCount(db) } == 0)
    }

    /// Should take at the new province, from the successor's node, the late report it
    /// relays up — a retired unit stands below its successor — and from no other child.
    @Test func lateReport_travelsUpFromTheSuccessorToTheProvince() throws {
        let store = try NodeStore.inMemory()
        try store.replaceTopology(Self.phuTho)
        let files = BundleFiles(directory: FileManager.default.temporaryDirectory.appendingPathComponent("baocao-reform-\(UUID().uuidString)"))
        let province = NodeRuntime(store: store, files: files, home: "25", bootstrap: NodeTrust.Bootstrap(
            anchorsPEM: Self.pki.root.certificate.pem, pinnedPublishers: [Self.province25.certificate.fingerprint]), clockTolerance: 86_400)
        let (_, v1) = try Self.release17(version: 1, previous: nil, at: Self.at("2025-06-02"))
        let (_, closing) = try Self.release17(version: 2, previous: v1,
                                              successor: ReleaseSuccessor(publisher: "25", publisherKeys: [Self.province25.certificate.fingerprint]),
                                              at: Self.at("2025-06-25"))
        #expect(try province.ingest(Self.release25(continuing: closing, at: Self.at("2025-07-01", hour: 8)), from: .thisNode,
                                    now: Self.at("2025-07-01", hour: 9)) == .accepted)
        let late = try Self.report(from: "04813", to: "04792", period: "2025-05", signedAt: Self.at("2025-08-10"))
        #expect(code(try province.ingest(late.data, from: .child("04828"), now: Self.at("2025-08-12")))?.rawValue == "callerNotAllowed")
        #expect(try province.ingest(late.data, from: .child("04792"), now: Self.at("2025-08-12")) == .accepted)
        let kept = try #require(try store.writer.read { db in try ReportRecord.filter(Column("bundleId") == late.id).fetchOne(db) })
        #expect(kept.unitCode == "04813")
        #expect(try store.pendingDeliveries(direction: .up).isEmpty, "the archive ends at the province")
    }
}
