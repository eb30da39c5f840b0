import Foundation
import Testing

@Suite("baocao init, status and topology check")
struct NodeCommandTests {
    /// The sample topologies check out, with their units counted per level.
    @Test func topologyCheck_onSamples() throws {
        let hoaBinh = try CommandRunner.run(["topology", "check", "Topology/hoa-binh-2025-03-3-cap.csv", "--json"])
        #expect(hoaBinh.status == 0, "\(hoaBinh.error)")
        // 10 departments and 3 other bodies (seed 000 art. 5.1: the Cao Phong board, the central agencies) beside the districts; the 2 Chi cục under their Sở.
        #expect(hoaBinh.output.contains(#"{"level":2,"units":23,"kinds":{"district":10,"department":10,"other":3}}"#), "\(hoaBinh.output)")
        let phuTho = try CommandRunner.run(["topology", "check", "Topology/phu-tho-2025-07-2-cap.csv"])
        #expect(phuTho.status == 0)
        #expect(phuTho.output.contains("148 xã"))
        #expect(!phuTho.output.contains("huyện"))
    }

    /// A broken topology file is refused with the line to fix.
    @Test func topologyCheck_namesTheLine() throws {
        let workspace = try SampleWorkspace()
        try workspace.write("code,name,name_en,kind,parent\n17,Tỉnh Hoà Bình,,province,\n04789,Phường Thái Bình,,commune,148\n", to: "bad.csv")
        let result = try CommandRunner.run(["topology", "check", workspace.path("bad.csv")])
        #expect(result.status == 1)
        #expect(result.error.contains("bad.csv, dòng 3"), "\(result.error)")
        #expect(result.error.contains("148"))
    }

    /// A commune clerk's node: init creates the database; status tells who it serves.
    @Test func init_thenStatus_onCommuneNode() throws {
        let workspace = try SampleWorkspace()
        let config = workspace.path("Config/xa-nhan-nghia.yaml")
        let first = try CommandRunner.run(["init", "--config", config])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Đã khởi tạo nút"))

        let status = try CommandRunner.run(["status", "--config", config])
        #expect(status.status == 0, "\(status.error)")
        #expect(status.output.contains("(05290)"))
        #expect(status.output.contains("Cấp trên: Huyện Lạc Sơn (157)"), "\(status.output)")
        #expect(status.output.contains("Cấp dưới: không có"))
        #expect(status.output.contains("Phiên bản lược đồ: "))

        let json = try CommandRunner.run(["status", "--config", config, "--json"])
        #expect(json.output.hasPrefix(#"{"unit":{"code":"05290","#), "\(json.output)")
        #expect(json.output.contains(#""parent":{"code":"157","name":"Huyện Lạc Sơn","kind":"district"}"#))
        // A new node is at the newest schema.
        let versions = json.output.matches(of: /"(schemaVersion|currentSchemaVersion)":(\d+)/).map { String($0.output.2) }
        #expect(versions.count == 2 && versions[0] == versions[1] && versions[0] != "0", "\(json.output)")
    }

    /// Running init again changes nothing: every table holds exactly what it held.
    @Test func init_again_changesNothing() throws {
        let workspace = try SampleWorkspace()
        let config = workspace.path("Config/huyen-lac-son.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let database = workspace.path(".baocao-data/157/baocao.sqlite")
        let before = try SQLiteShell.dump(database)
        #expect(before.contains("INSERT INTO unit VALUES('157','Huyện Lạc Sơn'"))
        let again = try CommandRunner.run(["init", "--config", config])
        #expect(again.status == 0)
        #expect(again.output.contains("không thay đổi gì"))
        #expect(try SQLiteShell.dump(database) == before)

        let status = try CommandRunner.run(["status", "--config", config])
        #expect(status.output.contains("Cấp dưới: 24 đơn vị"), "\(status.output)")
    }

    /// A district node lists its communes; the province its districts and departments.
    @Test func status_ofProvince_listsChildren() throws {
        let workspace = try SampleWorkspace()
        let config = workspace.path("Config/tinh-phu-tho.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let status = try CommandRunner.run(["status", "--config", config])
        #expect(status.output.contains("Cấp trên: không có"))
        #expect(status.output.contains("Cấp dưới: 156 đơn vị"), "\(status.output)")
    }

    /// Bad input to init (a broken topology, an unknown unit) leaves nothing behind.
    @Test func init_withBadInput_createsNothing() throws {
        let workspace = try SampleWorkspace()
        try workspace.write("code,name,name_en,kind,parent\n17,Tỉnh,,province,\n17,Tỉnh,,province,\n", to: "Topology/dup.csv")
        try workspace.write("unit: \"17\"\ndataDirectory: ../.baocao-data/bad\ntopology: ../Topology/dup.csv\ncatalog: catalog/kinh-te-xa-hoi.yaml\n", to: "Config/bad.yaml")
        let result = try CommandRunner.run(["init", "--config", workspace.path("Config/bad.yaml")])
        #expect(result.status == 1)
        #expect(result.error.contains("dup.csv, dòng 3"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path(".baocao-data/bad")))

        try workspace.write("unit: \"99999\"\ndataDirectory: ../.baocao-data/x\ntopology: ../Topology/phu-tho-2025-07-2-cap.csv\ncatalog: catalog/kinh-te-xa-hoi.yaml\n", to: "Config/unknown.yaml")
        let unknown = try CommandRunner.run(["init", "--config", workspace.path("Config/unknown.yaml")])
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("99999"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path(".baocao-data/x")))

        try workspace.write("unit: \"25\"\ntopology: [\n", to: "Config/broken.yaml")
        let broken = try CommandRunner.run(["init", "--config", workspace.path("Config/broken.yaml")])
        #expect(broken.status == 1)
        #expect(broken.error.hasPrefix("Lỗi: Tệp "), "\(broken.error)")
        #expect(broken.error.split(separator: "\n").count == 1)

        let missing = try CommandRunner.run(["init", "--config", workspace.path("Config/none.yaml")])
        #expect(missing.status == 1)
        #expect(missing.error.contains("Không tìm thấy tệp"))
    }

    /// status on a node that was never initialized says so, and creates nothing.
    @Test func status_beforeInit_saysHowToInit() throws {
        let workspace = try SampleWorkspace()
        let result = try CommandRunner.run(["status", "--config", workspace.path("Config/tinh-hoa-binh.yaml")])
        #expect(result.status == 1)
        #expect(result.error.contains("baocao init"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path(".baocao-data/17")))
    }

    /// A damaged database is refused (exit 2) and left byte for byte as it was.
    @Test func status_onCorruptDatabase_refusesAndKeepsFile() throws {
        let workspace = try SampleWorkspace()
        let config = workspace.path("Config/xa-hy-cuong.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let database = URL(fileURLWithPath: workspace.path(".baocao-data/08515/baocao.sqlite"))
        var bytes = try Data(contentsOf: database)
        for index in stride(from: 4096, to: bytes.count, by: 7) { bytes[index] ^= 0x5A }
        try bytes.write(to: database)
        let result = try CommandRunner.run(["status", "--config", config])
        #expect(result.status == 2, "\(result.output) \(result.error)")
        // What is damaged is SQLite's to say; the rest of the sentence is ours.
        #expect(result.error.hasPrefix("Lỗi: Cơ sở dữ liệu \(workspace.path(".baocao-data/08515/baocao.sqlite")) bị hỏng ("), "\(result.error)")
        #expect(result.error.hasSuffix("). Tệp được giữ nguyên; hãy phục hồi từ bản sao lưu (baocao restore).\n"), "\(result.error)")
        #expect(result.output == "")
        #expect(try Data(contentsOf: database) == bytes)
    }
}

@Suite("baocao catalog check")
struct CatalogCommandTests {
    /// The sample catalog is valid against both sample provinces.
    @Test(arguments: ["Topology/hoa-binh-2025-03-3-cap.csv", "Topology/phu-tho-2025-07-2-cap.csv"])
    func sampleCatalog_isValid(topology: String) throws {
        let result = try CommandRunner.run(["catalog", "check", "Config/catalog/kinh-te-xa-hoi.yaml", "--topology", topology])
        #expect(result.status == 0, "\(result.output) \(result.error)")
        #expect(result.output.contains("hợp lệ"))
    }

    /// Every problem of a broken catalog is listed, each naming its item, then one error line.
    @Test func brokenCatalog_listsEveryProblem() throws {
        let workspace = try SampleWorkspace()
        try workspace.write("""
            indicators:
              - { code: A01, name: "Số hộ", unitOfMeasure: "hộ", valueType: integer }
              - { code: A02, name: "Tỷ lệ", unitOfMeasure: "%", valueType: percent, aggregation: sum }
              - { code: A03, name: "Tính", unitOfMeasure: "hộ", valueType: integer, formula: "A01 + Z9" }
            forms:
              - { code: F1, title: "Biểu", sections: [ { code: S, title: "Phần", rows: [A01, A02, A03, B77] } ] }
            regimes:
              - { code: R1, name: "Tháng", type: periodic, frequency: monthly, form: F1, reporters: { kinds: [commune] }, deadlines: [] }
            """, to: "bad.yaml")
        let result = try CommandRunner.run(["catalog", "check", workspace.path("bad.yaml")])
        #expect(result.status == 1)
        for mention in ["A02", "Z9", "B77", "R1"] {
            #expect(result.output.contains(mention), "\(mention) in \(result.output)")
        }
        #expect(result.error.contains("lỗi"))
    }

    /// A field of the wrong type names the file and the field.
    @Test func wrongFieldType_namesTheField() throws {
        let workspace = try SampleWorkspace()
        try workspace.write("indicators:\n  - { code: A01, name: \"Số hộ\", unitOfMeasure: \"hộ\", valueType: sốnguyên }\n", to: "bad.yaml")
        let result = try CommandRunner.run(["catalog", "check", workspace.path("bad.yaml")])
        #expect(result.status == 1)
        #expect(result.error.contains("indicators[0].valueType"), "\(result.error)")
    }
}
