import Foundation
import Testing

/// Figures taken out through the command line are in the audit log with who took what
/// (seed 000 art. 4): on a commune node (05266) whose clerk filled November 2026.
@Suite("Exports of figures are audited (CLI)")
struct ExportAuditCommandTests {
    let workspace: SampleWorkspace
    let config: String
    let database: String

    init() throws {
        workspace = try SampleWorkspace()
        try workspace.write("""
            unit: "05266"
            dataDirectory: ../data/05266
            topology: ../Topology/hoa-binh-2025-03-3-cap.csv
            catalog: catalog/kinh-te-xa-hoi.yaml
            """, to: "Config/xa-05266.yaml")
        config = workspace.path("Config/xa-05266.yaml")
        database = workspace.path("data/05266/baocao.sqlite")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
        let clerk = try CommandRunner.run(["user", "add", "nhaplieu", "--name", "Chị Hoa", "--role", "dataEntry", "--password-stdin",
                                           "--user", "quantri", "--config", config],
                                          environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], input: "mat-khau-nhap-lieu\n")
        #expect(clerk.status == 0, "\(clerk.error)")
        #expect(try self.clerk(["report", "new", "KTXH-THANG", "2026-11"]).status == 0)
        #expect(try self.clerk(["report", "set", "1", "NN01=1.245,5"]).status == 0)
    }

    func clerk(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + ["--user", "nhaplieu", "--config", config], environment: ["BAOCAO_PASSWORD": "mat-khau-nhap-lieu"])
    }

    /// The export entries, one line each: actor|object|detail.
    func exports() throws -> [String] {
        try SQLiteShell.query(database, "SELECT actor || '|' || object || '|' || detail FROM auditEntry WHERE action = 'figures.export' ORDER BY sequence")
            .split(separator: "\n").map(String.init)
    }

    // 000 art. 4: `baocao extract` names the clerk, the regime-period, whose figures and the format.
    @Test func extract_isAudited() throws {
        let output = workspace.path("trich-xuat.json")
        let extracted = try clerk(["extract", "--regime", "KTXH-THANG", "--period", "2026-11", "--format", "json", "--output", output])
        #expect(extracted.status == 0, "\(extracted.error)")
        let unit = try clerk(["extract", "--regime", "KTXH-THANG", "--period", "2026-11", "--unit", "05266", "--format", "csv"])
        #expect(unit.status == 0, "\(unit.error)")
        #expect(try exports() == [
            "nhaplieu|figures:KTXH-THANG/2026-11|định dạng json; số liệu tổng hợp; \(output)",
            "nhaplieu|figures:KTXH-THANG/2026-11|định dạng csv; số liệu của đơn vị 05266; màn hình",
        ])
    }

    // 000 art. 4: `baocao adx export` and `baocao sheet export --filled` each leave their entry;
    // the blank form carries no figures and leaves none.
    @Test func adxAndFilledWorkbook_areAudited() throws {
        let adx = workspace.path("so-lieu.adx.xml")
        let exported = try clerk(["adx", "export", "--regime", "KTXH-THANG", "--period", "2026-11", "--output", adx])
        #expect(exported.status == 0, "\(exported.error)")
        let consolidated = try clerk(["adx", "export", "--regime", "KTXH-THANG", "--period", "2026-11", "--consolidated"])
        #expect(consolidated.status == 0, "\(consolidated.error)")
        let workbook = workspace.path("bieu-mau.xlsx")
        #expect(try clerk(["sheet", "export", "--regime", "KTXH-THANG", "--output", workspace.path("trong.xlsx")]).status == 0)
        let filled = try clerk(["sheet", "export", "--regime", "KTXH-THANG", "--period", "2026-11", "--filled", "--output", workbook])
        #expect(filled.status == 0, "\(filled.error)")
        #expect(try exports() == [
            "nhaplieu|figures:KTXH-THANG/2026-11|định dạng adx; báo cáo của đơn vị 05266; \(adx)",
            "nhaplieu|figures:KTXH-THANG/2026-11|định dạng adx; số liệu tổng hợp; màn hình",
            "nhaplieu|figures:KTXH-THANG/2026-11|định dạng xlsx; báo cáo của đơn vị 05266; \(workbook)",
        ])
    }

    // 000 art. 4: `baocao national export` of a regime-period's packets names who took them.
    @Test func nationalPackets_areAudited() throws {
        let directory = workspace.path("goi-quoc-gia")
        let exported = try clerk(["national", "export", "--all", "--regime", "KTXH-THANG", "--period", "2026-11", "--output", directory])
        #expect(exported.status == 0, "\(exported.error)")
        let entries = try exports()
        #expect(entries.count == 1)
        #expect(entries.first?.hasPrefix("nhaplieu|figures:KTXH-THANG/2026-11|định dạng qcvn125; số liệu tổng hợp; tệp trong \(directory): ") == true,
                "\(entries)")
    }
}
