import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoTesting
import Foundation
import GRDB
import Testing

/// Personnel records through a real network over mutual TLS (seed 003 art. 7.3, 10.2,
/// 12.4): a commune of one district sends its records for custody — its district and the
/// Sở Nội vụ read them, the province's node carries them unread — then transfers a person
/// to a commune of another district through that district as the receiving body, which
/// forwards them; receipts come back; the person then retires at the new commune.
@Suite("Personnel records across the network over TLS", .serialized)
struct PersonnelExchangeNetworkTests {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "17-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "17"),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "156", name: "Huyện Mai Châu", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05251", name: "Xã Mai Hạ", kind: .commune, parentCode: "156"),
    ])
    /// The sample catalog of `Config/catalog/nhan-su.yaml` for Hòa Bình (its Sở Nội vụ 17-SNV):
    /// every node checks each record that arrives against it.
    static let personnel = SampleCatalogs.personnel
    static let id = try! PersonnelID(parsing: "HS-00000000000000000a01")

    /// A synthetic person recruited at `unit` on 2 March 2020, approved.
    static func recruit(at unit: UnitCode, in net: LifecycleNetwork) throws {
        let recruited = PersonnelEvent(
            sequence: 1, effectiveOn: "2020-03-02", decision: DecisionReference(number: "12/QĐ-UBND", signedOn: "2020-02-20", issuer: "UBND xã", effectiveOn: "2020-03-02"),
            change: .recruited(Recruitment(unit: unit, kind: .civilServant, form: "thi-tuyen",
                                           pay: PayChange(rank: "01.003", step: 1, coefficient: try ExactDecimal(canonical: "2.34")))),
            recordedBy: unit, recordedByAccount: "nhaplieu",
            recordedAt: Date(), approval: PersonnelApproval(account: "lanhdao", name: "Lãnh đạo", approvedAt: Date()))
        let record = PersonnelRecord(id: id, identity: PersonIdentity(fullName: "Hà Thị Thử Nghiệm", birthDate: "1991-08-09", sex: .female,
                                                                      nationalIDNumber: "017191000123"), events: [recruited])
        try net.nodes[unit]!.work.store.writer.write { db in
            try NodeStore.storePersonnelRecord(record, holder: unit, holding: .kept, today: VietnamTime.civilDate(at: Date()), at: Date(), in: db)
        }
    }

    /// The province's statistics as the Sở Nội vụ computes them from the copies it holds
    /// (art. 7.3, 16): how many people, and how many women, on the rosters of `unit` on `day`.
    static func countedAtTheSoNoiVu(on day: CivilDate, unit: UnitCode? = nil, in net: LifecycleNetwork) throws -> (all: Int, women: Int, civilServants: Int) {
        let work = net.nodes["17-SNV"]!.work
        let service = PersonnelService(work: work, catalog: personnel)
        let aggregator = try (try? net.signIn("tonghop", at: "17-SNV")) ?? net.person("tonghop", at: "17-SNV", roles: [.aggregator])
        let table = try service.statistics(on: day, by: aggregator, at: Date())
        let number = { (code: String) in Int(table.values[code]?.description ?? "0") ?? -1 }
        return (number("NS.TONG"), number("NS.NU"), number("NS.CC.TONG"))
    }

    static func row(_ id: PersonnelID, at unit: UnitCode, in net: LifecycleNetwork) throws -> PersonnelRecordRow? {
        try net.nodes[unit]!.work.store.writer.read { db in try NodeStore.personnelRow(id: id, in: db) }
    }

    static func record(_ id: PersonnelID, at unit: UnitCode, in net: LifecycleNetwork) throws -> PersonnelRecord? {
        try net.nodes[unit]!.work.store.writer.read { db in try NodeStore.personnelRecord(id: id, in: db) }
    }

    static func transfers(at unit: UnitCode, in net: LifecycleNetwork) throws -> [PersonnelTransferRow] {
        try net.nodes[unit]!.work.store.writer.read { db in try NodeStore.personnelTransfers(in: db) }
    }

    /// The sealed part of a bundle a node holds.
    static func sealedPart(_ bundleId: String, at unit: UnitCode, in net: LifecycleNetwork) throws -> Data {
        try #require(try BundleArchive(reading: net.nodes[unit]!.work.runtime.files.read(bundleId)).contents(of: "dossier.p7m"))
    }

    /// The person retires at `unit` on `day`: the unit head approves what was pending, then the leaving.
    static func retire(at unit: UnitCode, on today: CivilDate, decision: DecisionReference, in net: LifecycleNetwork) throws {
        try net.nodes[unit]!.work.store.writer.write { db in
            var record = try #require(try NodeStore.personnelRecord(id: Self.id, in: db))
            for index in record.events.indices where record.events[index].approval == nil {
                record.events[index].approval = PersonnelApproval(account: "lanhdao", name: "Lãnh đạo", approvedAt: Date())
            }
            record.events.append(PersonnelEvent(sequence: 4, effectiveOn: today, decision: decision, change: .left(Leaving(reason: .retired)),
                                                recordedBy: unit, recordedByAccount: "nhaplieu", recordedAt: Date(),
                                                approval: PersonnelApproval(account: "lanhdao", name: "Lãnh đạo", approvedAt: Date())))
            try NodeStore.storePersonnelRecord(record, holder: unit, holding: .kept, today: today, at: Date(), in: db)
        }
    }

    /// `openssl cms -decrypt` with each reader's key and encryption certificate opens the
    /// sealed part to the dossier; with any other unit's key it fails.
    static func expectPlainOpenSSL(_ sealed: Data, opensWith readers: [UnitCode], failsWith others: [UnitCode], in net: LifecycleNetwork) throws {
        let folder = net.directory.appendingPathComponent("openssl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try sealed.write(to: folder.appendingPathComponent("dossier.p7m"))
        for unit in readers + others {
            let identity = net.pki.units[unit]!.encryption
            try identity.key.pem().write(to: folder.appendingPathComponent("\(unit).key"))
            try identity.certificate.pem.write(to: folder.appendingPathComponent("\(unit).pem"))
            let result = try MeasuredProcess.run(URL(fileURLWithPath: "/usr/bin/openssl"),
                                                 ["cms", "-decrypt", "-inform", "DER", "-in", "dossier.p7m", "-inkey", "\(unit).key",
                                                  "-recip", "\(unit).pem", "-out", "\(unit).json"], in: folder)
            if readers.contains(unit) {
                #expect(result.status == 0, "\(unit): \(result.error)")
                let opened = try PersonnelDossier(jsonData: try Data(contentsOf: folder.appendingPathComponent("\(unit).json")))
                #expect(opened.records.map(\.id) == [id], "\(unit)")
            } else {
                #expect(result.status != 0, "\(unit) opened what was not sealed to it")
            }
        }
    }

    /// Over HTTPS: each round a real sync of the unit with its parent.
    @Test func overHTTPS_custody_transferThroughTheReceivingBody_forwarded_acknowledged_retired() async throws {
        try await LifecycleNetwork.running(topology: Self.topology, personnel: Self.personnel) { net in
            try await Self.scenario(net) { unit in try await net.sync(unit) }
        }
    }

    /// Over USB: each round a stick carried from the unit to its parent and back.
    @Test func overUSB_custody_transferThroughTheReceivingBody_forwarded_acknowledged_retired() async throws {
        try await LifecycleNetwork.running(topology: Self.topology, personnel: Self.personnel) { net in
            try await Self.scenario(net) { unit in try net.carry(unit) }
        }
    }

    static func scenario(_ net: LifecycleNetwork, round: (UnitCode) async throws -> Void) async throws {
        do {
            let oldLeader = try net.person("lanhdao", at: "05290", roles: [.approver])
            try Self.recruit(at: "05290", in: net)

            // Custody: the commune's complete set, sealed to its district and the Sở Nội vụ.
            // What `baocao serve` does on its own after a kept record changes — once, not again while nothing changes.
            let custody = try #require(try PersonnelTransferService(work: net.nodes["05290"]!.work).sendCustodyIfChanged(at: Date()))
            #expect(try PersonnelTransferService(work: net.nodes["05290"]!.work).sendCustodyIfChanged(at: Date()) == nil)
            try await round("05290")
            #expect(try Self.row(Self.id, at: "157", in: net)?.holding == .copy)     // the managing district reads it on the way
            #expect(try Self.row(Self.id, at: "157", in: net)?.holderUnit == "05290")
            try await round("157")
            #expect(try net.nodes["17"]!.work.store.holdsBundle(id: custody))           // the province keeps it for its backup…
            #expect(try Self.row(Self.id, at: "17", in: net) == nil)                    // …unread
            let provinceKey = net.pki.units["17"]!.encryption
            let refusal = #expect(throws: BundleError.self) {
                try SealedEnvelope.open(try Self.sealedPart(custody, at: "17", in: net), with: provinceKey)
            }
            #expect(refusal?.code == .envelopeNotForThisUnit)
            try await round("17-SNV")
            #expect(try Self.record(Self.id, at: "17-SNV", in: net)?.identity.fullName == "Hà Thị Thử Nghiệm")
            #expect(try Self.row(Self.id, at: "17-SNV", in: net)?.holderUnit == "05290")
            // The province's statistics count her from the day she took up the post, not before.
            #expect(try Self.countedAtTheSoNoiVu(on: "2020-03-01", in: net) == (0, 0, 0))
            #expect(try Self.countedAtTheSoNoiVu(on: "2020-03-02", in: net) == (1, 1, 1))

            // Transfer to Xã Mai Hạ, received by Huyện Mai Châu, which forwards it.
            let today = VietnamTime.civilDate(at: Date())
            let decision = DecisionReference(number: "88/QĐ-UBND", signedOn: today, issuer: "UBND huyện Mai Châu", effectiveOn: today)
            let sent = try PersonnelTransferService(work: net.nodes["05290"]!.work)
                .transferOut(Self.id, to: TransferOut(receivingUnit: "156", employingUnit: "05251"), decision: decision, by: oldLeader, at: Date())
            #expect(try Self.row(Self.id, at: "05290", in: net)?.status == PersonnelStatus.transferred.rawValue)
            #expect(try Self.row(Self.id, at: "05290", in: net)?.holding == .kept)   // the old commune keeps it, marked transferred
            let outgoing = try #require(try Self.transfers(at: "05290", in: net).first)
            #expect(outgoing.direction == .sent && outgoing.bundleId == sent && outgoing.sentAt != nil)
            #expect(outgoing.dueOn == PersonnelDuty.sendTransfer.deadline(from: today, in: WorkingCalendar()).description)
            try await round("05290")
            try await round("157")
            let provinceRefusal = #expect(throws: BundleError.self) {
                try SealedEnvelope.open(try Self.sealedPart(sent, at: "17", in: net), with: provinceKey)
            }
            #expect(provinceRefusal?.code == .envelopeNotForThisUnit)
            try Self.expectPlainOpenSSL(try Self.sealedPart(sent, at: "17", in: net), opensWith: ["156", "05251", "17-SNV"],
                                        failsWith: ["17", "157", "05290"], in: net)
            // The old commune's custody set went with it: its district and the Sở Nội vụ see the person transferred.
            #expect(try Self.row(Self.id, at: "157", in: net)?.status == PersonnelStatus.transferred.rawValue)
            try await round("17-SNV")
            #expect(try Self.row(Self.id, at: "17-SNV", in: net)?.status == PersonnelStatus.transferred.rawValue)
            #expect(try Self.row(Self.id, at: "17", in: net) == nil)
            try await round("156")
            let waiting = try #require(try Self.transfers(at: "156", in: net).first)
            #expect(waiting.direction == .forwarding && waiting.forwardedAt == nil)
            #expect(waiting.dueOn == PersonnelDuty.forwardTransfer.deadline(from: today, in: WorkingCalendar()).description)
            #expect(try Self.row(Self.id, at: "156", in: net)?.holding == .copy)

            let receivingLeader = try net.person("lanhdao", at: "156", roles: [.approver])
            let forwarded = try PersonnelTransferService(work: net.nodes["156"]!.work).forward(sent, by: receivingLeader, at: Date())
            #expect(try Self.transfers(at: "156", in: net).first?.forwardBundleId == forwarded)
            try await round("05251")
            let arrived = try #require(try Self.record(Self.id, at: "05251", in: net))
            #expect(try Self.row(Self.id, at: "05251", in: net)?.holding == .kept)
            guard case .transferredIn(let from, _) = arrived.events.last?.change else { throw TestFailure("no arrival event") }
            #expect(from == "05290")
            #expect(arrived.events.last?.approval == nil)                           // pending the unit head's approval
            #expect(arrived.events.count == 3)                                     // the whole history came with it
            #expect(try Self.transfers(at: "05251", in: net).first?.direction == .received)

            // Receipts: the receiving body's for the transfer back to the old commune, the new commune's for the forward.
            try await round("05251")
            try await round("156")
            try await round("157")
            try await round("05290")
            #expect(try Self.transfers(at: "05290", in: net).first?.acknowledgedAt != nil)
            #expect(try Self.transfers(at: "156", in: net).first?.acknowledgedAt != nil)

            // The person retires at the new commune; its custody set replaces the old holder's copy at the Sở Nội vụ.
            try Self.retire(at: "05251", on: today, decision: decision, in: net)
            let newLeader = try net.person("lanhdao", at: "05251", roles: [.approver])
            try PersonnelTransferService(work: net.nodes["05251"]!.work).sendCustody(by: newLeader, at: Date())
            try await round("05251")
            try await round("156")
            try await round("17-SNV")
            #expect(try Self.row(Self.id, at: "17-SNV", in: net)?.holderUnit == "05251")
            #expect(try Self.row(Self.id, at: "17-SNV", in: net)?.status == PersonnelStatus.retired.rawValue)
            #expect(try Self.row(Self.id, at: "156", in: net)?.status == PersonnelStatus.retired.rawValue)   // its managing district
            // Counted once on every day of her service — at the old commune before the transfer,
            // at the new one after — and not from her retirement on.
            #expect(try Self.countedAtTheSoNoiVu(on: "2025-12-31", in: net) == (1, 1, 1))
            #expect(try Self.countedAtTheSoNoiVu(on: today, in: net) == (0, 0, 0))
        }
    }
}

/// What a stolen unit key, or a bundle altered on the way, can do with personnel records:
/// each refused on a USB import (the path that trusts its caller least) with the reason in
/// Vietnamese, and nothing stored — neither the bundle nor a record.
@Suite("Personnel bundles from a stolen key or altered on the way", .serialized)
struct PersonnelAdversaryTests {
    typealias Exchange = PersonnelExchangeNetworkTests

    /// A bundle signed with `signer`'s key (stolen), carrying `dossier` sealed to `readers`,
    /// its sealed bytes altered when `tamper`.
    static func forged(_ kind: BundleKind, by signer: UnitCode, to recipient: UnitCode, _ dossier: PersonnelDossier,
                       sealedTo readers: [UnitCode], tamper: Bool = false, in net: LifecycleNetwork) throws -> Data {
        var sealed = try SealedEnvelope.seal(try dossier.jsonData(), to: readers.map { net.pki.units[$0]!.encryption.certificate })
        if tamper { sealed[sealed.count - 40] ^= 0x01 }
        return try BundleWriter(identity: net.pki.units[signer]!.signing).write(
            kind: kind, sender: signer, recipient: .unit(recipient),
            parts: [BundleWriter.Part(path: "dossier.p7m", data: sealed, mediaType: "application/pkcs7-mime")], about: dossier.labels, at: Date()).data
    }

    static func leavingRecord() -> PersonnelRecord {
        let decision = DecisionReference(number: "88/QĐ-UBND", signedOn: "2026-09-01", issuer: "UBND huyện Mai Châu", effectiveOn: "2026-09-01")
        return PersonnelRecord(id: Exchange.id, identity: PersonIdentity(fullName: "Hà Thị Thử Nghiệm", birthDate: "1991-08-09", sex: .female), events: [
            PersonnelEvent(sequence: 1, effectiveOn: "2020-03-02", decision: nil, change: .recruited(Recruitment(unit: "05290", kind: .civilServant, form: "thi-tuyen")),
                           recordedBy: "05290", recordedByAccount: "nhaplieu", recordedAt: Date()),
            PersonnelEvent(sequence: 2, effectiveOn: decision.effectiveOn, decision: decision,
                           change: .transferredOut(TransferOut(receivingUnit: "156", employingUnit: "05251")),
                           recordedBy: "05290", recordedByAccount: "nhaplieu", recordedAt: Date()),
        ])
    }

    static var order: PersonnelTransferOrder {
        PersonnelTransferOrder(from: "05290", decision: leavingRecord().events[1].decision!, destination: TransferOut(receivingUnit: "156", employingUnit: "05251"))
    }

    /// Imports `data` at `unit` as from a USB stick; expects it refused with `words` in its
    /// reason and nothing of it stored there.
    static func expectRefused(_ data: Data, at unit: UnitCode, saying words: String, in net: LifecycleNetwork,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let work = net.nodes[unit]!.work
        let outcome = try work.runtime.ingest(data, from: .carrier, now: Date())
        guard case .rejected(let error) = outcome else {
            Issue.record("\(outcome) instead of a refusal", sourceLocation: sourceLocation)
            return
        }
        #expect(error.message.contains(words), "\(error.message)", sourceLocation: sourceLocation)
        #expect(!error.message.contains("Hà Thị"), sourceLocation: sourceLocation)   // never the person's data
        #expect(try work.store.writer.read { db in try NodeStore.personnelRow(id: Exchange.id, in: db) } == nil, sourceLocation: sourceLocation)
        #expect(try Exchange.transfers(at: unit, in: net).isEmpty, sourceLocation: sourceLocation)
        let bundles = try work.store.writer.read { db in
            try StoredBundle.filter([BundleKind.transfer.rawValue, BundleKind.recordsCustody.rawValue].contains(Column("kind"))).fetchCount(db)
        }
        #expect(bundles == 0, sourceLocation: sourceLocation)
    }

    @Test func alteredSealedForeignOrMisaddressed_areRefused_nothingStored() async throws {
        try await LifecycleNetwork.running(topology: Exchange.topology, personnel: Exchange.personnel) { net in
            let transfer = PersonnelDossier.transfer([Self.leavingRecord()], order: Self.order)
            let readers: [UnitCode] = ["156", "05251", "17-SNV"]
            // Altered after sealing (the commune's signature made over the altered bytes, as a stolen key would).
            try Self.expectRefused(try Self.forged(.transfer, by: "05290", to: "156", transfer, sealedTo: readers, tamper: true, in: net),
                                   at: "156", saying: "đã bị thay đổi", in: net)
            // Sealed for someone else: the employing commune only, sent to the receiving body.
            try Self.expectRefused(try Self.forged(.transfer, by: "05290", to: "156", transfer, sealedTo: ["05251"], in: net),
                                   at: "156", saying: "không được niêm phong cho đơn vị này", in: net)
            // A stolen key of another commune sends the transfer.
            try Self.expectRefused(try Self.forged(.transfer, by: "05251", to: "156", transfer, sealedTo: readers, in: net),
                                   at: "156", saying: "không phải đơn vị chuyển đi", in: net)
            // The old commune's key sends it straight to the employing commune, past the receiving body.
            try Self.expectRefused(try Self.forged(.transfer, by: "05290", to: "05251", transfer, sealedTo: readers, in: net),
                                   at: "05251", saying: "chuyển tới đơn vị 156", in: net)
            // A stolen commune key sends custody in another holder's name, to replace its copies.
            let custody = PersonnelDossier.custody([Self.leavingRecord()], holder: "05290", sequence: 99)
            try Self.expectRefused(try Self.forged(.recordsCustody, by: "05251", to: "17-SNV", custody, sealedTo: ["156", "17-SNV"], in: net),
                                   at: "17-SNV", saying: "hồ sơ lưu giữ của đơn vị 05290", in: net)
            // …or its own custody carrying a record it never kept.
            let stray = PersonnelDossier.custody([Self.leavingRecord()], holder: "05251", sequence: 1)
            try Self.expectRefused(try Self.forged(.recordsCustody, by: "05251", to: "17-SNV", stray, sealedTo: ["156", "17-SNV"], in: net),
                                   at: "17-SNV", saying: "chưa từng do đơn vị 05251 quản lý", in: net)
        }
    }

    /// A transfer to a unit that does not exist is refused before anything changes: the
    /// record stays as it was, nothing is queued.
    @Test func transferToAUnitThatDoesNotExist_changesNothing() async throws {
        try await LifecycleNetwork.running(topology: Exchange.topology, personnel: Exchange.personnel) { net in
            try Exchange.recruit(at: "05290", in: net)
            let leader = try net.person("lanhdao", at: "05290", roles: [.approver])
            let before = try Exchange.record(Exchange.id, at: "05290", in: net)
            let queued = try net.nodes["05290"]!.work.store.writer.read { db in try Delivery.fetchCount(db) }
            let decision = DecisionReference(number: "88/QĐ-UBND", signedOn: "2026-09-01", issuer: "UBND huyện", effectiveOn: "2026-09-01")
            let error = #expect(throws: ServiceError.self) {
                try PersonnelTransferService(work: net.nodes["05290"]!.work)
                    .transferOut(Exchange.id, to: TransferOut(receivingUnit: "99999", employingUnit: "99999"), decision: decision, by: leader, at: Date())
            }
            #expect(error?.message.contains("Không có đơn vị mã 99999") == true)
            #expect(try Exchange.record(Exchange.id, at: "05290", in: net) == before)
            #expect(try Exchange.transfers(at: "05290", in: net).isEmpty)
            #expect(try net.nodes["05290"]!.work.store.writer.read { db in try Delivery.fetchCount(db) } == queued)
        }
    }
}

extension LifecycleNetwork {
    /// One round by USB stick instead of HTTPS: what `unit` has for its parent, exported and
    /// imported there; then what the parent has for `unit`, exported and imported at `unit`.
    func carry(_ unit: UnitCode) throws {
        let parent = try #require(topology.unit(code: unit)?.parentCode)
        let up = directory.appendingPathComponent("usb-up-\(UUID().uuidString)").path
        _ = try TransferService(work: nodes[unit]!.work).export(to: up, by: .node, at: Date())
        _ = try TransferService(work: nodes[parent]!.work).importBundles(from: [up], by: .node, at: Date())
        let down = directory.appendingPathComponent("usb-down-\(UUID().uuidString)").path
        _ = try TransferService(work: nodes[parent]!.work).export(to: down, for: unit, by: .node, at: Date())
        _ = try TransferService(work: nodes[unit]!.work).importBundles(from: [down], by: .node, at: Date())
    }
}
