import Foundation
import Testing

/// `baocao catalog regimes`: the regimes of one province's rules from the sample catalog,
/// as the regime page shows them (issue 21, items 5 and 11).
@Suite("baocao catalog regimes")
struct CatalogRegimesCommandTests {
    /// 000 art. 5.1 a–g: every seed regime of Hòa Bình with the units the seed names and the
    /// note beside each assumed deadline; 000 art. 15.4: the usage report to the Sở Thông
    /// tin và Truyền thông on Quyết định 54/2021; nothing of Đắk Lắk's rules.
    @Test func hoaBinh_listsTheSeedsRegimes() throws {
        let result = try CommandRunner.run(["catalog", "regimes", "Config/catalog/kinh-te-xa-hoi.yaml", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv"])
        #expect(result.status == 0, "\(result.error)")
        let out = result.output
        for code in ["NHIEM-VU-QUY", "SANG-KIEN-NAM", "CAM-CAO-PHONG-6THANG", "GTNT-6THANG", "ATGT-QUY", "VU-DONG-XUAN", "VU-HE-THU", "DOI-NGOAI-6THANG"] {
            #expect(out.contains("\(code) — "), "\(code)")
        }
        #expect(out.contains("đơn vị báo cáo: Sở Kế hoạch và Đầu tư (17-SKHDT)"))
        #expect(out.contains("thời hạn (đơn vị khác): ngày 20 của tháng kết thúc kỳ chốt số liệu — Thời hạn giả định: Quyết định số 12/2019/QĐ-UBND"))
        #expect(out.contains("gửi đến: Sở Thông tin và Truyền thông (17-STTTT) — cơ quan chuyên trách công nghệ thông tin của tỉnh"))
        #expect(out.contains("căn cứ: Quyết định số 54/2021/QĐ-UBND ngày 16/9/2021 của UBND tỉnh Hòa Bình"))
        #expect(!out.contains("HT-SUDUNG-6THANG"))
    }

    /// After 2025 Phú Thọ's usage report goes to the Sở Khoa học và Công nghệ (the IT body's
    /// function moved there), and its basis says the province's text is not at hand.
    @Test func phuTho_usageReport_toTheSoKhoaHoc_basisNotAtHand() throws {
        let result = try CommandRunner.run(["catalog", "regimes", "Config/catalog/kinh-te-xa-hoi.yaml", "--topology", "Topology/phu-tho-2025-07-2-cap.csv", "--json"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains(#""code":"HT-SUDUNG-THANG-PT""#))
        #expect(result.output.contains(#""receiver":"Sở Khoa học và Công nghệ (25-SKHCN) — cơ quan chuyên trách công nghệ thông tin của tỉnh, quản lý Hệ thống""#))
        #expect(result.output.contains(#""legalBasis":"Chưa có trong tay văn bản của tỉnh"#))
        #expect(!result.output.contains("NHIEM-VU-QUY"), "Hòa Bình's own regimes are not Phú Thọ's")
    }
}
