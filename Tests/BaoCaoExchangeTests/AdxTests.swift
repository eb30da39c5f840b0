import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

@Suite("ADX: export, schema, import back")
struct AdxTests {
    let fixture: AdxFixture

    init() throws {
        fixture = try AdxFixture()
    }

    func exportNovember(mapping: AdxMapping = AdxFixture.mapping) throws -> AdxWriter.Output {
        try fixture.fillNovember()
        let values = try AdxExport(work: fixture.work).ownReport(regime: "KTXH-THANG", period: "2026-11", by: fixture.clerk)
        return try AdxWriter(catalog: AdxFixture.catalog, mapping: mapping)
            .write(regime: "KTXH-THANG", period: "2026-11", units: [values], exported: Date(timeIntervalSince1970: 1_795_000_000))
    }

    func storedValueCount(_ store: NodeStore) throws -> Int {
        try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reportValue") ?? 0 }
    }

    static func adx(_ groups: String) -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-11-16T08:00:00Z">
            \(groups)
            </adx>
            """.utf8)
    }

    /// A Decree 09 month starts on the 15th of the month before; the others on their windows' first days.
    @Test func periods_startOnTheCutOffWindow_notTheCalendar() throws {
        #expect(AdxPeriod.text(for: try Period(parsing: "2026-11"), cutOff: .decree09) == "2026-10-15/P1M")
        #expect(AdxPeriod.text(for: try Period(parsing: "2026-01"), cutOff: .decree09) == "2025-12-15/P1M")
        #expect(AdxPeriod.text(for: try Period(parsing: "2026-Q4"), cutOff: .decree09) == "2026-09-15/P3M")
        #expect(AdxPeriod.text(for: try Period(parsing: "2026-H1"), cutOff: .decree09) == "2025-12-15/P6M")
        #expect(AdxPeriod.text(for: try Period(parsing: "2026"), cutOff: .decree09) == "2025-12-15/P1Y")
        #expect(AdxPeriod.text(for: try Period(parsing: "2026-11"), cutOff: .calendarMonths) == "2026-11-01/P1M")
        #expect(AdxPeriod.text(for: try Period(parsing: "2026-03-01..2026-03-20"), cutOff: .decree09) == "2026-03-01/P20D")
        for id in ["2026-11", "2026-01", "2026-Q4", "2026-H2", "2026-9M", "2026", "2026-03-01..2026-03-20"] {
            let period = try Period(parsing: id)
            #expect(try AdxPeriod.period(parsing: AdxPeriod.text(for: period, cutOff: .decree09), cutOff: .decree09) == period)
        }
        let calendar = #expect(throws: ExchangeError.self) { try AdxPeriod.period(parsing: "2026-11-01/P1M", cutOff: .decree09) }
        #expect(calendar?.message.contains("không khớp kỳ báo cáo nào") == true)
        #expect(throws: ExchangeError.self) { try AdxPeriod.period(parsing: "2026-11", cutOff: .decree09) }
    }

    /// Our codes go out as the receiver's, with breakdowns as attributes and canonical decimals.
    @Test func export_appliesTheMapping() throws {
        let output = try exportNovember()
        let xml = output.xml
        #expect(xml.contains(#"<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-11-18T"#))
        #expect(xml.contains(#"<group orgUnit="OU_XM01" period="2026-10-15/P1M" dataSet="DS_KTXH">"#))
        #expect(xml.contains(#"<dataValue dataElement="RICE_AREA" value="1245.125"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="POP" SEX="F" value="1520"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="POP" SEX="M" value="1480"/>"#))
        #expect(xml.contains(#"<dataValue dataElement="POP" value="3000"/>"#))
        #expect(!xml.contains("NN02") && !xml.contains("04801"))
        #expect(output.leftOut.map(\.key.description) == ["GC01"])
    }

    /// What we write validates against the schema we generate for the data set.
    @Test func export_isValidAgainstTheGeneratedSchema() throws {
        let xml = try exportNovember().xml
        let xsd = try AdxSchema(catalog: AdxFixture.catalog, mapping: AdxFixture.mapping).xsd(regime: "KTXH-THANG")
        #expect(xsd.contains(#"<xs:enumeration value="RICE_AREA">"#))
        #expect(xsd.contains(#"<xs:attribute name="SEX" type="SEX_Type"/>"#))
        #expect(!xsd.contains(#"value="NN04""#))
        let (status, message) = try XMLLint.validate(xml, schema: xsd, in: fixture.directory)
        #expect(status == 0, "\(message)")
        // And the schema does refuse a data element the form does not have.
        let wrong = xml.replacingOccurrences(of: "RICE_AREA", with: "UNKNOWN_DE")
        let refused = try XMLLint.validate(wrong, schema: xsd, in: fixture.directory)
        #expect(refused.status == 3, "\(refused.message)")   // xmllint: does not validate
        #expect(refused.message.contains("'UNKNOWN_DE' is not an element of the set"), "\(refused.message)")
    }

    /// Export from one node, import into the same unit's fresh node: the same figures.
    @Test func roundTrip_intoAFreshDraft_givesTheSameValues() throws {
        let xml = try exportNovember().xml
        let receiver = try AdxFixture()
        let outcome = try AdxImport(work: receiver.work, mapping: AdxFixture.mapping)
            .apply(Data(xml.utf8), by: receiver.clerk, at: Date())
        #expect(outcome.groups.count == 1)
        #expect(outcome.groups.first?.period.id == "2026-11")
        #expect(outcome.groups.first?.outcome.report.state == .draft)
        var expected = try fixture.novemberValues()
        expected[ValueKey("GC01")] = nil  // text does not travel in ADX
        #expect(try receiver.novemberValues() == expected)
        #expect(expected[ValueKey("DS01", breakdown: ["GT": "NU"])] == "1520")
    }

    /// With identity mapping, our own codes travel.
    @Test func identityMapping_keepsOurCodes() throws {
        let xml = try exportNovember(mapping: .identity).xml
        #expect(xml.contains(#"<dataValue dataElement="DS01" GT="NAM" value="1480"/>"#))
        #expect(xml.contains(#"orgUnit="04801""#))
        let receiver = try AdxFixture()
        _ = try AdxImport(work: receiver.work, mapping: .identity).apply(Data(xml.utf8), by: receiver.clerk, at: Date())
        #expect(try receiver.novemberValues()[ValueKey("DS01", breakdown: ["GT": "NAM"])] == "1480")
    }

    /// Broken XML is refused with where it broke, and nothing is stored.
    @Test func malformedXML_isRefused_andNothingIsStored() throws {
        let truncated = Data(#"<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-11-16T08:00:00Z"><group orgUnit="OU_XM01" period="2026-10-15/P1M" dataSet="DS_KTXH"><dataValue dataElement="RICE_AREA" value="1"/>"#.utf8)
        let error = #expect(throws: ExchangeError.self) {
            try AdxImport(work: fixture.work, mapping: AdxFixture.mapping).apply(truncated, by: fixture.clerk, at: Date())
        }
        #expect(error?.code == .malformedFile)
        #expect(error?.message.contains("không phải XML hợp lệ (dòng 1") == true)
        let notAdx = #expect(throws: ExchangeError.self) {
            try AdxImport(work: fixture.work, mapping: AdxFixture.mapping).apply(Data("<root/>".utf8), by: fixture.clerk, at: Date())
        }
        #expect(notAdx?.message.contains("phần tử gốc phải là <adx") == true)
        let badPeriod = #expect(throws: ExchangeError.self) {
            try AdxImport(work: fixture.work, mapping: AdxFixture.mapping).apply(Self.adx("""
                <group orgUnit="OU_XM01" period="2026-11" dataSet="DS_KTXH"><dataValue dataElement="RICE_AREA" value="1"/></group>
                """), by: fixture.clerk, at: Date())
        }
        #expect(badPeriod?.message.hasPrefix("Nhóm 1: kỳ ADX \"2026-11\" không đúng dạng") == true)
        #expect(try storedValueCount(fixture.store) == 0)
    }

    /// A code the mapping does not list is refused when it says refuse, naming the cell; nothing is stored.
    @Test func unmappedCode_isRefused_whenTheMappingSaysRefuse() throws {
        let file = Self.adx("""
            <group orgUnit="OU_XM01" period="2026-10-15/P1M" dataSet="DS_KTXH">
              <dataValue dataElement="RICE_AREA" value="10.5"/>
              <dataValue dataElement="NN03" value="20"/>
              <dataValue dataElement="POP" SEX="X" value="5"/>
              <dataValue dataElement="RICE_OUTPUT" value="1,5"/>
            </group>
            <group orgUnit="OU_OTHER" period="2026-10-15/P1M" dataSet="DS_KTXH"><dataValue dataElement="ZZZ" value="1"/></group>
            """)
        let error = #expect(throws: CellErrors.self) {
            try AdxImport(work: fixture.work, mapping: AdxFixture.mapping).apply(file, by: fixture.clerk, at: Date())
        }
        let problems = try #require(error).problems
        #expect(problems.map { $0.location } == ["nhóm 1, dataValue 2", "nhóm 1, dataValue 3", "nhóm 1, dataValue 4"])
        #expect(problems[0].message.contains("mã dataElement \"NN03\"") && problems[0].message.contains("dataElements"))
        #expect(problems[1].message.contains("SEX=\"X\""))
        #expect(problems[2].message.contains("không phải số thập phân ADX"))
        #expect(try storedValueCount(fixture.store) == 0)
        // Keeping the valid cells stores the one good figure and lists the others.
        let kept = try AdxImport(work: fixture.work, mapping: AdxFixture.mapping).apply(file, keepValid: true, by: fixture.clerk, at: Date())
        #expect(kept.otherOrgUnits == ["OU_OTHER"])
        #expect(kept.skipped.count == 3)
        #expect(try fixture.novemberValues() == [ValueKey("NN02"): "10.5"])
    }

    /// A mapping file that sends two of our codes to one receiver code is refused on load.
    @Test func mappingFile_loads_andRefusesAmbiguity() throws {
        let good = try AdxMapping.load(from: Data(#"{"unmappedCodes": "keep", "dataElements": {"NN02": "RICE_AREA"}}"#.utf8))
        #expect(good.dataElement(forIndicator: "NN02") == "RICE_AREA" && good.dataElement(forIndicator: "NN03") == "NN03")
        #expect(good.indicator(forDataElement: "RICE_AREA") == "NN02")
        #expect(try AdxMapping.load(from: Data("{}".utf8)).dataElement(forIndicator: "NN02") == nil)
        let twice = #expect(throws: ExchangeError.self) {
            try AdxMapping.load(from: Data(#"{"dataElements": {"NN02": "X", "NN03": "X"}}"#.utf8))
        }
        #expect(twice?.message.contains("gán cùng mã \"X\"") == true)
        #expect(throws: ExchangeError.self) { try AdxMapping.load(from: Data(#"{"unmappedCodes": "maybe"}"#.utf8)) }
    }
}

/// `xmllint --noout --schema`, from Debian's libxml2-utils.
enum XMLLint {
    static func validate(_ xml: String, schema: String, in directory: URL) throws -> (status: Int32, message: String) {
        let candidates = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        guard let tool = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            Issue.record("xmllint is missing: install libxml2-utils (apt-get install libxml2-utils) to validate ADX against its schema")
            return (-1, "xmllint missing")
        }
        let xmlFile = directory.appendingPathComponent("adx-\(UUID().uuidString).xml")
        let xsdFile = directory.appendingPathComponent("adx-\(UUID().uuidString).xsd")
        try Data(xml.utf8).write(to: xmlFile)
        try Data(schema.utf8).write(to: xsdFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--noout", "--schema", xsdFile.path, xmlFile.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
