import BaoCaoCore
import BaoCaoExchange
import BaoCaoZip
import Foundation

/// Workbooks written by ``FormWorkbookWriter`` (blank and filled), each also in the parts
/// form ``XLSXFuzzTarget`` packs itself, so the fuzzer can change the XML.
enum WorkbookSeeds {
    static func make() throws -> [(String, Data)] {
        let catalog = FuzzSeedCatalog.catalog
        let form = catalog.forms[0]
        let regime = catalog.regimes[0]
        let unit = FuzzTrust.topology.unit(code: "05290")!
        let sheet = FormSheet(form: form, catalog: catalog)
        let blank = try FormWorkbookWriter(sheet: sheet, heading: .init(regime: regime, period: nil, unit: unit)).workbook()
        let filled = try FormWorkbookWriter(sheet: sheet, heading: .init(regime: regime, period: "2026-10", unit: unit, revision: 2))
            .workbook(values: FuzzSeedCatalog.values)
        var seeds: [(String, Data)] = [("blank.xlsx", blank), ("filled.xlsx", filled)]
        seeds.append(("blank.parts", try XLSXFuzzTarget.explode(blank)))
        seeds.append(("filled.parts", try XLSXFuzzTarget.explode(filled)))
        seeds.append(("legacy-font.parts", Data(legacyParts.utf8)))
        seeds += try refused()
        return seeds
    }

    /// Workbooks the reader must refuse: the 400-byte one whose shared strings hold a
    /// processing instruction without data (`<?x?>`, which crashed FoundationXML and the
    /// node with it), a sheet with a DTD declaring an entity, and a part that inflates
    /// a thousand times (a zip bomb in small).
    static func refused() throws -> [(String, Data)] {
        let parts = XLSXFuzzTarget.parts(Data(legacyParts.utf8))
        func replacing(_ path: String, with content: String) -> [(path: String, content: Data)] {
            parts.map { $0.path == path ? (path: $0.path, content: Data(content.utf8)) : $0 }
        }
        let sst = #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si><?x?></sst>"#
        let doctype = #"<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "NN02">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>"#
        guard let processingInstruction = XLSXFuzzTarget.pack(replacing("xl/sharedStrings.xml", with: sst)),
              let declaredEntity = XLSXFuzzTarget.pack(replacing("xl/worksheets/sheet1.xml", with: doctype)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let bomb = try ZipWriter()
        for (path, content) in parts where path != "xl/worksheets/sheet1.xml" { try bomb.add(path, data: content) }
        let row = Data(#"<row><c t="inlineStr"><is><t>0</t></is></c></row>"#.utf8)
        var sheet = Data(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.utf8)
        for _ in 0..<(2 << 20) / row.count { sheet.append(row) }
        sheet.append(Data("</sheetData></worksheet>".utf8))
        try bomb.add("xl/worksheets/sheet1.xml", data: sheet)
        return [("refused-pi-shared-strings.xlsx", processingInstruction), ("refused-doctype-sheet.xlsx", declaredEntity),
                ("refused-ratio.xlsx", bomb.data ?? Data())]
    }

    /// A sheet as another program saves it: inline strings, shared strings in a
    /// `.VnTime` font (TCVN3 text), a formula with its cached value.
    static let legacyParts = [
        "xl/workbook.xml\n<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        "xl/_rels/workbook.xml.rels\n<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>",
        "xl/styles.xml\n<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><name val=\"Calibri\"/></font><font><name val=\".VnTime\"/></font></fonts><cellXfs count=\"2\"><xf fontId=\"0\"/><xf fontId=\"1\"/></cellXfs></styleSheet>",
        "xl/sharedStrings.xml\n<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>Mã chỉ tiêu</t></si><si><t>Giá trị</t></si><si><r><rPr><rFont val=\".VnTime\"/></rPr><t>M\u{AD}a l\u{F2}</t></r></si></sst>",
        "xl/worksheets/sheet1.xml\n<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>NN02</t></is></c><c r=\"B3\"><v>1245.5</v></c></row><row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>GC01</t></is></c><c r=\"B4\" t=\"s\" s=\"1\"><v>2</v></c></row><row r=\"5\"><c r=\"A5\" t=\"str\"><v>NN03</v></c><c r=\"B5\"><f>B3*2</f><v>2491</v></c><c r=\"AA5\" t=\"b\"><v>1</v></c></row></sheetData></worksheet>",
    ].joined(separator: "\u{0}")
}
