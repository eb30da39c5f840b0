import Foundation
import Testing

/// `baocao national export` on a real district node holding one commune's accepted report.
@Suite("National command")
struct NationalCommandTests {
    /// Should write one JSON file per packet kind (no gửi đề cương: the district has no own report),
    /// with the commune's exact figures as strings, and refuse a packet without its regime.
    @Test func exportAll_writesEveryPacketFile_withExactFigures() throws {
        let workspace = try SampleWorkspace()
        let config = workspace.path("Config/huyen-lac-son.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let sql = """
            INSERT INTO report (regimeCode, period, unitCode, revision, state, formCode, formVersion, createdAt, updatedAt, signedAt, receivedAt, bundleId)
            VALUES ('KTXH-THANG', '2026-11', '05266', 1, 'accepted', 'KTXH-THANG', 1, '2026-11-16 02:00:00.000', '2026-11-16 02:00:00.000',
                    '2026-11-16 02:00:00.000', '2026-11-16 02:05:00.000', 'sha256-xa-05266');
            INSERT INTO reportValue (reportId, key, indicatorCode, value, status) VALUES (1, 'CN01', 'CN01', '1200.5', 'final');
            """
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [workspace.path(".baocao-data/157/baocao.sqlite"), sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
        let environment = ["BAOCAO_PASSWORD": "mat-khau-quan-tri"]

        let export = try CommandRunner.run(["national", "export", "--all", "--regime", "KTXH-THANG", "--period", "2026-11",
                                            "--output", workspace.path("out"), "--user", "quantri", "--config", config], environment: environment)
        #expect(export.status == 0, "\(export.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.path("out")).sorted()
        #expect(files.count == 12)
        #expect(!files.contains { $0.hasPrefix("gui-de-cuong-") })
        let list = try #require(files.first { $0.hasPrefix("so-lieu-bao-cao-danh-sach-") })
        let text = try String(contentsOfFile: workspace.path("out/\(list)"), encoding: .utf8)
        #expect(text.contains(#""MaDonVi" : "05266""#))
        #expect(text.contains(#""GiaTri" : "1200.5""#))
        #expect(text.contains(#""MaDonViGui" : "157""#))

        let missing = try CommandRunner.run(["national", "export", "--kind", "so-lieu-bao-cao", "--user", "quantri", "--config", config],
                                            environment: environment)
        #expect(missing.status != 0)
        #expect(missing.error.contains("Gói tin số liệu báo cáo cần mã chế độ báo cáo."))
    }
}
