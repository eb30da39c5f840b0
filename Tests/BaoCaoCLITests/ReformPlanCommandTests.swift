import BaoCaoCore
import BaoCaoStore
import Foundation
import Testing

/// `baocao reform plan`: what each node does across the 2025 reform, in Vietnamese, from
/// the succession a province prepares (`--succession`, checked against `--new-topology`)
/// or the one the node took from a release; bad files refused naming the file and line.
@Suite("baocao reform plan")
struct ReformPlanCommandTests {
    static let succession = "Config/reform/phu-tho-2025-07.yaml"
    static let newMap = "Topology/phu-tho-2025-07-2-cap.csv"

    /// A Hòa Bình commune node (Nhân Nghĩa, 05290), initialized, with a catalog in which
    /// retail sales (TM01) follow the seat of a divided commune.
    static func communeNode() throws -> (SampleWorkspace, String) {
        let workspace = try SampleWorkspace()
        let catalog = workspace.path("Config/catalog/kinh-te-xa-hoi.yaml")
        let text = try String(contentsOfFile: catalog, encoding: .utf8)
        let marked = text.replacingOccurrences(of: "  - code: TM01\n", with: "  - code: TM01\n    carriesToDefaultPiece: true\n")
        #expect(marked != text)
        try marked.write(toFile: catalog, atomically: true, encoding: .utf8)
        let config = workspace.path("Config/xa-nhan-nghia.yaml")
        let initialized = try CommandRunner.run(["init", "--config", config])
        #expect(initialized.status == 0, "\(initialized.error)")
        return (workspace, config)
    }

    @Test func plan_forThisNode_fromAPreparedSuccession() throws {
        let (workspace, config) = try Self.communeNode()
        let result = try CommandRunner.run(["reform", "plan", "--config", config, "--succession", workspace.path(Self.succession),
                                            "--new-topology", workspace.path(Self.newMap)])
        #expect(result.status == 0, "\(result.error)")
        let out = result.output
        #expect(out.contains("Phương án sắp xếp đơn vị hành chính có hiệu lực từ ngày 01/07/2025 (tệp "), "\(out)")
        #expect(out.contains("Căn cứ: Nghị quyết số 202/2025/QH15"))
        #expect(out.contains("- Xã Nhân Nghĩa (05290): tiếp tục là Xã Nhân Nghĩa (05290), cấp xã, trực thuộc Tỉnh Phú Thọ (25); lịch sử của nút ở lại nút."), "\(out)")
        // Its merged neighbours are not nodes of this plan: it keeps its own history only.
        #expect(!out.contains("nhận lịch sử (báo cáo"))
        #expect(out.contains("Thu hồi chứng thư: không có (mọi nút đều giữ mã đơn vị)."))
        #expect(out.contains("Đơn vị mới cần đăng ký nút: không có"))
        #expect(out.contains("các nút trên không có đơn vị bị chia"))
    }

    /// The demo's nodes: the province merges into the new one, the district retires, merged
    /// communes hand their history over, a divided commune is not comparable everywhere.
    @Test func plan_forListedNodes_saysWhoContinuesMergesRetires() throws {
        let (workspace, config) = try Self.communeNode()
        let result = try CommandRunner.run(["reform", "plan", "--config", config, "--succession", workspace.path(Self.succession),
                                            "--new-topology", workspace.path(Self.newMap), "--nodes", "17,148,04792,04813,04825,04891"])
        #expect(result.status == 0, "\(result.error)")
        let out = result.output
        #expect(out.contains("- Tỉnh Hoà Bình (17): nhập vào Tỉnh Phú Thọ (25); chuyển lịch sử"), "\(out)")
        #expect(out.contains("- Thành phố Hòa Bình (148): cấp huyện kết thúc; bàn giao lưu trữ (báo cáo, quyết định đã ký, đầu chuỗi nhật ký, hồ sơ cán bộ) cho nút Tỉnh Phú Thọ (25), rồi ngừng hoạt động."), "\(out)")
        #expect(out.contains("- Xã Yên Mông (04813): nhập vào Phường Tân Hòa (04792); chuyển lịch sử (báo cáo, quyết định đã ký, đầu chuỗi nhật ký) cho nút 04792 dưới dạng gói, hồ sơ cán bộ chuyển niêm phong như điều chuyển, rồi ngừng hoạt động."), "\(out)")
        #expect(out.contains("- Phường Tân Hòa (04792): tiếp tục là Phường Tân Hòa (04792), cấp xã, trực thuộc Tỉnh Phú Thọ (25)"), "\(out)")
        #expect(out.contains("    nhận lịch sử (báo cáo, quyết định đã ký, đầu chuỗi nhật ký) và hồ sơ cán bộ của: Xã Yên Mông (04813), Xã Hòa Bình (04825)."), "\(out)")
        #expect(out.contains("- Xã Vầy Nưa (04891): tiếp tục là Xã Tiền Phong (04891)"), "\(out)")
        #expect(out.contains("Đơn vị mới cần đăng ký nút (cấp chứng thư, cài đặt nút) trước khi nhận bàn giao: Tỉnh Phú Thọ (25)."), "\(out)")
        #expect(out.contains("Thu hồi chứng thư từ ngày 01/07/2025 của: Tỉnh Hoà Bình (17), Thành phố Hòa Bình (148), Xã Yên Mông (04813), Xã Hòa Bình (04825)."), "\(out)")
        #expect(out.contains("vẫn được nhận đến hết ngày 30/09/2025"), "\(out)")
        // What cannot be compared: the divided commune, its pieces, the catalog's rule.
        #expect(out.contains("- Xã Vầy Nưa (04891): phần giữ trụ sở Xã Tiền Phong (04891); các phần khác Phường Thống Nhất (04828)."), "\(out)")
        let seat = try #require(out.split(separator: "\n").first { $0.hasPrefix("Chỉ tiêu theo trụ sở") })
        #expect(seat.contains("TM01 Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"), "\(seat)")
        let marked = try #require(out.split(separator: "\n").first { $0.hasPrefix("Chỉ tiêu đánh dấu không so sánh được") })
        #expect(marked.contains("DS01") && !marked.contains("TM01,"), "\(marked)")
    }

    /// A node that took the succession from the province's release plans from it, on the
    /// new map it took with it; one that took none is told how to give one.
    @Test func plan_fromTheSuccessionTheNodeTook() throws {
        let (workspace, config) = try Self.communeNode()
        let none = try CommandRunner.run(["reform", "plan", "--config", config])
        #expect(none.status == 1)
        #expect(none.error.hasPrefix("Lỗi: Nút chưa nhận phương án sắp xếp nào trong bản phát hành của tỉnh."), "\(none.error)")

        let table = try String(contentsOfFile: workspace.path("Topology/phu-tho-2025-07-ke-thua.csv"), encoding: .utf8)
        let succession = try Succession(csv: table, fileName: "ke-thua", effective: CivilDate(stringLiteral: "2025-07-01"),
                                        graceUntil: CivilDate(stringLiteral: "2025-10-15"), basis: "Nghị quyết thử")
        let newMap = try Topology(csv: String(contentsOfFile: workspace.path(Self.newMap), encoding: .utf8), fileName: "phu-tho")
        let store = try NodeStore.open(at: workspace.path(".baocao-data/05290/baocao.sqlite"))
        try store.recordSuccession(succession, releaseHash: "thu", at: Date())
        try store.replaceTopology(newMap)
        try store.close()

        let result = try CommandRunner.run(["reform", "plan", "--config", config, "--nodes", "05275,05290"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("(bản phát hành của tỉnh nút đã nhận)"), "\(result.output)")
        #expect(result.output.contains("- Xã Mỹ Thành (05275): nhập vào Xã Nhân Nghĩa (05290)"), "\(result.output)")
        #expect(result.output.contains("nhận lịch sử (báo cáo, quyết định đã ký, đầu chuỗi nhật ký) và hồ sơ cán bộ của: Xã Mỹ Thành (05275)."))
        #expect(result.output.contains("vẫn được nhận đến hết ngày 15/10/2025"), "\(result.output)")
    }

    /// Each bad table is refused with the file, the line and the reason, and exit code 1.
    @Test func badSuccessionFiles_nameFileLineAndReason() throws {
        let (workspace, config) = try Self.communeNode()
        let table = try String(contentsOfFile: workspace.path("Topology/phu-tho-2025-07-ke-thua.csv"), encoding: .utf8)
        func run(_ name: String, _ edited: String) throws -> CommandRunner.Result {
            #expect(edited != table, "\(name): the edit did not apply")
            try workspace.write(edited, to: "Topology/\(name).csv")
            try workspace.write("effective: 2025-07-01\ngraceUntil: 2025-09-30\nbasis: Nghị quyết thử\ntable: ../../Topology/\(name).csv\n",
                                to: "Config/reform/\(name).yaml")
            return try CommandRunner.run(["reform", "plan", "--config", config, "--succession", workspace.path("Config/reform/\(name).yaml"),
                                          "--new-topology", workspace.path(Self.newMap)])
        }
        let cases: [(String, String, String)] = [
            ("khong-ro", table.replacingOccurrences(of: "04813,Xã Yên Mông,commune,148,04792,whole,", with: "04813,Xã Yên Mông,commune,148,04999,whole,"),
             "khong-ro.csv, dòng 35: đơn vị kế thừa 04999 (của 04813) không có trong danh sách đơn vị mới."),
            ("khong-ke-thua", table.replacingOccurrences(of: "04813,Xã Yên Mông,commune,148,04792,whole,", with: "04813,Xã Yên Mông,commune,148,,,"),
             "khong-ke-thua.csv, dòng 35: đơn vị cũ 04813 (Xã Yên Mông) không có đơn vị kế thừa."),
            ("vong", table.replacingOccurrences(of: "04792,Phường Tân Hòa,commune,148,04792,whole,", with: "04792,Phường Tân Hòa,commune,148,04891,whole,")
                .replacingOccurrences(of: "04891,Xã Vầy Nưa,commune,150,04828,part,\n04891,Xã Vầy Nưa,commune,150,04891,part,default",
                                      with: "04891,Xã Vầy Nưa,commune,150,04792,whole,"),
             "vong.csv, dòng 29: phương án tạo thành vòng: 04792 → 04891 → 04792."),
            ("hai-tru-so", table.replacingOccurrences(of: "04891,Xã Vầy Nưa,commune,150,04828,part,\n", with: "04891,Xã Vầy Nưa,commune,150,04828,part,default\n"),
             "hai-tru-so.csv, dòng 63: đơn vị cũ 04891 (Xã Vầy Nưa) được chia cho 2 đơn vị nhưng có 2 phần giữ trụ sở (cần đúng 1)."),
            ("hong", table.replacingOccurrences(of: "04813,Xã Yên Mông,commune,148,04792,whole,", with: "04813,Xã Yên Mông,commune,148,04792"),
             "hong.csv, dòng 35: có 5 cột, dòng tiêu đề có 7 cột."),
        ]
        for (name, edited, reason) in cases {
            let result = try run(name, edited)
            #expect(result.status == 1, "\(name): \(result.output)")
            #expect(result.error.hasPrefix("Lỗi: Phương án sắp xếp đơn vị không hợp lệ: "), "\(name): \(result.error)")
            #expect(result.error.contains("Topology/\(reason)"), "\(name): \(result.error)")
            #expect(result.output.isEmpty, "\(name)")
        }

        // The grace date before the reform is the YAML file's problem.
        try workspace.write("effective: 2025-07-01\ngraceUntil: 2025-06-30\nbasis: Nghị quyết thử\ntable: ../../Topology/phu-tho-2025-07-ke-thua.csv\n",
                            to: "Config/reform/han-som.yaml")
        let early = try CommandRunner.run(["reform", "plan", "--config", config, "--succession", workspace.path("Config/reform/han-som.yaml"),
                                           "--new-topology", workspace.path(Self.newMap)])
        #expect(early.status == 1)
        #expect(early.error.contains("han-som.yaml: hạn nhận báo cáo muộn của đơn vị cũ (30/06/2025) trước ngày sắp xếp có hiệu lực (01/07/2025)."), "\(early.error)")
    }

    @Test func badCommandLines_areRefusedBeforeAnythingIsOpened() throws {
        let (workspace, config) = try Self.communeNode()
        let noMap = try CommandRunner.run(["reform", "plan", "--config", config, "--succession", workspace.path(Self.succession)])
        #expect(noMap.status == 1)
        #expect(noMap.error.hasPrefix("Lỗi: Cần cả --new-topology"), "\(noMap.error)")
        let badCode = try CommandRunner.run(["reform", "plan", "--config", config, "--succession", workspace.path(Self.succession),
                                             "--new-topology", workspace.path(Self.newMap), "--nodes", "17,1x!"])
        #expect(badCode.status == 1)
        #expect(badCode.error.hasPrefix("Lỗi: ") && badCode.error.contains("1x!"), "\(badCode.error)")
        let unknown = try CommandRunner.run(["reform", "plan", "--config", config, "--succession", workspace.path(Self.succession),
                                             "--new-topology", workspace.path(Self.newMap), "--nodes", "01"])
        #expect(unknown.status == 1)
        #expect(unknown.error == "Lỗi: Phương án sắp xếp đơn vị không hợp lệ: nút 01 không có trong danh sách đơn vị trước sắp xếp lẫn danh sách mới.\n", "\(unknown.error)")
    }
}
