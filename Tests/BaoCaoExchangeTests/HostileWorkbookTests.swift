import BaoCaoCore
import BaoCaoExchange
import BaoCaoStore
import BaoCaoTesting
import BaoCaoZip
import Foundation
import GRDB
import Testing

/// Workbooks and ADX files made to harm the node: a processing instruction that crashed
/// FoundationXML, a DTD with entities, zip bombs with honest and lying headers, too many
/// parts. Each is refused with a Vietnamese message naming what is wrong, and nothing is
/// stored (issue 17, item 3).
@Suite("Hostile workbooks and ADX files")
struct HostileWorkbookTests {
    let fixture: ExchangeFixture

    init() throws {
        fixture = try ExchangeFixture()
    }

    /// The small workbook another program saves (``WorkbookSeeds``' parts), with one part replaced.
    static func workbook(replacing path: String? = nil, with content: String = "") throws -> Data {
        var entries = [
            ("xl/workbook.xml", #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/sharedStrings.xml", #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>NN02</t></si></sst>"#),
            ("xl/worksheets/sheet1.xml", #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1245.5</v></c></row></sheetData></worksheet>"#),
        ]
        if let path { entries = entries.map { $0.0 == path ? ($0.0, content) : $0 } }
        let writer = try ZipWriter()
        for (name, text) in entries { try writer.add(name, data: Data(text.utf8)) }
        return try #require(writer.data)
    }

    func storedValueCount() throws -> Int {
        try fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reportValue") ?? 0 }
    }

    /// Should read the small workbook itself (so the refusals below are for what was replaced).
    @Test func smallWorkbook_reads() throws {
        let cells = try XLSXReader(data: try Self.workbook()).cells(ofSheet: "Sheet1")
        #expect(cells["A1"]?.text == "NN02")
        #expect(cells["B1"]?.text == "1245.5")
    }

    /// Should refuse the 400-byte workbook whose shared strings hold `<?x?>` (it crashed
    /// the process through FoundationXML), naming the part, the line and the byte.
    @Test func processingInstructionInSharedStrings_isRefused_namingThePart() throws {
        let data = try Self.workbook(replacing: "xl/sharedStrings.xml",
                                     with: #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><?x?></sst>"#)
        let error = #expect(throws: ExchangeError.self) { try XLSXReader(data: data) }
        #expect(error?.code == .malformedFile)
        #expect(error?.message == "Không đọc được tệp Excel: phần xl/sharedStrings.xml bị từ chối vì có chỉ thị xử lý <?x…?>, không được phép (dòng 1, byte 92).")
        let imported = #expect(throws: ExchangeError.self) {
            try FileValueImport(work: fixture.work).importFile(data, named: "pi.xlsx", regime: "KTXH-THANG", period: "2026-10",
                                                               keepValid: false, by: fixture.clerk, at: Date())
        }
        #expect(imported?.code == .malformedFile)
        #expect(try storedValueCount() == 0)
    }

    /// Should refuse a sheet that declares an entity in a DTD, before reading any cell.
    @Test func documentTypeInSheet_isRefused() throws {
        let data = try Self.workbook(replacing: "xl/worksheets/sheet1.xml", with: """
            <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "NN02">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>
            """)
        let error = #expect(throws: ExchangeError.self) { try XLSXReader(data: data).cells(ofSheet: "Sheet1") }
        #expect(error?.message.contains("phần xl/worksheets/sheet1.xml bị từ chối vì có khai báo DTD (<!DOCTYPE …>)") == true)
    }

    /// Should refuse a ~0.36 MB workbook whose sheet and shared strings declare ~180 MB each,
    /// from the directory alone: at once, and without inflating.
    @Test func zipBomb_withHonestHeaders_isRefusedFromTheDirectory() throws {
        let bomb = ZipBomb.workbook()
        #expect(bomb.count < 400_000, "\(bomb.count) bytes")
        let started = Date()
        let error = #expect(throws: ExchangeError.self) { try XLSXReader(data: bomb) }
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(error?.code == .tooLarge)
        #expect(error?.message == "Tệp Excel vượt giới hạn cho phép: phần xl/sharedStrings.xml giải nén ra 188743680 byte, quá 16777216 byte; nghi là bom nén. Không đọc tệp này.")
    }

    /// Should catch a bomb whose headers understate each part (1,000 bytes) as the bytes
    /// come, and not inflate past what was declared.
    @Test func zipBomb_withLyingHeaders_isRefusedWhileInflating() throws {
        let bomb = ZipBomb.workbook(headers: .lying)
        let error = #expect(throws: ExchangeError.self) { try XLSXReader(data: bomb) }
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("giải nén ra nhiều hơn 1000 byte nó khai; nghi là bom nén") == true)
    }

    /// Should refuse a part that inflates over a hundred times once it is over 1 MiB, and
    /// a workbook of more entries, or a larger total, than the limits allow.
    @Test func ratioEntriesAndTotal_areHeldToTheLimits() throws {
        let ratio = #expect(throws: ExchangeError.self) { try XLSXReader(data: ZipBomb.workbook(inflatedPartSize: 4 << 20)) }
        #expect(ratio?.message.contains("phần xl/sharedStrings.xml nén") == true && ratio?.message.contains("quá 100 lần") == true)
        let data = try Self.workbook()
        let entries = #expect(throws: ExchangeError.self) { try XLSXReader(data: data, limits: WorkbookLimits(maximumEntries: 3)) }
        #expect(entries?.message == "Tệp Excel vượt giới hạn cho phép: tệp có 4 phần, quá 3 phần. Không đọc tệp này.")
        let total = #expect(throws: ExchangeError.self) { try XLSXReader(data: data, limits: WorkbookLimits(maximumTotalSize: 500)) }
        #expect(total?.code == .tooLarge)
        let cells = #expect(throws: ExchangeError.self) {
            try XLSXReader(data: data, limits: WorkbookLimits(maximumCells: 1)).cells(ofSheet: "Sheet1")
        }
        #expect(cells?.message.contains("trang tính xl/worksheets/sheet1.xml có hơn 1 ô") == true)
    }

    /// Should refuse an ADX file with `<?x?>` (it crashed the process the same way), a DTD
    /// or an undefined entity, saying where; nothing is stored.
    @Test func hostileADX_isRefused_andNothingIsStored() throws {
        let body = #"<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-11-16T08:00:00Z"><group orgUnit="04801" period="2026-10-15/P1M" dataSet="KTXH-THANG"><dataValue dataElement="NN02" value="1"/></group></adx>"#
        let cases = [
            ("<?xml version=\"1.0\"?>\n<?x?>" + body, "Tệp ADX không phải XML hợp lệ (dòng 2, byte 22): có chỉ thị xử lý <?x…?>, không được phép; hãy kiểm tra tệp có bị cắt cụt hay sửa tay không."),
            (#"<!DOCTYPE adx [<!ENTITY x SYSTEM "file:///etc/passwd">]>"# + body, "Tệp ADX không phải XML hợp lệ (dòng 1, byte 0): có khai báo DTD (<!DOCTYPE …>), không được phép vì có thể định nghĩa thực thể; hãy kiểm tra tệp có bị cắt cụt hay sửa tay không."),
            (body.replacingOccurrences(of: #"value="1""#, with: #"value="&x;""#), "&x;"),
        ]
        for (text, message) in cases {
            let error = #expect(throws: ExchangeError.self) {
                try FileValueImport(work: fixture.work).importFile(Data(text.utf8), named: "x.xml", regime: nil, period: nil,
                                                                   keepValid: false, by: fixture.clerk, at: Date())
            }
            #expect(error?.code == .malformedFile)
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        }
        #expect(try storedValueCount() == 0)
    }
}
