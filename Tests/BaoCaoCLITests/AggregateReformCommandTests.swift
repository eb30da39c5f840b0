import BaoCaoCore
import Foundation
import Testing

/// `baocao aggregate` at the new province of Phú Thọ (25) after the 2025 reform, holding
/// the sample succession (Topology/phu-tho-2025-07-ke-thua.csv) and the March 2025
/// reports of three former communes of Hòa Bình that merged into Phường Tân Hòa (04792).
@Suite("Aggregate commands across the reform")
struct AggregateReformCommandTests {
    let workspace: SampleWorkspace
    let config: String
    let database: String
    /// CN01 of March 2025 by former commune, as stored under their own codes.
    static let march2025 = ["04792": "1200.5", "04813": "34.25", "04825": "7"]

    init() throws {
        workspace = try SampleWorkspace()
        config = workspace.path("Config/tinh-phu-tho.yaml")
        database = workspace.path(".baocao-data/25/baocao.sqlite")
        let initialized = try CommandRunner.run(["init", "--config", config])
        #expect(initialized.status == 0, "\(initialized.error)")
        let table = "Topology/phu-tho-2025-07-ke-thua.csv"
        let succession = try Succession(csv: String(contentsOfFile: workspace.path(table), encoding: .utf8), fileName: table,
                                        effective: try CivilDate(year: 2025, month: 7, day: 1), graceUntil: try CivilDate(year: 2025, month: 9, day: 30),
                                        basis: "Nghị quyết số 202/2025/QH15")
        let content = try JSONEncoder().encode(succession).map { String(format: "%02x", $0) }.joined()
        var sql = "INSERT INTO succession (effective, content, releaseHash, recordedAt) VALUES ('2025-07-01', X'\(content)', 'sha256-phat-hanh', '2025-07-01 00:00:00.000');\n"
        var id = 0
        for (unit, value) in Self.march2025.sorted(by: { $0.key < $1.key }) + [("04792", "1500")] {
            id += 1
            let period = id == 4 ? "2026-03" : "2025-03"
            sql += """
                INSERT INTO report (id, regimeCode, period, unitCode, revision, state, formCode, formVersion, createdAt, updatedAt, signedAt, receivedAt, bundleId)
                VALUES (\(id), 'KTXH-THANG', '\(period)', '\(unit)', 1, 'accepted', 'KTXH-THANG', 1, '2025-04-10 02:00:00.000', '2025-04-10 02:00:00.000',
                        '2025-04-10 02:00:00.000', '2025-04-10 02:05:00.000', 'sha256-\(unit)-\(period)');
                INSERT INTO reportValue (reportId, key, indicatorCode, value, status) VALUES (\(id), 'CN01', 'CN01', '\(value)', 'final');

                """
        }
        // The succession's JSON is longer than a command line takes: sqlite3 reads it from a file.
        try workspace.write(sql, to: "reform.sql")
        try AggregateCommandTests.execute(database, ".read \(workspace.path("reform.sql"))")
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
    }

    func read(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + ["--config", config, "--user", "quantri"], environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"])
    }

    /// The exact sum of the stored texts, computed here.
    static func sum(_ texts: [String]) throws -> ExactDecimal {
        try texts.reduce(ExactDecimal.zero) { try $0.adding(try ExactDecimal(canonical: $1)) }
    }

    @Test func aggregate_printsLastYearFromTheFormerUnits_markedPartial() throws {
        // The table: 25 continues 17, 25 and 26 wholly; only Hòa Bình's communes are held here.
        let rows = try String(contentsOfFile: workspace.path("Topology/phu-tho-2025-07-ke-thua.csv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.filter { $0.count > 5 && $0[4] == "25" && $0[5] == "whole" }.map { $0[0] } == ["17", "25", "26"])
        let lastYear = try Self.sum(Array(Self.march2025.values))

        let json = try read(["aggregate", "KTXH-THANG", "2026-03", "--json"])
        #expect(json.status == 0, "\(json.error)")
        #expect(json.output.contains(#"{"key":"CN01","value":"1500","yearToDate":"1500","samePeriodLastYear":"\#(lastYear)""#), "\(json.output)")
        #expect(json.output.contains(#""inexactColumns":["samePeriodLastYear"]"#))
        #expect(json.output.contains(#""carriedFrom":["04792","04813","04825"]"#))
        #expect(json.output.contains(#""25","26"]"#))                                // the two provinces not held, missing

        let table = try read(["aggregate", "KTXH-THANG", "2026-03"])
        #expect(table.status == 0, "\(table.error)")
        #expect(table.output.contains(VietnameseNumberFormat.format(lastYear)))
        #expect(table.output.contains("Số liệu trước ngày 01/07/2025 lấy từ báo cáo gốc đã ký của các đơn vị trước sắp xếp (kỳ 2025-03): "
            + "Phường Tân Hòa (04792), Xã Yên Mông (04813), Xã Hòa Bình (04825)."), "\(table.output)")
        #expect(table.output.contains("Ghi chú so sánh:\n  CN01 (cùng kỳ): chưa đủ: thiếu số liệu của "))
        #expect(table.output.contains("Tỉnh Vĩnh Phúc (26)"))
    }

    @Test func drillDown_aNewUnitBeforeTheReform_showsItsCarriedFigures_andTheOriginal() throws {
        let carried = try read(["aggregate", "KTXH-THANG", "2025-03", "--unit", "04792"])
        #expect(carried.status == 0, "\(carried.error)")
        #expect(carried.output.contains("số liệu kế thừa từ các đơn vị trước sắp xếp: Phường Tân Hòa (04792), Xã Yên Mông (04813), Xã Hòa Bình (04825)"))
        #expect(carried.output.contains(VietnameseNumberFormat.format(try Self.sum(Array(Self.march2025.values)))))
        let json = try read(["aggregate", "KTXH-THANG", "2025-03", "--unit", "04792", "--json"])
        #expect(json.output.contains(#""carriedFrom":["04792","04813","04825"],"carriedMissing":[],"comparisonNotes":{}"#), "\(json.output)")
        let original = try read(["aggregate", "KTXH-THANG", "2025-03", "--unit", "04792", "--original", "--json"])
        #expect(original.output.contains(#""bundleId":"sha256-04792-2025-03""#), "\(original.output)")
        #expect(original.output.contains(#""values":{"CN01":"1200.5"}"#))
    }
}
