import BaoCaoCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

/// `/che-do`: the regimes of the province's rules as the sample catalog says them (issue
/// 21, items 5, 11 and 13), on a commune node of the sample Hòa Bình topology.
@Suite("Regime page")
struct WebRegimePageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func node(home: UnitCode, topology: String) throws -> WebFixture {
        try WebFixture(home: home, topology: try Topology(csv: text(topology), fileName: topology),
                       catalog: try YAMLDecoder().decode(Catalog.self, from: text("Config/catalog/kinh-te-xa-hoi.yaml")))
    }

    /// 000 art. 5.1 a–g: the seed's own regimes are there with the units it names, each
    /// deadline with the note that Quyết định 12/2019 is not at hand; 000 art. 15.4: the
    /// usage report goes to the Sở Thông tin và Truyền thông, found by its function, on
    /// Quyết định 54/2021; and each figure says how it accumulates.
    @Test func hoaBinh_showsTheSeedsRegimes_withTheirNotes_andTheUsageReceiver() async throws {
        let node = try Self.node(home: "05290", topology: "Topology/hoa-binh-2025-03-3-cap.csv")
        try await node.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            let response = try await browser.get("/che-do")
            #expect(response.status == .ok)
            let page = browser.lastPage
            for name in ["Báo cáo tình hình thực hiện nhiệm vụ của các ngành, địa phương", "Báo cáo kết quả hoạt động sáng kiến",
                         "chỉ dẫn địa lý Cao Phong", "cầu đường giao thông nông thôn", "trật tự, an toàn giao thông",
                         "vụ đông xuân", "vụ mùa hè thu", "Báo cáo hoạt động đối ngoại"] {
                #expect(page.contains(name), "\(name)")
            }
            #expect(page.contains("Ban Kiểm soát Chỉ dẫn địa lý Cao Phong (17-BKSCDDLCP)"))
            #expect(page.contains("Cục Thuế tỉnh Hòa Bình (17-CTHUE)"))
            #expect(page.contains("Chi cục Trồng trọt và Bảo vệ thực vật (17-CCTTBVTV)"))
            #expect(page.contains("Sở Giao thông Vận tải (17-SGTVT)"))
            #expect(page.contains(#"<span class="deadline-note">— Thời hạn giả định: Quyết định số 12"#))
            #expect(page.contains("Sở Thông tin và Truyền thông (17-STTTT) — cơ quan chuyên trách công nghệ thông tin của tỉnh"))
            #expect(page.contains("Quyết định số 54"))
            #expect(!page.contains("HT-SUDUNG-6THANG"), "Đắk Lắk's rules are not Hòa Bình's")
            #expect(page.contains("<td>NN08</td><td>Tổng đàn trâu</td><td>con</td><td>tại thời điểm (lũy kế là số của kỳ gần nhất)</td>"))
        }
    }

    /// 002 art. 17.3: on a Đắk Lắk node the usage report is six-monthly and yearly, to the
    /// office of the provincial People's Committee.
    @Test func dakLak_usageReport_goesToTheOffice() async throws {
        let topology = "66,Tỉnh Đắk Lắk,,province,\n66-VPUBND,Văn phòng Ủy ban nhân dân tỉnh,,department,66\n24133,Phường Buôn Ma Thuột,,commune,66\n"
        let node = try WebFixture(home: "24133", topology: try Topology(csv: "code,name,name_en,kind,parent\n" + topology, fileName: "dak-lak.csv"),
                                  catalog: try YAMLDecoder().decode(Catalog.self, from: Self.text("Config/catalog/kinh-te-xa-hoi.yaml")))
        try await node.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            #expect(try await browser.get("/che-do").status == .ok)
            let page = browser.lastPage
            #expect(page.contains("(HT-SUDUNG-6THANG)") && page.contains("(HT-SUDUNG-NAM)"))
            #expect(!page.contains("(HT-SUDUNG-THANG)"))
            #expect(page.contains("Văn phòng Ủy ban nhân dân tỉnh (66-VPUBND) — Văn phòng UBND tỉnh"))
            #expect(page.contains("Quyết định số 53"))
        }
    }
}
