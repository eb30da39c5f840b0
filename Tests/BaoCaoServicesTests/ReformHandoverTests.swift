import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// Nodes crossing the 2025 reform (``ReformService``): a merged commune's node hands its
/// signed history to its successor's node, a district's node retires handing its archive
/// to the province, a department's node continues under its new code — real node stores,
/// bundles signed and carried by USB through the import path.
@Suite("Reform: nodes crossing, history handed over", .serialized)
struct ReformHandoverTests {
    typealias Net = ReformNetwork

    /// Should hand the merged commune's signed report and its district's decision to the
    /// commune it went into, which holds them as they were signed — under the former code,
    /// accepted — and the same batch again changes nothing; before that, a batch with one
    /// forged original is refused whole, naming it, and nothing of it is stored. The retired
    /// node then refuses a new report naming its successor, and a second apply.
    @Test func mergedCommune_handsItsHistoryToItsSuccessor_once_andAForgedOriginalRefusesTheBatch() throws {
        let net = try Net()
        let sent = try net.acceptedReport(at: "05269")
        try net.reform()

        // A forged original: the report's file at the commune altered after it was signed.
        let files = net.work("05269").runtime.files
        let genuine = try files.read(sent.report)
        var forged = genuine
        let middle = forged.count / 2
        forged[middle] ^= 0x5A
        try files.write(forged, id: sent.report)
        let forgedBatches = try HistoryHandoverWriter(runtime: net.work("05269").runtime, identity: net.pki.units["05269"]!.signing)
            .batches(to: "05287", under: Net.succession, at: Date())
        let forgedFolder = net.folder("usb-forged")
        try FileManager.default.createDirectory(atPath: forgedFolder, withIntermediateDirectories: true)
        for batch in forgedBatches { try batch.data.write(to: URL(fileURLWithPath: forgedFolder).appendingPathComponent("\(batch.id).bcb")) }
        let refused = try net.importFolder(forgedFolder, at: "05287")
        guard case .rejected(let error)? = refused.first?.outcome else { throw TestFailure("forged batch not refused: \(refused.map(\.outcome))") }
        #expect(error.code == .handoverRefused)
        #expect(error.message.contains("Không nhận gói bàn giao dữ liệu lịch sử (cả lô, không lưu gì)"), "\(error.message)")
        #expect(error.message.contains(String(sent.report.prefix(12))), "\(error.message)")
        for id in forgedBatches.map(\.id) + [sent.report, sent.decision] { #expect(try !net.work("05287").store.holdsBundle(id: id)) }
        #expect(try net.revisions(of: "05269", at: "05287").isEmpty)
        try files.write(genuine, id: sent.report)

        // The genuine handover.
        let out = net.folder("usb-handover")
        let applied = try ReformService(work: net.work("05269")).apply(out: out, by: Net.admin, at: Date())
        #expect(applied.action.successor.code == "05287")
        #expect(applied.handover.count == 1 && applied.handover[0].originals == 2)
        let lines = try net.importFolder(out, at: "05287")
        #expect(lines.map(\.outcome) == [.accepted])
        let successor = net.work("05287")
        #expect(try successor.store.holdsBundle(id: sent.report) && successor.store.holdsBundle(id: sent.decision))
        // The original, re-verified from the successor's own copy: byte for byte the commune's signature.
        let kept = try successor.runtime.files.read(sent.report)
        #expect(kept == genuine)
        var verifier = try successor.runtime.ingestor().trust.verifier
        verifier.acceptance = nil
        let reverified = try #require(verifier.verify(kept, now: Date()).bundle)
        #expect(reverified.id == sent.report && reverified.manifest.sender == "05269" && reverified.signer.fingerprint == net.pki.units["05269"]!.signing.certificate.fingerprint)
        let rows = try net.revisions(of: "05269", at: "05287")
        #expect(rows.count == 1)
        #expect(rows.first?.state == .accepted && rows.first?.bundleId == sent.report && rows.first?.decisionBundleId == sent.decision)
        #expect(try successor.store.auditAnchors(of: "05269").count == 1)      // the commune's audit head, kept

        // The same batch again: a duplicate, nothing doubled.
        #expect(try net.importFolder(out, at: "05287").map(\.outcome) == [.duplicate])
        #expect(try net.revisions(of: "05269", at: "05287").count == 1)
        #expect(try successor.store.auditAnchors(of: "05269").count == 1)

        // The retired node keeps serving reads but takes no new report, naming its successor.
        let leader = Net.person("chutich", [.dataEntry, .approver])
        let refusal = #expect(throws: ServiceError.self) {
            try ReportService(work: net.work("05269")).create(regime: "R1", period: "2025-08", by: leader, at: Date())
        }
        #expect(refusal?.code == .illegalTransition)
        #expect(refusal?.message.contains("đã nhập vào Xã Quyết Thắng (mã 05287)") == true, "\(refusal?.message ?? "")")
        #expect(try ReportService(work: net.work("05269")).list(by: leader).count == 1)
        let twice = #expect(throws: ServiceError.self) {
            try ReformService(work: net.work("05269")).apply(out: net.folder("again"), by: Net.admin, at: Date())
        }
        #expect(twice?.message.contains("đã áp dụng phương án sắp xếp") == true, "\(twice?.message ?? "")")
    }

    /// Should let the district's node, whose level ended, hand its archive — its communes'
    /// reports and its own decisions — to the province's node, which then holds the
    /// commune's report under its former code as the district decided it; the district's
    /// node then refuses a new report naming the province.
    @Test func district_retires_handingItsArchiveToTheProvince() throws {
        let net = try Net()
        let sent = try net.acceptedReport(at: "05269")
        try net.reform()
        let out = net.folder("usb-archive")
        let applied = try ReformService(work: net.work("157")).apply(out: out, by: Net.admin, at: Date())
        #expect(applied.action == .retire(handsArchiveTo: Net.after.unit(code: "25")!))
        #expect(applied.handover.map(\.originals).reduce(0, +) == 2)
        #expect(try net.importFolder(out, at: "25").map(\.outcome) == [.accepted])
        let rows = try net.revisions(of: "05269", at: "25")
        #expect(rows.map(\.state) == [.accepted] && rows.first?.decisionBundleId == sent.decision)
        #expect(try net.work("25").store.auditAnchors(of: "157").count == 1)
        let refusal = #expect(throws: ServiceError.self) {
            try ReportService(work: net.work("157")).create(regime: "R1", period: "2025-08", by: Net.person("tonghop", [.aggregator]), at: Date())
        }
        #expect(refusal?.message.contains("bàn giao lưu trữ cho Tỉnh Phú Thọ (mã 25)") == true, "\(refusal?.message ?? "")")
    }

    /// Should refuse to apply at a node that has received no succession, and at one the
    /// succession does not name, changing nothing; and let a department continue under its
    /// new code (17-SNV → 25-SNV), its history kept, saying what the admin must still do.
    @Test func continuingDepartment_takesItsNewCode_andApplyRefusesWithoutASuccession() throws {
        let net = try Net()
        let early = #expect(throws: ServiceError.self) {
            try ReformService(work: net.work("17-SNV")).apply(out: nil, by: Net.admin, at: Date())
        }
        #expect(early?.message.contains("chưa nhận phương án sắp xếp đơn vị hành chính nào") == true, "\(early?.message ?? "")")
        #expect(try net.work("17-SNV").store.homeUnit() == "17-SNV")
        #expect(try NodeReformState.load(from: net.work("17-SNV").store) == nil)

        try net.reform()
        let unnamed = #expect(throws: ServiceError.self) {
            try ReformService(work: net.work("05287")).apply(out: nil, by: Net.admin, at: Date())
        }
        #expect(unnamed?.message.contains("không có tên trong phương án sắp xếp") == true, "\(unnamed?.message ?? "")")
        let clerk = #expect(throws: ServiceError.self) {
            try ReformService(work: net.work("17-SNV")).apply(out: nil, by: Net.person("nhaplieu", [.dataEntry]), at: Date())
        }
        #expect(clerk?.code == .forbidden)

        let applied = try ReformService(work: net.work("17-SNV")).apply(out: nil, by: Net.admin, at: Date())
        #expect(applied.newCode == "25-SNV")
        #expect(try net.work("17-SNV").store.homeUnit() == "25-SNV")
        #expect(applied.stillToDo.contains { $0.contains("chứng thư ký số cho mã mới 25-SNV") })
        #expect(applied.stillToDo.contains { $0.contains("cấp trên mới 25") })
        #expect(try NodeReformState.load(from: net.work("17-SNV").store)?.crossing == .continued)
        let audit = try AuditLog.entries(in: net.work("17-SNV").store)
        #expect(audit.contains { $0.action == AuditAction.reformApply.rawValue && $0.detail?.contains("tiếp tục là 25-SNV") == true })
    }
}
