import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// "Tải các gói tin chờ gửi" on the sync page: the bundles waiting to go up, as one ZIP to
/// copy to a USB stick; each export in the audit log.
@Suite("Web interface: exporting the pending bundles for a USB stick")
struct WebUSBExportTests {
    /// Should download a ZIP named after the unit and the day, holding the sent report's
    /// bundle, and record the export once; a data-entry clerk is refused and nothing recorded.
    @Test func export_byTheAggregator_downloadsThePendingBundles_andTheClerkIsRefused() async throws {
        let node = try SignedWebNode(people: WebPermissionMatrixTests.people)
        let id = try node.ownReport(.approved)
        try node.reports.send(report: id, by: node.admin.with(.aggregator), at: Date())
        let bundleId = try #require(try node.reports.details(report: id, by: node.admin).report.bundleId)
        let app = Application(router: LocalApplication.router(runtime: node.work.runtime, web: node.web))
        try await app.test(.router) { client in
            let clerk = Browser(client)
            try await clerk.signIn("dataEntry")
            try await clerk.get("/dong-bo")
            #expect(try await clerk.post("/dong-bo/xuat", []).status == .forbidden)
            #expect(clerk.lastPage.contains("dataEntry không có quyền xuất gói tin."), "\(clerk.lastPage)")

            let aggregator = Browser(client)
            try await aggregator.signIn("aggregator")
            try await aggregator.get("/dong-bo")
            let download = try await aggregator.post("/dong-bo/xuat", [])
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/zip")
            let day = VietnamTime.civilDate(at: Date())
            let name = String(format: "baocao-148-%04d%02d%02d.zip", day.year, day.month, day.day)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"\(name)\"")
            // The ZIP holds the signed bundle, byte for byte, and nothing else.
            let zip = try BundleArchive(reading: Data(download.body.readableBytesView))
            #expect(zip.entries.keys.sorted() == ["baocao-148/\(bundleId).bcb"])
            #expect(try zip.contents(of: "baocao-148/\(bundleId).bcb") == (try node.work.runtime.files.read(bundleId)))
        }
        let exports = try AuditLog.entries(in: node.store).filter { $0.action == AuditAction.bundlesExported.rawValue }
        #expect(exports.map(\.actor) == ["aggregator"] && exports.map(\.detail) == ["1 gói tin"])
    }
}
