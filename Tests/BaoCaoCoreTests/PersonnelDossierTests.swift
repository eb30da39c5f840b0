import BaoCaoCore
import Foundation
import Testing

/// The sealed content of transfer and custody bundles: written and read back exactly,
/// read strictly, and bound to the bundle that carries it, so a stolen commune key
/// cannot make a well-sealed dossier do more than that commune may.
@Suite("Personnel dossier")
struct PersonnelDossierTests {
    static let recordedAt = Date(timeIntervalSince1970: 1_790_000_000)
    static let decision = DecisionReference(number: "125/QĐ-UBND", signedOn: "2026-09-20", issuer: "UBND huyện Mai Châu", effectiveOn: "2026-10-01")
    /// Xã Nhân Nghĩa (05290, Lạc Sơn) to Xã Mai Hạ (05251), received by Huyện Mai Châu (156).
    static let destination = TransferOut(receivingUnit: "156", employingUnit: "05251")
    static let order = PersonnelTransferOrder(from: "05290", decision: decision, destination: destination)

    /// A synthetic person recruited at `unit`, and — `transferred` — leaving it for ``destination``.
    static func record(_ number: Int, at unit: UnitCode = "05290", transferred: Bool = true) -> PersonnelRecord {
        let id = try! PersonnelID(parsing: "HS-" + String(repeating: "0", count: 19) + String(number, radix: 16))
        var events = [PersonnelEvent(sequence: 1, effectiveOn: "2020-03-02", decision: nil,
                                     change: .recruited(Recruitment(unit: unit, kind: .civilServant, form: "thi-tuyen")),
                                     recordedBy: unit, recordedByAccount: "nhaplieu", recordedAt: recordedAt)]
        if transferred {
            events.append(PersonnelEvent(sequence: 2, effectiveOn: decision.effectiveOn, decision: decision, change: .transferredOut(destination),
                                         recordedBy: unit, recordedByAccount: "nhaplieu", recordedAt: recordedAt))
        }
        return PersonnelRecord(id: id, identity: PersonIdentity(fullName: "Đinh Thị Thử Nghiệm \(number)", birthDate: "1990-05-17", sex: .female,
                                                                nationalIDNumber: "0171900\(String(format: "%05d", number))"),
                               events: events)
    }

    static func scan(of record: PersonnelRecord, _ bytes: Data = Data("%PDF-1.7 quyết định".utf8)) -> PersonnelScan {
        PersonnelScan(record: record.id, name: "quyet-dinh-125.pdf", mediaType: "application/pdf", sha256: hex(bytes), bytes: bytes)
    }

    /// A stand-in digest for the tests of the domain (which has no cryptography): what
    /// matters here is that the dossier compares what it is given.
    static func hex(_ data: Data) -> String {
        var hash: [UInt8] = Array(repeating: 0, count: 32)
        for (index, byte) in data.enumerated() { hash[index % 32] = hash[index % 32] &* 31 &+ byte }
        return hash.map { String(format: "%02x", $0) }.joined()
    }

    static func json(_ dossier: PersonnelDossier) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: dossier.jsonData()) as! [String: Any]
    }

    static func data(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }

    /// Should read back exactly what was written: records with their history, scans, the order.
    @Test func transfer_roundTrips() throws {
        let record = Self.record(1)
        let dossier = PersonnelDossier.transfer([record, Self.record(2)], scans: [Self.scan(of: record)], order: Self.order)
        let read = try PersonnelDossier(jsonData: dossier.jsonData())
        #expect(read == dossier)
        #expect(read.records[0].events.count == 2)
        #expect(try read.jsonData() == dossier.jsonData())
        try read.checkScans(digest: Self.hex)
    }

    /// Should label the bundle with record numbers and counts only: no name, no identity number.
    @Test func labels_carryNoPersonalData() {
        let records = [Self.record(1), Self.record(2)]
        let transfer = PersonnelDossier.transfer(records, order: Self.order).labels
        #expect(transfer == ["dossier": "transfer", "recordCount": "2", "records": records.map(\.id.rawValue).joined(separator: ",")])
        let custody = PersonnelDossier.custody(records, holder: "05290", sequence: 7).labels
        #expect(custody == ["dossier": "custody", "recordCount": "2", "holder": "05290", "sequence": "7"])
        for value in Array(transfer.values) + Array(custody.values) {
            #expect(!value.contains("Đinh") && !value.contains("0171900"))
        }
    }

    /// Should refuse, naming what is wrong in Vietnamese, whatever does not read strictly.
    @Test func strictReading_refusesWhatIsNotADossier() throws {
        let record = Self.record(1)
        let transfer = try Self.json(.transfer([record], order: Self.order))
        let custody = try Self.json(.custody([Self.record(3, transferred: false)], holder: "05290", sequence: 1))
        var unknown = transfer; unknown["note"] = "x"
        var future = transfer; future["format"] = 2
        var incomplete = custody; incomplete["custody"] = ["holder": "05290", "sequence": 1, "complete": false]
        var sequenceZero = custody; sequenceZero["custody"] = ["holder": "05290", "sequence": 0, "complete": true]
        var both = transfer; both["custody"] = custody["custody"]
        var twice = transfer; twice["records"] = (transfer["records"] as! [Any]) + (transfer["records"] as! [Any])
        var empty = transfer; empty["records"] = [Any]()
        var noOrder = transfer; noOrder.removeValue(forKey: "transfer")
        var strayScan = transfer
        strayScan["scans"] = [try Self.json(.transfer([record], scans: [Self.scan(of: Self.record(9))], order: Self.order))["scans"] as! [Any]][0]
        let cases: [(String, Data, String)] = [
            ("unknown field", try Self.data(unknown), "trường lạ \"note\""),
            ("format", try Self.data(future), "phiên bản định dạng 2"),
            ("incomplete custody", try Self.data(incomplete), "complete: true"),
            ("sequence 0", try Self.data(sequenceZero), "số thứ tự"),
            ("both kinds", try Self.data(both), "không có phần lưu giữ"),
            ("a record twice", try Self.data(twice), "có hai lần"),
            ("no record", try Self.data(empty), "không có hồ sơ nào"),
            ("no order", try Self.data(noOrder), "quyết định chuyển"),
            ("scan of another record", try Self.data(strayScan), "không có trong gói"),
            ("not JSON", Data("PK\u{3}\u{4}".utf8), "không đọc được"),
        ]
        for (name, data, words) in cases {
            let error = #expect(throws: CoreError.self, "\(name)") { try PersonnelDossier(jsonData: data) }
            #expect(error?.code == .invalidPersonnelDossier, "\(name)")
            #expect(error?.message.contains(words) == true, "\(name): \(error?.message ?? "")")
            #expect(error?.message.contains("Đinh") == false, "\(name)")
        }
    }

    /// Should refuse a dossier over its limits before decoding what it holds.
    @Test func limits_areEnforced() throws {
        let records = (1...5).map { Self.record($0) }
        let data = try PersonnelDossier.transfer(records, scans: [Self.scan(of: records[0], Data(count: 2_000))], order: Self.order).jsonData()
        let cases: [(PersonnelDossierLimits, String)] = [
            (PersonnelDossierLimits(maximumRecords: 4), "5 hồ sơ, vượt giới hạn 4"),
            (PersonnelDossierLimits(maximumScans: 0), "1 tệp quét, vượt giới hạn 0"),
            (PersonnelDossierLimits(maximumScanBytes: 1_000), "vượt giới hạn 1000 byte"),
            (PersonnelDossierLimits(maximumSize: data.count - 1), "vượt giới hạn \(data.count - 1) byte"),
        ]
        for (limits, words) in cases {
            let error = #expect(throws: CoreError.self) { try PersonnelDossier(jsonData: data, limits: limits) }
            #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
        }
        #expect(try PersonnelDossier(jsonData: data).records.count == 5)
    }

    /// Should catch a scan altered before it was sealed.
    @Test func alteredScan_isRefused() throws {
        let record = Self.record(1)
        var scan = Self.scan(of: record)
        scan.bytes[0] ^= 1
        let dossier = try PersonnelDossier(jsonData: PersonnelDossier.transfer([record], scans: [scan], order: Self.order).jsonData())
        let error = #expect(throws: CoreError.self) { try dossier.checkScans(digest: Self.hex) }
        #expect(error?.message.contains("không khớp mã băm") == true)
    }

    /// Should take a transfer only from the unit the records leave to the receiving body,
    /// or forwarded by the receiving body to the employing unit; custody only from its
    /// holder, of records it kept. What a stolen key of another unit tries is refused.
    @Test func binding_toTheBundle_limitsAStolenKey() {
        let transfer = PersonnelDossier.transfer([Self.record(1)], order: Self.order)
        #expect(transfer.refusal(sender: "05290", recipient: "156") == nil)             // to the receiving body
        #expect(transfer.refusal(sender: "156", recipient: "05251") == nil)             // forwarded to the employing unit
        let refused: [(PersonnelDossier, UnitCode, UnitCode, String)] = [
            (transfer, "05290", "05251", "chuyển tới đơn vị 156"),                       // skips the receiving body
            (transfer, "05290", "05269", "chuyển tới đơn vị 156"),                       // to a unit it is not for
            (transfer, "05269", "156", "không phải đơn vị chuyển đi"),                   // a sibling's key
            (transfer, "156", "05269", "chuyển tới đơn vị 05251"),                       // forwarded elsewhere
            (.transfer([Self.record(2, transferred: false)], order: Self.order), "05290", "156", "không có quyết định chuyển"),
            (.transfer([Self.record(3, at: "05269")], order: Self.order), "05290", "156", "không có quyết định chuyển"),
            (.custody([Self.record(4, transferred: false)], holder: "05290", sequence: 1), "05269", "17-SNV", "hồ sơ lưu giữ của đơn vị 05290"),
            (.custody([Self.record(5, at: "05269", transferred: false)], holder: "05290", sequence: 1), "05290", "17-SNV", "chưa từng do đơn vị 05290"),
        ]
        for (dossier, sender, recipient, words) in refused {
            let refusal = dossier.refusal(sender: sender, recipient: recipient)
            #expect(refusal?.code == .personnelDossierMismatch, "\(sender)→\(recipient)")
            #expect(refusal?.message.contains(words) == true, "\(refusal?.message ?? "")")
        }
        let custody = PersonnelDossier.custody([Self.record(6), Self.record(7, transferred: false)], holder: "05290", sequence: 2)
        #expect(custody.refusal(sender: "05290", recipient: "17-SNV") == nil)
    }
}
