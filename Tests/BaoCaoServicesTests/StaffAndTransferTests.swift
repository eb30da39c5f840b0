import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

/// What the web interface asks of the services instead of the database: the people the
/// inbox may assign reports to, and the USB export a person downloads.
@Suite("Staff and hand-carried bundles", .serialized)
struct StaffAndTransferTests {
    @Test func assignableStaff_isActiveAccounts_andExportByPerson_isAudited() async throws {
        let net = try await LifecycleNetwork()
        do {
            try await run(net)
        } catch {
            await net.stop()
            throw error
        }
        await net.stop()
    }

    private func run(_ net: LifecycleNetwork) async throws {
        // Given, at the district, an aggregator, a viewer and a clerk whose account is locked.
        let aggregator = try net.person("tonghop", at: "157", roles: [.aggregator])
        let viewer = try net.person("xem", at: "157", roles: [.viewer])
        _ = try net.person("cu", at: "157", roles: [.dataEntry])
        try AccountService(store: net.nodes["157"]!.work.store, policy: net.policy).lock(login: "cu", by: try net.admin(at: "157"), at: Date())
        let inbox = InboxService(work: net.nodes["157"]!.work)

        // Then the inbox offers every account that is not locked, by login, to those who assign.
        let staff = try inbox.assignableStaff(by: aggregator)
        #expect(staff.map(\.login) == ["quantri", "tonghop", "xem"])
        #expect(staff.map(\.displayName) == ["Quản trị", "tonghop", "xem"])
        let byViewer = #expect(throws: ServiceError.self) { try inbox.assignableStaff(by: viewer) }
        #expect(byViewer?.code == .forbidden)
        #expect(byViewer?.message == "xem không có quyền phân công xử lý báo cáo (cần vai trò: tổng hợp, lãnh đạo).")

        // Given a commune report signed and queued for the district, not yet synced.
        let work = net.nodes["05266"]!.work
        let leader = try net.person("chutich", at: "05266", roles: [.dataEntry, .approver])
        let communeViewer = try net.person("xem", at: "05266", roles: [.viewer])
        let reports = ReportService(work: work)
        let id = try #require(try reports.create(regime: "R1", period: "2026-08", by: leader, at: Date()).id)
        try reports.setValues(report: id, [("NN01", "10"), ("TC01", "1")], by: leader, at: Date())
        for section in ["A", "B"] { try reports.approveSection(report: id, section: section, by: leader, at: Date()) }
        try reports.submit(report: id, by: leader, at: Date())
        let bundleId = try reports.approve(report: id, by: leader, at: Date())
        try reports.send(report: id, by: leader, at: Date())

        // When the leader downloads the waiting bundles, then the archive holds it and the
        // export is in the audit log under the leader's name; a viewer may not export.
        let transfer = TransferService(work: work)
        let exportByViewer = #expect(throws: ServiceError.self) { _ = try transfer.exportArchive(by: communeViewer, at: Date()) }
        #expect(exportByViewer?.code == .forbidden)
        #expect(exportByViewer?.message == "xem không có quyền xuất gói tin.")
        let exported = try transfer.exportArchive(by: leader, at: Date())
        #expect(exported.count == 1)
        // The ZIP holds the signed bundle, byte for byte, and nothing else.
        let zip = try BundleArchive(reading: exported.data)
        #expect(zip.entries.keys.sorted() == ["baocao-05266/\(bundleId).bcb"])
        #expect(try zip.contents(of: "baocao-05266/\(bundleId).bcb") == (try work.runtime.files.read(bundleId)))
        let last = try #require(try AuditLog.entries(in: work.store, limit: 1).first)
        #expect(last.action == AuditAction.bundlesExported.rawValue && last.actor == "chutich" && last.detail == "1 gói tin")
    }
}
