import Foundation
import Testing
@testable import BaoCaoCore

/// Who may send what after the reform, by the acceptance table with the succession in
/// force (Phú Thọ from 1 July 2025, the sample succession): a former unit's late report
/// to its successor within the grace, its history; everything else from or to a retired
/// unit refused saying what became of it.
@Suite("Acceptance after the reform")
struct SuccessionAcceptanceTests {
    static let sample = try! SuccessionTests.sample()
    static var succession: Succession { sample.0 }
    static var topology: Topology { sample.1 }
    static let table = AcceptanceTable(topology: topology, succession: succession)
    static let report = [DeclaredPart(path: "report.json", mediaType: "application/json", size: 2_000)]

    static func day(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static func exchange(_ kind: BundleKind = .report, from sender: UnitCode, to recipient: UnitCode, period: String? = nil,
                         arrivedOn: String = "2025-08-12", parts: [DeclaredPart] = report) -> BundleExchange {
        var about = ["regime": "KTXH-THANG"]
        if let period { about["period"] = period }
        return BundleExchange(kind: kind, sender: sender, recipient: .unit(recipient), about: about, parts: parts, arrivedOn: day(arrivedOn))
    }

    /// (a) Should refuse a merged commune's report for a period from the reform on, naming
    /// the unit it went into and the code to send under — to its old district or anyone.
    @Test func formerUnit_reportAfterTheReform_isRefused_namingItsSuccessor() {
        let refusal = Self.table.refusal(of: Self.exchange(from: "04813", to: "148", period: "2025-08"))
        #expect(refusal?.code == "formerUnitReplaced")
        #expect(refusal?.message == "Đơn vị 04813 (Xã Yên Mông) đã nhập vào 04792 (Phường Tân Hòa) từ 01/07/2025; báo cáo kỳ 2025-08 phải gửi dưới mã 04792.")
        #expect(Self.table.refusal(of: Self.exchange(from: "04813", to: "04792", period: "2025-07"))?.code == "formerUnitReplaced")
        // A district's level ended: it says where its duties went.
        let district = Self.table.refusal(of: Self.exchange(from: "148", to: "25", period: "2025-09"))
        #expect(district?.code == "formerUnitReplaced")
        #expect(district?.message.contains("đã kết thúc hoạt động từ 01/07/2025") == true)
        #expect(district?.message.contains("25 (Tỉnh Phú Thọ)") == true, "\(district?.message ?? "")")
        // Nor anything but reports and its history: a decision or a notice of the old district.
        #expect(Self.table.refusal(of: Self.exchange(.decision, from: "148", to: "04792", parts: []))?.code == "formerUnitReplaced")
    }

    /// (b) Should refuse a bundle addressed to a retired district or commune, saying when
    /// it ended and where its duties went — not merely "unknown recipient".
    @Test func bundleToARetiredUnit_isRefused_sayingWhereItsDutiesWent() {
        let refusal = Self.table.refusal(of: Self.exchange(from: "04792", to: "148", period: "2025-08"))
        #expect(refusal?.code == "recipientRetired")
        #expect(refusal?.message == "Không gửi được tới đơn vị đã thôi tồn tại: Đơn vị 148 (Thành phố Hòa Bình) đã kết thúc hoạt động từ 01/07/2025 "
            + "(sắp xếp đơn vị hành chính), nhiệm vụ và lưu trữ chuyển về 25 (Tỉnh Phú Thọ); hãy gửi tới 25 (Tỉnh Phú Thọ).")
        let commune = Self.table.refusal(of: Self.exchange(.notice, from: "25", to: "04813", parts: []))
        #expect(commune?.code == "recipientRetired")
        #expect(commune?.message.contains("đã nhập vào 04792 (Phường Tân Hòa)") == true)
        // A code no map ever had is still simply unknown.
        #expect(Self.table.refusal(of: Self.exchange(from: "04792", to: "99999", period: "2025-08"))?.code == "unknownRecipient")
    }

    /// (c) Should take a merged commune's late report for a period before the reform,
    /// addressed to its successor, until the grace date — and refuse it after, naming the
    /// date, or addressed elsewhere, naming the successor.
    @Test func lateReportOfAFormerUnit_isTakenUntilTheGraceDate() {
        #expect(Self.table.refusal(of: Self.exchange(from: "04813", to: "04792", period: "2025-05", arrivedOn: "2025-08-12")) == nil)
        #expect(Self.table.refusal(of: Self.exchange(from: "04813", to: "04792", period: "2025-06", arrivedOn: "2025-09-30")) == nil)
        #expect(Self.table.refusal(of: Self.exchange(from: "04813", to: "04792", period: "2025-Q2", arrivedOn: "2025-09-30")) == nil)
        let late = Self.table.refusal(of: Self.exchange(from: "04813", to: "04792", period: "2025-05", arrivedOn: "2025-10-01"))
        #expect(late?.code == "lateReportAfterGrace")
        #expect(late?.message == "Báo cáo kỳ 2025-05 của đơn vị cũ 04813 (Xã Yên Mông) đến ngày 01/10/2025, sau hạn nhận báo cáo muộn "
            + "của đơn vị cũ (hết ngày 30/09/2025); không nhận nữa.")
        let misaddressed = Self.table.refusal(of: Self.exchange(from: "04813", to: "148", period: "2025-05"))
        #expect(misaddressed?.code == "lateReportMisaddressed")
        #expect(misaddressed?.message.contains("phải gửi tới đơn vị kế thừa 04792 (Phường Tân Hòa)") == true)
        #expect(Self.table.refusal(of: Self.exchange(from: "04813", to: "25", period: "2025-05"))?.code == "lateReportMisaddressed")
        // A period straddling the reform is not before it.
        #expect(Self.table.refusal(of: Self.exchange(from: "04813", to: "04792", period: "2025"))?.code == "formerUnitReplaced")
        // A divided commune's late report goes to the piece that kept its seat.
        #expect(Self.table.refusal(of: Self.exchange(from: "04888", to: "04891", period: "2025-05")) == nil)
        // With no arrival day to judge by, no late report is taken.
        let undated = BundleExchange(kind: .report, sender: "04813", recipient: .unit("04792"), about: ["period": "2025-05"], parts: Self.report)
        #expect(Self.table.refusal(of: undated)?.code == "lateReportAfterGrace")
    }

    /// (e) Should take a former unit's history only to its successor, and from no unit of
    /// the new map.
    @Test func historyHandover_onlyFromAFormerUnitToItsSuccessor() {
        let handover = [DeclaredPart(path: HistoryHandover.partPath, mediaType: "application/json", size: 4_000)]
        #expect(Self.table.refusal(of: Self.exchange(.historyHandover, from: "04813", to: "04792", parts: handover)) == nil)
        #expect(Self.table.refusal(of: Self.exchange(.historyHandover, from: "148", to: "25", parts: handover)) == nil)
        #expect(Self.table.refusal(of: Self.exchange(.historyHandover, from: "04813", to: "25", parts: handover))?.code == "senderNotAllowed")
        #expect(Self.table.refusal(of: Self.exchange(.historyHandover, from: "04792", to: "25", parts: handover))?.code == "senderNotAllowed")
        // Before any succession is in force, no one may send it.
        let before = AcceptanceTable(topology: Self.topology)
        #expect(before.refusal(of: Self.exchange(.historyHandover, from: "04813", to: "04792", parts: handover))?.code == "unknownSender")
    }

    /// A retired unit stands below its successor: a late report it handed in climbs from
    /// the successor, and a child relaying it up is its own.
    @Test func retiredUnit_standsBelowItsSuccessor() {
        #expect(Self.table.lineage(of: "04813") == ["04792", "25"])
        #expect(Self.table.refusal(ofCaller: .child("04792"), sender: "04813", home: "25") == nil)
        #expect(Self.table.refusal(ofCaller: .child("04828"), sender: "04813", home: "25")?.code == "callerNotAllowed")
    }
}
