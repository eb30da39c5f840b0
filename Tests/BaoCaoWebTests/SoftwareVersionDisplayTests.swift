import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// The sync page says which version of the program runs and which update waits; an admin
/// also sees the version each unit below runs, the lagging ones marked.
@Suite("Software versions on the sync page")
struct SoftwareVersionDisplayTests {
    @Test func syncPage_showsTheVersionRunning_theUpdateWaiting_andTheUnitsBelowToAdmins() async throws {
        let fixture = try WebFixture(home: "148")
        let package = Data("gói".utf8)
        let content = UpdatePublisher.content(for: package, named: "baocao_9.0.0_amd64.deb", version: "9.0.0", architecture: "amd64",
                                              notes: "Sửa lỗi tổng hợp quý", publisher: "17", after: nil, at: Date())
        let bytes = try content.encoded()
        try await fixture.store.writer.write { db in
            try NodeStore.recordSoftwareUpdate(SoftwareUpdateRecord(
                contentHash: SHA256Digest.hex(of: bytes), publisher: "17", version: "9.0.0", previousHash: nil, publishedAt: Date(),
                receivedAt: Date(), bundleId: String(repeating: "ab", count: 32), content: bytes), in: db)
        }
        try fixture.store.recordUnitVersions([UnitVersionRecord(unitCode: "04801", version: "0.0.9", seenAt: Date(), reportedBy: "04801")])
        try await fixture.application().test(.router) { client in
            let admin = Browser(client)
            try await admin.signIn("quantri")
            let page = String(buffer: try await admin.get("/dong-bo").body)
            #expect(page.contains("<dd id=\"phien-ban\">\(BaoCaoVersion.current)</dd>"), "\(page)")
            #expect(page.contains("<dd id=\"cap-nhat-dang-cho\">9.0.0 (baocao_9.0.0_amd64.deb), nhận lúc"), "\(page)")
            #expect(page.contains("Ghi chú: Sửa lỗi tổng hợp quý"))
            #expect(page.contains("<td>Xã Một (04801)</td><td>0.0.9 — chậm cập nhật</td>"), "\(page)")

            let clerk = Browser(client)
            try await clerk.signIn("nhaplieu")
            let seen = String(buffer: try await clerk.get("/dong-bo").body)
            #expect(seen.contains("<dd id=\"phien-ban\">\(BaoCaoVersion.current)</dd>"))
            #expect(!seen.contains("Phiên bản phần mềm của các đơn vị cấp dưới"))
        }
    }
}
