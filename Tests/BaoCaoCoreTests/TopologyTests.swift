import Testing
@testable import BaoCaoCore

@Suite("Topology")
struct TopologyTests {
    static let header = "code,name,name_en,kind,parent\n"
    static let sample = header + """
        17,Tỉnh Hoà Bình,Hoa Binh Province,province,
        17-SKHDT,Sở Kế hoạch và Đầu tư,,department,17
        148,Thành phố Hòa Bình,,district,17
        04789,Phường Thái Bình,,commune,148
        04792,Phường Tân Hòa,,commune,148
        152,Huyện Lạc Sơn,,district,17
        05053,Thị trấn Vụ Bản,,commune,152

        """

    /// An administrator loads a 3-level province and sees who reports to whom.
    @Test func queries_onThreeLevelProvince() throws {
        let topology = try Topology(csv: Self.sample, fileName: "t.csv")
        #expect(topology.children(of: "17").map(\.code) == ["17-SKHDT", "148", "152"])
        #expect(topology.children(of: "148").map(\.code) == ["04789", "04792"])
        #expect(topology.ancestors(of: "04792").map(\.code) == ["148", "17"])
        #expect(topology.subtree(of: "148").map(\.code) == ["148", "04789", "04792"])
        #expect(topology.level(of: "17") == 0)
        #expect(topology.level(of: "05053") == 2)
        #expect(topology.level(of: "99999") == nil)
        #expect(topology.countsByLevel == [0: 1, 1: 3, 2: 3])
        #expect(topology.lowestCommonAncestor(of: "04789", and: "17-SKHDT")?.code == "17")
        #expect(topology.lowestCommonAncestor(of: "04789", and: "04792")?.code == "148")
        #expect(topology.unit(code: "17")?.nameEn == "Hoa Binh Province")
    }

    /// The 2-level shape after 1 July 2025: communes directly under the province.
    @Test func communesDirectlyUnderProvince_areAccepted() throws {
        let csv = Self.header + "25,Tỉnh Phú Thọ,,province,\n08971,Phường Việt Trì,,commune,25\n"
        let topology = try Topology(csv: csv, fileName: "p.csv")
        #expect(topology.children(of: "25").count == 1)
    }

    private func expectError(_ csv: String, _ code: CoreError.Code, mentioning parts: [String]) {
        do {
            _ = try Topology(csv: csv, fileName: "t.csv")
            Issue.record("expected \(code)")
        } catch let error as CoreError {
            #expect(error.code == code, "\(error.message)")
            for part in parts { #expect(error.message.contains(part), "\(error.message) should mention \(part)") }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Every mistake in a topology file names the unit and the line to fix.
    @Test func errors_nameTheUnitAndLine() {
        expectError(Self.header + "17,Tỉnh Hoà Bình,,province,\n04789,Phường Thái Bình,,commune,148\n",
                    .unknownParent, mentioning: ["t.csv, dòng 3", "04789", "148"])
        expectError(Self.header + "17,Tỉnh Hoà Bình,,province,\n17,Tỉnh khác,,province,\n",
                    .duplicateUnit, mentioning: ["dòng 3", "17", "dòng 2"])
        expectError(Self.header + "17,Tỉnh Hoà Bình,,province,\n148,TP Hòa Bình,,district,17\n04789,Phường A,,commune,148\n04792,Phường B,,commune,04789\n",
                    .misplacedUnit, mentioning: ["dòng 5", "04792", "04789"])
        expectError(Self.header + "148,A,,district,152\n152,B,,district,148\n",
                    .misplacedUnit, mentioning: ["148"])
        expectError(Self.header + "17,Tỉnh Hoà Bình,,provinc,\n",
                    .invalidUnitKind, mentioning: ["dòng 2", "provinc"])
        expectError(Self.header + "17,Tỉnh Hoà Bình,,province,\n4789,Phường Thái Bình,,commune,17\n",
                    .invalidUnitCode, mentioning: ["dòng 3", "5 chữ số"])
        expectError(Self.header + "17,Tỉnh Hoà Bình,,province,\nSKHDT,Sở KH&ĐT,,department,17\n",
                    .invalidUnitCode, mentioning: ["dòng 3", "17-SKHDT"])
        expectError("code,name,kind\n17,Tỉnh,province\n", .invalidTopologyFile, mentioning: ["dòng 1", "parent"])
        expectError(Self.header + "17,Tỉnh,province,\n", .invalidTopologyFile, mentioning: ["dòng 2", "4 cột"])
        expectError(Self.header + "17,\"Tỉnh Hoà Bình,,province,\n", .malformedCSV, mentioning: ["dòng 2"])
    }

    /// A cycle among "other" units (which may hang anywhere) is caught and named.
    @Test func cycle_isReported() {
        expectError(Self.header + "A1,Một,,other,B1\nB1,Hai,,other,A1\n", .topologyCycle, mentioning: ["A1"])
    }

    /// Quoted fields, CRLF line ends, comments and a byte-order mark all read.
    @Test func csvReader_handlesQuotesCRLFAndComments() throws {
        let csv = "\u{FEFF}# sample\r\ncode,name,name_en,kind,parent\r\n17,\"Tỉnh \"\"Hoà\"\" Bình, HB\",,province,\r\n"
        let topology = try Topology(csv: csv, fileName: "t.csv")
        #expect(topology.units.first?.name == "Tỉnh \"Hoà\" Bình, HB")
        let again = try Topology(csv: topology.csv(), fileName: "again.csv")
        #expect(again == topology)
    }

    /// Names are stored in NFC whatever the file used (decomposed "ệ" is three code points).
    @Test func names_areNFC() throws {
        let decomposed = "Vie\u{0323}\u{0302}t"
        let topology = try Topology(csv: Self.header + "17,\(decomposed),,province,\n", fileName: "t.csv")
        #expect(topology.units[0].name.unicodeScalars.count == 4)
        #expect(topology.units[0].name == "Việt")
    }
}

/// Units are found by name whatever the tone placement, as in the official list of Hòa
/// Bình, which writes "Tỉnh Hoà Bình" (old) and "Thành phố Hòa Bình" (new).
@Suite("Topology: finding units by name")
struct TopologyNameSearchTests {
    let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
        ReportingUnit(code: "148", name: "Thành phố Hòa Bình", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04792", name: "Phường Thái Bình", kind: .commune, parentCode: "148"),
        ReportingUnit(code: "04801", name: "Phường Tân Hòa", kind: .commune, parentCode: "148"),
    ])

    @Test func eitherTonePlacement_findsBoth_exactNameFirst() {
        #expect(topology.units(matching: "Tỉnh Hòa Bình").map(\.code) == ["17"])
        #expect(topology.units(matching: "Thành phố Hoà Bình").map(\.code) == ["148"])
        #expect(topology.units(matching: "thành phố hoà bình").map(\.code) == ["148"])
        #expect(topology.units(matching: "Hòa Bình").map(\.code) == ["17", "148"])
    }

    @Test func withoutDiacritics_andByCode() {
        #expect(topology.units(matching: "tan hoa").map(\.code) == ["04801"])
        #expect(topology.units(matching: "thai binh").map(\.code) == ["04792"])
        #expect(topology.units(matching: "04792").map(\.code) == ["04792"])
        #expect(topology.units(matching: "  ").isEmpty)
    }
}
