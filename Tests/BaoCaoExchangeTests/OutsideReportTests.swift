import BaoCaoBundle
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// Reports received outside the system during a failure (issue 21, item 8): seed 000 art.
/// 7.3 ("Trường hợp Hệ thống có sự cố kỹ thuật … việc gửi, nhận báo cáo được thực hiện bằng
/// hình thức văn bản điện tử thông qua Hệ thống quản lý văn bản và điều hành của tỉnh") and
/// seed 001 art. 10.2d. The district 148 records its commune 04801's report that came by the
/// e-office system: completeness and the consolidated figures include it, marked, until the
/// commune's own signed report is accepted.
@Suite("Reports received outside the system")
struct OutsideReportTests {
    static let period: Period = "2026-10"
    static func decimal(_ text: String) -> ExactDecimal { try! ExactDecimal(canonical: text) }
    static let officer = StaffMember(userId: 9, login: "tonghop", displayName: "Chị Tổng hợp", roles: [.aggregator])

    /// The commune's report as its leader signed it for the e-office system (PAdES, the unit's key).
    static func signedPDF(at now: Date) throws -> Data {
        let pki = try DevelopmentPKI.make(topology: ExchangeFixture.topology, unitCodes: ["17", "04801"], keyKind: .ecP256, now: now.addingTimeInterval(-86_400))
        let document = ReportPDFDocument(
            parentName: "HUYỆN LẠC SƠN", unitName: "XÃ MỘT", number: "12/BC-UBND", placeDate: "Xã Một, ngày 16 tháng 10 năm 2026",
            regimeName: "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG", periodLine: "Kỳ báo cáo: 2026-10 — lần 1", formTitle: "Biểu tháng",
            rows: [.figure(code: "NN02", name: "Diện tích lúa thu hoạch", unit: "ha", value: "1.245,5")],
            narrative: "Hệ thống báo cáo gặp sự cố, gửi qua hệ thống quản lý văn bản.", receiverName: "Ủy ban nhân dân huyện Lạc Sơn",
            signerTitle: "CHỦ TỊCH", signerName: "Trần Văn Thử", sealName: "Xã Một")
        return try SignedReportPDF.make(document, person: nil, unit: pki.units["04801"]!.signing, at: now)
    }

    /// The commune's deadline for the period, and a time before it.
    static func beforeDeadline(_ fixture: ExchangeFixture) throws -> Date {
        let regime = try #require(try fixture.store.catalog().regime(code: "KTXH-THANG"))
        let deadline = try #require(regime.deadline(for: period, senderKind: .commune, calendar: WorkingCalendar()))
        return deadline.dueInstant.addingTimeInterval(-86_400)
    }

    static func submission(document: Data, receivedAt: Date, figures: [(key: String, text: String)] = [("NN02", "1.245,5"), ("LD02", "830")])
        -> OutsideReportService.Submission {
        .init(regime: "KTXH-THANG", period: period, unit: "04801", document: document, documentName: "12-BC-UBND.pdf", documentNumber: "12/BC-UBND",
              receivedAt: receivedAt, reason: "Đường truyền của xã mất từ 14/10, hệ thống không gửi được", figures: figures)
    }

    /// Should take in a signed PDF from the e-office system with its signature verified,
    /// keep the figures typed as entered on the sender's behalf (who, when, from which
    /// document, in the audit log), and count it: completeness received, on time by when
    /// the document came, marked; the consolidated figures include it, marked (000 art. 7.3).
    @Test func aSignedPDFRecorded_countsInCompletenessAndTheConsolidation_marked() throws {
        let fixture = try ExchangeFixture(home: "148")
        let receivedAt = try Self.beforeDeadline(fixture)
        let now = receivedAt.addingTimeInterval(3600)
        let pdf = try Self.signedPDF(at: receivedAt.addingTimeInterval(-3600))
        let service = OutsideReportService(work: fixture.work)

        let before = try CompletenessService(store: fixture.store, home: "148").completeness(regime: "KTXH-THANG", period: Self.period, by: Self.officer, now: now)
        #expect(before.units.first?.received == false)

        let record = try service.record(Self.submission(document: pdf, receivedAt: receivedAt), by: Self.officer, at: now)
        #expect(record.contentType == "application/pdf")
        let signatures = try record.signatureChecks()
        #expect(signatures.count == 1 && signatures[0].signer == "Xã Một" && signatures[0].problem == nil, "\(signatures)")
        #expect(record.document == pdf, "the document kept as it came")
        #expect(record.enteredBy == "tonghop" && record.enteredAt == now)

        let completeness = try CompletenessService(store: fixture.store, home: "148").completeness(regime: "KTXH-THANG", period: Self.period,
                                                                                                  by: Self.officer, now: now)
        let unit = try #require(completeness.units.first { $0.unit.code == "04801" })
        #expect(unit.received && unit.accepted)
        #expect(unit.timeliness == .onTime, "judged by when the document came")
        #expect(unit.receivedOutside && unit.notes.contains("nhận ngoài hệ thống, số liệu nhập thay"), "\(unit.notes)")

        let view = try ConsolidationService(store: fixture.store, home: "148").view(regime: "KTXH-THANG", period: Self.period, by: Self.officer)
        #expect(view.rows.first { $0.key == ValueKey("NN02") }?.value == Self.decimal("1245.5"))
        #expect(view.contributors.map(\.unitCode) == ["04801"] && view.contributors.allSatisfy(\.isOutsideStandIn))

        let audit = try AuditLog.entries(in: fixture.store).first { $0.action == "inbox.recordOutside" }
        let detail = try #require(audit?.detail)
        #expect(audit?.actor == "tonghop")
        #expect(detail.contains("12/BC-UBND") && detail.contains("1 chữ ký số hợp lệ (Xã Một)") && detail.contains(record.sha256), "\(detail)")
    }

    /// Should supersede the typed figures with the unit's own signed report once it is
    /// accepted here — the record kept, marked superseded — while the unit stays on time by
    /// the document that came during the failure (001 art. 10.2d).
    @Test func theSignedReportAccepted_supersedesTheTypedFigures() throws {
        let fixture = try ExchangeFixture(home: "148")
        let receivedAt = try Self.beforeDeadline(fixture)
        let now = receivedAt.addingTimeInterval(3600)
        let service = OutsideReportService(work: fixture.work)
        let scan = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("ảnh quét".utf8)
        try service.record(Self.submission(document: scan, receivedAt: receivedAt, figures: [("NN02", "1.000")]), by: Self.officer, at: now)

        // The commune's signed revision 1 arrives weeks later, once the link is back, and is taken in as ingest does.
        let later = now.addingTimeInterval(30 * 86_400)
        let document = ReportDocument(regime: "KTXH-THANG", period: Self.period, unit: "04801", revision: 1, form: "KTXH", formVersion: 1,
                                      releaseVersion: 1, values: [ValueKey("NN02"): ReportValue(text: "1245.5")], narrative: "",
                                      sectionApprovals: [], approvedBy: "lanhdao")
        try fixture.store.writer.write { db in
            try NodeStore.recordReceivedReport(document, bundleId: String(repeating: "cd", count: 32), signedAt: now, receivedAt: later, in: db)
        }
        let consolidation = ConsolidationService(store: fixture.store, home: "148")
        // Received, not yet accepted: the typed figures still count.
        #expect(try consolidation.view(regime: "KTXH-THANG", period: Self.period, by: Self.officer)
            .rows.first { $0.key == ValueKey("NN02") }?.value == Self.decimal("1000"))

        // Accepted, as the inbox leaves it: the signed figures count, the record is marked superseded.
        try fixture.store.writer.write { db in
            try db.execute(sql: "UPDATE report SET state = 'accepted' WHERE unitCode = '04801' AND revision = 1")
        }
        let view = try consolidation.view(regime: "KTXH-THANG", period: Self.period, by: Self.officer)
        #expect(view.rows.first { $0.key == ValueKey("NN02") }?.value == Self.decimal("1245.5"))
        #expect(view.contributors.filter(\.isOutsideStandIn).isEmpty)
        let entries = try service.list(by: Self.officer)
        #expect(entries.count == 1 && entries[0].supersededBy?.revision == 1)

        let unit = try #require(try CompletenessService(store: fixture.store, home: "148")
            .completeness(regime: "KTXH-THANG", period: Self.period, by: Self.officer, now: later).units.first)
        #expect(unit.timeliness == .onTime, "on time by the document that came during the failure")
        #expect(unit.latestState == .accepted && unit.revisions == 2)
    }

    /// Should refuse, storing nothing, a signed PDF changed after signing, a file that is
    /// neither a PDF nor a scan, a unit that does not report here, a figure not on the form
    /// or computed, a number that does not read, and a clerk without the right to decide.
    @Test func badInput_isRefused_andNothingIsStored() throws {
        let fixture = try ExchangeFixture(home: "148")
        let receivedAt = try Self.beforeDeadline(fixture)
        let now = receivedAt.addingTimeInterval(3600)
        let service = OutsideReportService(work: fixture.work)
        var pdf = try Self.signedPDF(at: receivedAt.addingTimeInterval(-3600))
        let marker = try #require(pdf.range(of: Data("/Type".utf8)))
        pdf[marker.lowerBound + 1] = UInt8(ascii: "t")   // a byte changed inside the signed range

        func refusal(_ submission: OutsideReportService.Submission, by actor: StaffMember = Self.officer) -> String {
            do {
                try service.record(submission, by: actor, at: now)
                return "recorded"
            } catch let error as any CodedError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(Self.submission(document: pdf, receivedAt: receivedAt)).hasPrefix("Tệp 12-BC-UBND.pdf có chữ ký số không hợp lệ"))
        #expect(refusal(Self.submission(document: Data("NN02;1245,5".utf8), receivedAt: receivedAt))
                == "Tệp 12-BC-UBND.pdf không phải PDF hay ảnh quét (JPEG, PNG, TIFF).")
        let scan = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])
        var elsewhere = Self.submission(document: scan, receivedAt: receivedAt)
        elsewhere.unit = "148"
        #expect(refusal(elsewhere) == "Đơn vị 148 không gửi báo cáo KTXH-THANG cho đơn vị này.")
        #expect(refusal(Self.submission(document: scan, receivedAt: receivedAt, figures: [("XX99", "1")])) == "Chỉ tiêu XX99 không có trên biểu mẫu KTXH.")
        #expect(refusal(Self.submission(document: scan, receivedAt: receivedAt, figures: [("NN04", "5")]))
                == "Chỉ tiêu NN04 được tính theo công thức, không nhập tay.")
        #expect(refusal(Self.submission(document: scan, receivedAt: receivedAt, figures: [("NN02", "một nghìn")])).hasPrefix("Số liệu NN02 = \"một nghìn\" không phải số"))
        #expect(refusal(Self.submission(document: scan, receivedAt: now.addingTimeInterval(86_400))).contains("ở tương lai"))
        #expect(refusal(Self.submission(document: scan, receivedAt: receivedAt), by: fixture.clerk).contains("không có quyền ghi nhận báo cáo nhận ngoài hệ thống"))
        #expect(try service.list(by: Self.officer).isEmpty)
        #expect(try fixture.store.writer.read { try OutsideReportRecord.fetchCount($0) } == 0)
    }
}
