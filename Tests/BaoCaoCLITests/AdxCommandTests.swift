import Foundation
import Testing

/// `baocao adx export | schema | import` on a real commune node (05266, Thị trấn Vụ Bản)
/// whose clerk filled the November 2026 report through `baocao report`.
@Suite("ADX command")
struct AdxCommandTests {
    let workspace: SampleWorkspace
    let config: String
    let database: String

    /// The November figures as the clerk typed them, and as ADX writes them (our codes).
    static let november = ["NN01=1.245,5", "NN02=1.000", "LD01=120", "LD01[GT=nam]=70", "LD01[GT=nu]=50"]

    /// The receiver's codes: a DHIS2-like system with its own data set, elements and org unit;
    /// the form's other indicators keep our codes (so the schema can list the whole form).
    static let mapping = """
        {
          "unmappedCodes": "keep",
          "dataSets": { "KTXH-THANG": "DS_KTXH" },
          "dataElements": { "NN01": "RICE_PLANTED", "NN02": "RICE_HARVESTED", "LD01": "WORKERS" },
          "orgUnits": { "05266": "OU_VU_BAN" },
          "dimensions": { "GT": "SEX" },
          "members": { "GT": { "nam": "M", "nu": "F" } }
        }
        """

    init() throws {
        workspace = try SampleWorkspace()
        // No signing key: ADX needs none, and the sample configurations point at a PKI
        // this workspace does not have.
        try workspace.write("""
            unit: "05266"
            dataDirectory: ../data/05266
            topology: ../Topology/hoa-binh-2025-03-3-cap.csv
            catalog: catalog/kinh-te-xa-hoi.yaml
            """, to: "Config/xa-05266.yaml")
        config = workspace.path("Config/xa-05266.yaml")
        database = workspace.path("data/05266/baocao.sqlite")
        let initialized = try CommandRunner.run(["init", "--config", config])
        #expect(initialized.status == 0, "\(initialized.error)")
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
        let clerkAdded = try CommandRunner.run(["user", "add", "nhaplieu", "--name", "Chị Hoa", "--role", "dataEntry", "--password-stdin",
                                           "--user", "quantri", "--config", config],
                                          environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], input: "mat-khau-nhap-lieu\n")
        #expect(clerkAdded.status == 0, "\(clerkAdded.error)")
        let created = try clerk(["report", "new", "KTXH-THANG", "2026-11"])
        #expect(created.status == 0, "\(created.error)")
        let set = try clerk(["report", "set", "1"] + Self.november)
        #expect(set.status == 0, "\(set.error)")
    }

    /// Runs a command as the clerk, on this node.
    func clerk(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + ["--user", "nhaplieu", "--config", config], environment: ["BAOCAO_PASSWORD": "mat-khau-nhap-lieu"])
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: workspace.path(relative), encoding: .utf8)
    }

    /// Writes `text` with the ADX period of November (its Decree 09 window) changed to another month's.
    func copy(_ text: String, toPeriod period: String, as relative: String) throws {
        #expect(text.contains(#"period="2026-10-15/P1M""#))
        try workspace.write(text.replacingOccurrences(of: #"period="2026-10-15/P1M""#, with: #"period="\#(period)""#), to: relative)
    }

    func storedValueCount() throws -> String {
        try SQLiteShell.query(database, "SELECT COUNT(*) FROM reportValue").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func reportCount() throws -> String {
        try SQLiteShell.query(database, "SELECT COUNT(*) FROM report").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Should export the figures with our own codes, write a schema the export validates
    /// against (and a foreign data element does not), and import the file into another
    /// period's new draft with the same figures.
    @Test func export_validatesAgainstTheSchema_andImportsIntoAnotherPeriod() throws {
        let export = try clerk(["adx", "export", "--regime", "KTXH-THANG", "--period", "2026-11", "--output", workspace.path("thang-11.adx.xml")])
        #expect(export.status == 0, "\(export.error)")
        #expect(export.output == "")
        #expect(export.error.hasPrefix("Đã xuất 5 số liệu ADX (1 nhóm) vào \(workspace.path("thang-11.adx.xml"))"), "\(export.error)")
        let xml = try read("thang-11.adx.xml")
        #expect(xml.contains(#"<group orgUnit="05266" period="2026-10-15/P1M" dataSet="KTXH-THANG">"#))
        #expect(xml.contains(#"<dataValue dataElement="NN01" value="1245.5"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="NN02" value="1000"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="LD01" value="120"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="LD01" GT="nam" value="70"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="LD01" GT="nu" value="50"/>"#))

        let schema = try clerk(["adx", "schema", "--regime", "KTXH-THANG", "--output", workspace.path("ktxh-thang.xsd")])
        #expect(schema.status == 0, "\(schema.error)")
        #expect(try read("ktxh-thang.xsd").contains(#"<xs:enumeration value="NN01">"#))
        let valid = try XMLLintTool.validate(workspace.path("thang-11.adx.xml"), schema: workspace.path("ktxh-thang.xsd"))
        #expect(valid.status == 0, "\(valid.message)")
        try workspace.write(xml.replacingOccurrences(of: #"dataElement="NN02""#, with: #"dataElement="KHONG_CO""#), to: "sai.adx.xml")
        let invalid = try XMLLintTool.validate(workspace.path("sai.adx.xml"), schema: workspace.path("ktxh-thang.xsd"))
        #expect(invalid.status == 3, "\(invalid.message)")   // xmllint: does not validate
        #expect(invalid.message.contains("'KHONG_CO' is not an element of the set"), "\(invalid.message)")

        // December: the window from 15 November.
        try copy(xml, toPeriod: "2026-11-15/P1M", as: "thang-12.adx.xml")
        let imported = try clerk(["adx", "import", workspace.path("thang-12.adx.xml")])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.hasPrefix("Nhóm 1: đã lưu 5 số liệu vào báo cáo số 2 (KTXH-THANG kỳ 2026-12).\n"), "\(imported.output)")
        let december = try clerk(["report", "show", "2"])
        #expect(december.status == 0, "\(december.error)")
        #expect(december.output.contains("Báo cáo số 2: KTXH-THANG kỳ 2026-12, đơn vị 05266, lần 1"))
        for line in ["NN01 = 1.245,5", "NN02 = 1.000", "LD01 = 120", "LD01[GT=nam] = 70", "LD01[GT=nu] = 50"] {
            #expect(december.output.contains("    \(line)"), "\(line)")
        }
        #expect(try SQLiteShell.query(database, "SELECT key, value FROM reportValue WHERE reportId = 2 ORDER BY key")
            == "LD01|120\nLD01[GT=nam]|70\nLD01[GT=nu]|50\nNN01|1245.5\nNN02|1000\n")
    }

    /// Should refuse a broken file and one whose cells the form does not have, exit non-zero
    /// with one Vietnamese message naming what is wrong, and store nothing (not even a draft).
    @Test func import_ofAMalformedOrUnmappedFile_isRefused_andStoresNothing() throws {
        let export = try clerk(["adx", "export", "--regime", "KTXH-THANG", "--period", "2026-11", "--output", workspace.path("thang-11.adx.xml")])
        #expect(export.status == 0, "\(export.error)")
        let xml = try read("thang-11.adx.xml")
        let (values, reports) = (try storedValueCount(), try reportCount())

        try workspace.write(String(xml.prefix(xml.count / 2)), to: "cut.adx.xml")
        let broken = try clerk(["adx", "import", workspace.path("cut.adx.xml")])
        #expect(broken.status == 1)
        #expect(broken.output == "")
        #expect(broken.error.hasPrefix("Lỗi: Tệp ADX không phải XML hợp lệ (dòng "), "\(broken.error)")

        // December, one data element the form does not have: the whole file is refused.
        try copy(xml.replacingOccurrences(of: #"dataElement="NN02""#, with: #"dataElement="KHONG_CO""#), toPeriod: "2026-11-15/P1M", as: "la.adx.xml")
        let unknown = try clerk(["adx", "import", workspace.path("la.adx.xml")])
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("Tệp có 1 ô sai, chưa lưu gì:"), "\(unknown.error)")
        #expect(unknown.error.contains("nhóm 1, dataValue 5 (KHONG_CO): chỉ tiêu KHONG_CO không có trên biểu mẫu KTXH-THANG"), "\(unknown.error)")

        // A file for another unit: nothing of ours in it.
        try copy(xml.replacingOccurrences(of: #"orgUnit="05266""#, with: #"orgUnit="05269""#), toPeriod: "2026-11-15/P1M", as: "khac.adx.xml")
        let other = try clerk(["adx", "import", workspace.path("khac.adx.xml")])
        #expect(other.status == 1)
        #expect(other.error == "Lỗi: Tệp ADX không có nhóm nào cho đơn vị này (orgUnit \"05266\"); các nhóm trong tệp là của: 05269.\n")

        #expect(try storedValueCount() == values)
        #expect(try reportCount() == reports)
        let list = try clerk(["report", "list"])
        #expect(!list.output.contains("2026-12"), "\(list.output)")
    }

    /// Should write the receiver's codes out and read them back to ours with the same mapping
    /// file, while the same file read without the mapping is refused and stores nothing.
    @Test func mappingFile_isHonouredBothWays() throws {
        try workspace.write(Self.mapping, to: "anh-xa.json")
        let mapping = ["--mapping", workspace.path("anh-xa.json")]
        let export = try clerk(["adx", "export", "--regime", "KTXH-THANG", "--period", "2026-11", "--output", workspace.path("dhis2.adx.xml")] + mapping)
        #expect(export.status == 0, "\(export.error)")
        let xml = try read("dhis2.adx.xml")
        #expect(xml.contains(#"<group orgUnit="OU_VU_BAN" period="2026-10-15/P1M" dataSet="DS_KTXH">"#))
        #expect(xml.contains(#"<dataValue dataElement="RICE_PLANTED" value="1245.5"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="RICE_HARVESTED" value="1000"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="WORKERS" SEX="M" value="70"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="WORKERS" SEX="F" value="50"/>"#))
        #expect(!xml.contains("NN01") && !xml.contains("05266") && !xml.contains("KTXH-THANG") && !xml.contains("GT="))
        let schema = try clerk(["adx", "schema", "--regime", "KTXH-THANG", "--output", workspace.path("dhis2.xsd")] + mapping)
        #expect(schema.status == 0, "\(schema.error)")
        let valid = try XMLLintTool.validate(workspace.path("dhis2.adx.xml"), schema: workspace.path("dhis2.xsd"))
        #expect(valid.status == 0, "\(valid.message)")
        // A mapping that refuses unlisted codes cannot describe the whole form: said, not guessed.
        try workspace.write(Self.mapping.replacingOccurrences(of: #""keep""#, with: #""refuse""#), to: "anh-xa-chat.json")
        let strict = try clerk(["adx", "schema", "--regime", "KTXH-THANG", "--mapping", workspace.path("anh-xa-chat.json")])
        #expect(strict.status == 1)
        #expect(strict.error.hasPrefix("Lỗi: Không lập được lược đồ ADX: chỉ tiêu "), "\(strict.error)")
        #expect(strict.error.hasSuffix(" chưa có trong mục dataElements của bảng ánh xạ (unmappedCodes là \"refuse\").\n"), "\(strict.error)")

        // January 2027: the window from 15 December.
        try copy(xml, toPeriod: "2026-12-15/P1M", as: "thang-01.adx.xml")
        let unmapped = try clerk(["adx", "import", workspace.path("thang-01.adx.xml")])
        #expect(unmapped.status == 1)
        #expect(unmapped.error == "Lỗi: Tệp ADX không có nhóm nào cho đơn vị này (orgUnit \"05266\"); các nhóm trong tệp là của: OU_VU_BAN.\n")
        #expect(try reportCount() == "1")

        let imported = try clerk(["adx", "import", workspace.path("thang-01.adx.xml")] + mapping)
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.hasPrefix("Nhóm 1: đã lưu 5 số liệu vào báo cáo số 2 (KTXH-THANG kỳ 2027-01).\n"), "\(imported.output)")
        #expect(try SQLiteShell.query(database, "SELECT key, value FROM reportValue WHERE reportId = 2 ORDER BY key")
            == "LD01|120\nLD01[GT=nam]|70\nLD01[GT=nu]|50\nNN01|1245.5\nNN02|1000\n")
    }
}

/// `xmllint --noout --schema`, from Debian's libxml2-utils.
enum XMLLintTool {
    static func validate(_ file: String, schema: String) throws -> (status: Int32, message: String) {
        let candidates = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        guard let tool = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            Issue.record("xmllint is missing: install libxml2-utils to validate ADX against its schema")
            return (-1, "xmllint missing")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--noout", "--schema", schema, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
