import BaoCaoCore
import Testing

/// The acceptance table, tested as a literal table: each line is one exchange — a kind,
/// from a sender, to a recipient, with labels and parts — and the rule it breaks (or
/// `nil` when the table allows it). Reading down the lines says who may send what.
@Suite("Acceptance table")
struct AcceptanceTableTests {
    /// Hòa Bình before the reform: two districts, three communes, and a department that
    /// receives one regime from every commune of the province.
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "17-SKHDT", name: "Sở Kế hoạch và Đầu tư", kind: .department, parentCode: "17"),
        ReportingUnit(code: "17-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "17"),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05269", name: "Xã Quý Hòa", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "156", name: "Huyện Mai Châu", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05251", name: "Xã Mai Hạ", kind: .commune, parentCode: "156"),
    ])
    static let catalog = Catalog(regimes: [
        Regime(code: "KTXH-THANG", name: "Kinh tế – xã hội tháng", type: .periodic, frequency: .monthly,
               deadlines: [DeadlineRule(senderKind: .commune, day: 16)], reporters: ReporterSelection(kinds: [.commune, .district]), form: "KTXH"),
        Regime(code: "DT-QUY", name: "Đầu tư quý", type: .periodic, frequency: .quarterly,
               deadlines: [DeadlineRule(senderKind: .commune, day: 10)], reporters: ReporterSelection(kinds: [.commune]),
               receiver: "17-SKHDT", form: "DT"),
    ])
    static let table = AcceptanceTable(topology: topology, catalog: catalog, personnelAuthority: "17-SNV")

    static func json(_ path: String, _ size: Int = 2_000) -> DeclaredPart { DeclaredPart(path: path, mediaType: "application/json", size: size) }
    static let report = [json("report.json")]
    static let decision = [json("decision.json")]
    static let receipt = [json("receipt.json")]
    static let release = [json("release.json")]
    static let notice = [json("notice.json")]
    static func sealed(_ size: Int = 40_000, path: String = "dossier.p7m", type: String = "application/pkcs7-mime") -> [DeclaredPart] {
        [DeclaredPart(path: path, mediaType: type, size: size)]
    }
    static func handover(originals: Int = 2, type: String = HistoryHandover.originalMediaType) -> [DeclaredPart] {
        [json(HistoryHandover.partPath)] + (0..<originals).map { DeclaredPart(path: HistoryHandover.path(ofOriginal: $0 + 1), mediaType: type, size: 9_000) }
    }
    static let monthly = ["regime": "KTXH-THANG"]
    static let quarterly = ["regime": "DT-QUY"]

    /// One exchange and the rule it breaks.
    struct Line: CustomTestStringConvertible, Sendable {
        let kind: BundleKind
        let sender: UnitCode
        let recipient: BundleRecipient
        let about: [String: String]
        let parts: [DeclaredPart]
        let broken: String?
        var testDescription: String { "\(kind) \(sender)→\(recipient) \(parts.map(\.path)) ⇒ \(broken ?? "allowed")" }

        init(_ kind: BundleKind, _ sender: UnitCode, _ recipient: String, _ about: [String: String] = [:], _ parts: [DeclaredPart], _ broken: String?) {
            self.kind = kind
            self.sender = sender
            self.recipient = try! BundleRecipient(parsing: recipient)
            self.about = about
            self.parts = parts
            self.broken = broken
        }
    }

    static let lines: [Line] = [
        // report: the unit itself, to a unit it reports to.
        Line(.report, "05290", "157", monthly, report, nil),
        Line(.report, "05290", "17", monthly, report, nil),
        Line(.report, "05290", "17-SKHDT", quarterly, report, nil),
        Line(.report, "157", "17", monthly, report, nil),
        Line(.report, "05290", "05269", monthly, report, "senderNotAllowed"),        // to a sibling
        Line(.report, "05290", "17-SKHDT", monthly, report, "senderNotAllowed"),     // the department does not receive this regime
        Line(.report, "157", "05290", monthly, report, "senderNotAllowed"),          // downwards
        Line(.report, "05290", "*", monthly, report, "recipientNotAllowed"),
        Line(.report, "05290", "99999", monthly, report, "unknownRecipient"),
        Line(.report, "88888", "157", monthly, report, "unknownSender"),
        Line(.report, "05290", "157", monthly, report + [DeclaredPart(path: "attachments/1", mediaType: "application/pdf", size: 900_000)], nil),
        Line(.report, "05290", "157", monthly, report + [DeclaredPart(path: "attachments/1", mediaType: "application/pdf", size: 11 << 20)], "partTooLarge"),
        Line(.report, "05290", "157", monthly, report + [DeclaredPart(path: "attachments/21", mediaType: "application/pdf", size: 10)], "partNotAllowed"),
        Line(.report, "05290", "157", monthly, report + [DeclaredPart(path: "attachments/1", mediaType: "Text/HTML;x", size: 10)], "mediaTypeNotAllowed"),
        Line(.report, "05290", "157", monthly, report + [json("junk.bin")], "partNotAllowed"),
        Line(.report, "05290", "157", monthly, [json("report.json", 9 << 20)], "partTooLarge"),
        Line(.report, "05290", "157", monthly, [], "partMissing"),
        Line(.report, "05290", "157", monthly, [DeclaredPart(path: "report.json", mediaType: "text/plain", size: 10)], "mediaTypeNotAllowed"),
        // decision: only the report's receiver, back to the reporter.
        Line(.decision, "157", "05290", monthly, decision, nil),
        Line(.decision, "17-SKHDT", "05290", quarterly, decision, nil),
        Line(.decision, "05269", "05290", monthly, decision, "senderNotAllowed"),    // a sibling commune
        Line(.decision, "156", "05290", monthly, decision, "senderNotAllowed"),      // another district
        Line(.decision, "17-SKHDT", "05290", monthly, decision, "senderNotAllowed"), // not this regime's receiver
        Line(.decision, "05290", "157", monthly, decision, "senderNotAllowed"),      // upwards
        Line(.decision, "157", "*", monthly, decision, "recipientNotAllowed"),
        Line(.decision, "157", "05290", monthly, decision + [json("junk.bin", 2 << 20)], "partNotAllowed"),
        Line(.decision, "157", "05290", monthly, [json("decision.json", 65 << 10)], "partTooLarge"),
        // receipt: only the unit a bundle was addressed to, back to its sender.
        Line(.receipt, "157", "05290", [:], receipt, nil),
        Line(.receipt, "17-SKHDT", "05290", [:], receipt, nil),
        Line(.receipt, "05269", "05290", [:], receipt, "senderNotAllowed"),
        Line(.receipt, "157", "05290", [:], [json("receipt.json", 17 << 10)], "partTooLarge"),
        // a transfer's receipt from any unit (the receiving body), custody's from the authority only.
        Line(.receipt, "156", "05290", ["acknowledgedKind": "transfer"], receipt, nil),
        Line(.receipt, "156", "05290", [:], receipt, "senderNotAllowed"),
        Line(.receipt, "17-SNV", "05290", ["acknowledgedKind": "recordsCustody"], receipt, nil),
        Line(.receipt, "156", "05290", ["acknowledgedKind": "recordsCustody"], receipt, "senderNotAllowed"),
        // release: only the province, to every unit, with release.json alone.
        Line(.release, "17", "*", [:], release, nil),
        Line(.release, "05290", "*", [:], release, "senderNotAllowed"),
        Line(.release, "157", "*", [:], release, "senderNotAllowed"),
        Line(.release, "17", "157", [:], release, "recipientNotAllowed"),
        Line(.release, "17", "*", [:], release + [DeclaredPart(path: "junk.bin", mediaType: "application/octet-stream", size: 2 << 20)], "partNotAllowed"),
        Line(.release, "17", "*", [:], [], "partMissing"),
        // local release: its publisher, to every unit.
        Line(.localRelease, "157", "*", [:], release, nil),
        Line(.localRelease, "157", "05290", [:], release, "recipientNotAllowed"),
        Line(.localRelease, "157", "*", [:], [json("release.json", 9 << 20)], "partTooLarge"),
        // notice: an ancestor, a regime's receiver to its reporters, and `*` from the province only.
        Line(.notice, "157", "05290", [:], notice, nil),
        Line(.notice, "17", "05290", [:], notice, nil),
        Line(.notice, "17", "*", [:], notice, nil),
        Line(.notice, "17-SKHDT", "05290", quarterly, notice, nil),
        Line(.notice, "17-SKHDT", "05290", [:], notice, "senderNotAllowed"),         // names no regime it receives
        Line(.notice, "05290", "*", [:], notice, "senderNotAllowed"),                // a commune to everyone
        Line(.notice, "157", "*", [:], notice, "senderNotAllowed"),                  // a district to everyone
        Line(.notice, "05290", "05269", [:], notice, "senderNotAllowed"),            // to a sibling
        Line(.notice, "05290", "157", [:], notice, "senderNotAllowed"),              // upwards
        Line(.notice, "157", "05290", [:], notice + [json("junk.bin", 2 << 20)], "partNotAllowed"),
        // transfer: any unit to another unit of the topology, one sealed dossier.
        Line(.transfer, "05290", "05251", [:], sealed(), nil),                        // a commune to a commune of another district
        Line(.transfer, "05290", "156", [:], sealed(), nil),                          // to the receiving body, which forwards
        Line(.transfer, "156", "05251", [:], sealed(), nil),                          // the receiving body forwards it
        Line(.transfer, "05290", "05290", [:], sealed(), "senderNotAllowed"),         // to itself
        Line(.transfer, "05290", "99999", [:], sealed(), "unknownRecipient"),         // a unit that does not exist
        Line(.transfer, "88888", "05251", [:], sealed(), "unknownSender"),
        Line(.transfer, "05290", "*", [:], sealed(), "recipientNotAllowed"),
        Line(.transfer, "05290", "05251", [:], [json("transfer.json")], "partNotAllowed"),       // records in clear
        Line(.transfer, "05290", "05251", [:], sealed(type: "application/json"), "mediaTypeNotAllowed"),
        Line(.transfer, "05290", "05251", [:], sealed(65 << 20), "partTooLarge"),
        Line(.transfer, "05290", "05251", [:], sealed() + sealed(path: "dossier2.p7m"), "partNotAllowed"),
        Line(.transfer, "05290", "05251", [:], [], "partMissing"),
        // custody: any unit to the personnel authority only, one sealed dossier.
        Line(.recordsCustody, "05290", "17-SNV", [:], sealed(), nil),
        Line(.recordsCustody, "157", "17-SNV", [:], sealed(), nil),
        Line(.recordsCustody, "05290", "157", [:], sealed(), "senderNotAllowed"),     // its district reads, but is not the authority
        Line(.recordsCustody, "05290", "17", [:], sealed(), "senderNotAllowed"),      // the province's node relays only
        Line(.recordsCustody, "17-SNV", "17-SNV", [:], sealed(), "senderNotAllowed"),
        Line(.recordsCustody, "05290", "17-SNV", [:], [json("custody.json")], "partNotAllowed"),
        Line(.recordsCustody, "05290", "17-SNV", [:], sealed(65 << 20), "partTooLarge"),
        // history handover: only under a succession in force (``historyHandover_goesFromAFormerUnitToItsSuccessorOnly``).
        Line(.historyHandover, "157", "17", [:], handover(), "senderNotAllowed"),
    ]

    /// Should allow exactly the exchanges the table lists, and refuse each other one with
    /// the rule it breaks, in Vietnamese.
    @Test(arguments: lines)
    func exchange(_ line: Line) {
        let refusal = Self.table.refusal(of: BundleExchange(kind: line.kind, sender: line.sender, recipient: line.recipient,
                                                            about: line.about, parts: line.parts))
        #expect(refusal?.code == line.broken)
        if let refusal {
            #expect(refusal.message.contains(line.kind.vietnameseName) || refusal.message.contains(line.sender.rawValue)
                    || refusal.message.contains("tệp") || refusal.message.contains("đơn vị"), "\(refusal.message)")
        }
    }

    /// Should refuse every custody bundle while the release in force names no personnel
    /// authority: there is then no one it may go to.
    @Test func custody_withoutAnAuthority_isRefused() {
        let table = AcceptanceTable(topology: Self.topology, catalog: Self.catalog)
        let refusal = table.refusal(of: BundleExchange(kind: .recordsCustody, sender: "05290", recipient: .unit("17-SNV"), parts: Self.sealed()))
        #expect(refusal?.code == "senderNotAllowed")
        #expect(refusal?.message.contains("Sở Nội vụ") == true)
    }

    /// Should take a history handover only from a unit of the old map the succession in force
    /// names, to its successor — a merged commune to the commune it went into, a district
    /// whose level ended to the province — with its `handover.json`, numbered originals and
    /// the unit's staff records sealed.
    @Test func historyHandover_goesFromAFormerUnitToItsSuccessorOnly() throws {
        let after = try Topology(units: [
            ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
            ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "25"),
            ReportingUnit(code: "05287", name: "Xã Quyết Thắng", kind: .commune, parentCode: "25"),
        ])
        let succession = Succession(
            effective: "2025-07-01", graceUntil: "2025-09-30", basis: "Nghị quyết thử",
            formerUnits: Array(Self.topology.units.filter { ["17", "157", "05290", "05269"].contains($0.code) }),
            links: [SuccessionLink(former: "17", successor: "25", share: .whole), SuccessionLink(former: "157", successor: "25", share: .archive),
                    SuccessionLink(former: "05290", successor: "05290", share: .whole), SuccessionLink(former: "05269", successor: "05287", share: .whole)])
        let table = AcceptanceTable(topology: after, catalog: Self.catalog, succession: succession)
        func code(_ sender: UnitCode, _ recipient: UnitCode, _ parts: [DeclaredPart] = Self.handover()) -> String? {
            table.refusal(of: BundleExchange(kind: .historyHandover, sender: sender, recipient: .unit(recipient), parts: parts))?.code
        }
        #expect(code("05269", "05287") == nil)                       // merged into 05287
        #expect(code("157", "25") == nil)                            // its level ended: the archive goes to the province
        #expect(code("17", "25") == nil)
        #expect(code("05269", "25") == "senderNotAllowed")           // not its successor
        #expect(code("05290", "05290") == "senderNotAllowed")        // continues under its own code: nothing to hand over
        #expect(code("05290", "05287") == "senderNotAllowed")        // a continuing unit hands nothing to another
        #expect(code("05251", "25") == "unknownSender")              // not named by the succession
        #expect(code("05269", "05287", Self.handover(originals: 0)) == nil)
        #expect(code("05269", "05287", [Self.json("report.json")]) == "partNotAllowed")
        // The unit's staff records, sealed as a transfer's (``ReformPersonnelMove``), may come along, within a transfer's limit.
        func staff(_ type: String = PartRule.sealedMediaType, size: Int = 1 << 20) -> DeclaredPart {
            DeclaredPart(path: HistoryHandover.personnelPath, mediaType: type, size: size)
        }
        #expect(code("05269", "05287", Self.handover() + [staff()]) == nil)
        #expect(code("05269", "05287", Self.handover(originals: 0) + [staff()]) == nil)
        #expect(code("05269", "05287", Self.handover() + [staff("application/json")]) == "mediaTypeNotAllowed")
        #expect(code("05269", "05287", Self.handover() + [staff(size: (64 << 20) + 1)]) == "partTooLarge")
        #expect(code("05269", "05287", Self.handover(type: "application/json")) == "mediaTypeNotAllowed")
        #expect(code("05269", "05287", Array(Self.handover().dropFirst())) == "partMissing")
        let refusal = try #require(table.refusal(of: BundleExchange(kind: .historyHandover, sender: "05269", recipient: .unit("25"), parts: Self.handover())))
        #expect(refusal.message.contains("đơn vị kế thừa"))
    }

    /// Should cover every kind BaoCao knows, once.
    @Test func everyKindHasOneRow() {
        #expect(AcceptanceTable.rows.map(\.kind.rawValue).sorted() == BundleKind.all.map(\.rawValue).sorted())
    }

    /// Should tie a bundle to the node that handed it over: a child only its own subtree's,
    /// a parent only what comes from outside this node's subtree, this node only its own.
    @Test func caller_isTiedToTheSender() {
        let table = Self.table
        #expect(table.refusal(ofCaller: .child("05290"), sender: "05290", home: "157") == nil)
        #expect(table.refusal(ofCaller: .child("157"), sender: "05290", home: "17") == nil)
        #expect(table.refusal(ofCaller: .child("05290"), sender: "17", home: "157")?.code == "callerNotAllowed")
        #expect(table.refusal(ofCaller: .child("05290"), sender: "05269", home: "157")?.code == "callerNotAllowed")
        #expect(table.refusal(ofCaller: .parent, sender: "17", home: "157") == nil)
        #expect(table.refusal(ofCaller: .parent, sender: "05251", home: "157") == nil)
        #expect(table.refusal(ofCaller: .parent, sender: "05290", home: "157")?.code == "callerNotAllowed")
        #expect(table.refusal(ofCaller: .parent, sender: "157", home: "157")?.code == "callerNotAllowed")
        #expect(table.refusal(ofCaller: .thisNode, sender: "157", home: "157") == nil)
        #expect(table.refusal(ofCaller: .thisNode, sender: "05290", home: "157")?.code == "callerNotAllowed")
        #expect(table.refusal(ofCaller: .carrier, sender: "05290", home: "17") == nil)
        let message = table.refusal(ofCaller: .child("05290"), sender: "17", home: "157")?.message
        #expect(message == "Nút của đơn vị 05290 không được chuyển lên gói tin do đơn vị 17 gửi: nút cấp dưới chỉ chuyển gói tin của chính nó hoặc của đơn vị thuộc nó.")
    }

    /// Should take a decision only from the unit the decided report was addressed to, back
    /// to the unit that sent it.
    @Test func decision_mustAnswerTheReportItNames() {
        let report = ReferencedBundle(id: "ab12", kind: .report, sender: "05290", recipient: .unit("157"))
        let fromDistrict = BundleExchange(kind: .decision, sender: "157", recipient: .unit("05290"), parts: Self.decision)
        #expect(Self.table.refusal(of: fromDistrict, referringTo: report) == nil)
        let forged = BundleExchange(kind: .decision, sender: "17", recipient: .unit("05290"), parts: Self.decision)
        #expect(Self.table.refusal(of: forged, referringTo: report)?.code == "referenceMismatch")
        let otherVictim = BundleExchange(kind: .decision, sender: "157", recipient: .unit("05269"), parts: Self.decision)
        #expect(Self.table.refusal(of: otherVictim, referringTo: report)?.code == "referenceMismatch")
        let notAReport = ReferencedBundle(id: "cd34", kind: .notice, sender: "05290", recipient: .unit("157"))
        #expect(Self.table.refusal(of: fromDistrict, referringTo: notAReport)?.code == "referenceMismatch")
        let receipt = BundleExchange(kind: .receipt, sender: "157", recipient: .unit("05290"), parts: Self.receipt)
        #expect(Self.table.refusal(of: receipt, referringTo: report) == nil)
    }

    /// Should say, in Vietnamese, which rule a refused sender broke.
    @Test func refusal_namesTheRule() {
        let refusal = Self.table.refusal(of: BundleExchange(kind: .decision, sender: "05269", recipient: .unit("05290"),
                                                            about: Self.monthly, parts: Self.decision))
        #expect(refusal?.message == "Đơn vị 05269 không được gửi quyết định tiếp nhận/trả lại tới đơn vị 05290: theo bảng tiếp nhận, "
                + "chỉ đơn vị đã nhận báo cáo mới được gửi quyết định về báo cáo đó.")
    }
}
