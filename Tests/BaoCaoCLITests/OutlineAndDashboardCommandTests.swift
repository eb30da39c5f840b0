import Foundation
import Testing

/// `baocao report outline` (000 art. 13.1: the report outline, đề cương, of each form) and
/// `baocao dashboard` (002 art. 10.1e; 000 art. 13.4: the unit's own dashboard) through the
/// real binary, on a district node with the sample catalog.
@Suite("baocao report outline and baocao dashboard")
struct OutlineAndDashboardCommandTests {
    @Test func outlineIsShownWrittenInAndRead_andTheDashboardKeepsTheUnitsChoice() throws {
        let network = try SignedNetwork(units: ["157"])
        let district = try network.node("157", extra: "security:\n  bcryptCost: 4")
        let password = "mật-khẩu-đủ-dài-2026"
        func run(_ arguments: [String], as login: String? = "quantri") throws -> CommandRunner.Result {
            var environment = ["BAOCAO_NEW_PASSWORD": password]
            if login != nil { environment["BAOCAO_PASSWORD"] = password }
            return try CommandRunner.run(arguments + (login.map { ["--user", $0] } ?? []), environment: environment,
                                         input: password + "\n", in: network.workspace.root)
        }
        @discardableResult
        func must(_ arguments: [String], as login: String? = "quantri") throws -> String {
            let result = try run(arguments, as: login)
            guard result.status == 0 else { throw SignedNetwork.CLIFailure("\(arguments.joined(separator: " ")): \(result.error)") }
            return result.output
        }
        try must(["user", "add", "quantri", "--name", "Nguyễn Văn Thắng", "--role", "admin", "aggregator", "approver", "dataEntry",
                  "--password-stdin", "--config", district], as: nil)
        try must(["user", "add", "xem", "--name", "Người Xem", "--role", "viewer", "--password-stdin", "--config", district])
        let id = try PermissionMatrixTests.Fixture.number(in: try must(["report", "new", "KTXH-THANG", "2026-10", "--config", district]))

        // 000 art. 13.1: the sample catalog's outline of the monthly form, with its guidance.
        let outline = try must(["report", "outline", id, "--config", district, "--out", "thuyet-minh.txt"])
        #expect(outline.contains("I. Tình hình kinh tế\n  Hướng dẫn: Kết quả sản xuất nông, lâm nghiệp"), "\(outline)")
        #expect(outline.contains("VI. Kiến nghị, đề xuất") && outline.contains("(chưa viết)"))
        let file = network.workspace.root.appendingPathComponent("thuyet-minh.txt")
        var text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("I. Tình hình kinh tế\n\n\nII. Văn hóa - xã hội\n"), "\(text)")
        text = text.replacingOccurrences(of: "II. Văn hóa - xã hội\n", with: "II. Văn hóa - xã hội\nLễ hội diễn ra an toàn.\n")
        try Data(text.utf8).write(to: file)
        try must(["report", "narrative", id, "thuyet-minh.txt", "--config", district])
        let written = try must(["report", "outline", id, "--config", district])
        #expect(written.contains("  Lễ hội diễn ra an toàn.\nIII. Quốc phòng"), "\(written)")

        // 002 art. 10.1e: an indicator on the unit's dashboard, with the unit's own figures.
        try must(["report", "set", id, "LD01=62", "LD01[GT=nam]=35", "LD01[GT=nu]=27", "--config", district])
        let added = try must(["dashboard", "add", "KTXH-THANG", "LD01", "--chart", "bars", "--config", district])
        #expect(added.contains("Bảng điều khiển có chỉ tiêu LD01 của KTXH-THANG (Biểu đồ cột qua các kỳ), mục số 1."), "\(added)")
        let shown = try must(["dashboard", "show", "--config", district], as: "xem")
        #expect(shown.contains("[1] LD01 Số lao động được tạo việc làm mới (người)") && shown.contains("  2026-10: 62"), "\(shown)")
        // Someone who only reads may not change it; an indicator not on the form is refused.
        let refused = try run(["dashboard", "remove", "1", "--config", district], as: "xem")
        #expect(refused.status != 0 && refused.error.contains("không có quyền"), "\(refused.error)")
        let unknown = try run(["dashboard", "add", "KTXH-THANG", "XX99", "--config", district])
        #expect(unknown.status != 0 && unknown.error.contains("Chỉ tiêu \"XX99\" không có trên biểu mẫu"), "\(unknown.error)")
        try must(["dashboard", "remove", "1", "--config", district])
        #expect(try must(["dashboard", "show", "--config", district]).contains("chưa có chỉ tiêu nào"))
    }
}
