import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Data in and out through the web interface: the form as Excel, a file's figures into
/// the draft (wrong cells named next to their rows, nothing stored), the print view,
/// and extraction from the aggregate page.
@Suite("Web interface: Excel and CSV in and out, print view, extraction")
struct WebDataExchangeTests {
    let fixture: WebFixture

    init() throws {
        fixture = try WebFixture()
    }

    func stored(_ key: String) throws -> String? {
        try fixture.store.writer.read { try String.fetchOne($0, sql: "SELECT value FROM reportValue WHERE key = ?", arguments: [key]) }
    }

    @Test func excelForm_isDownloaded_andAFileWithWrongCells_isRefusedCellByCell() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            #expect(browser.lastPage.contains("/bao-cao/1/excel"))
            let workbook = try await browser.get("/bao-cao/1/excel")
            #expect(workbook.status == .ok)
            #expect(workbook.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(workbook.headers[.contentDisposition]?.contains("KTXH-THANG_2026-11_04801.xlsx") == true)
            #expect(Array(workbook.body.readableBytesView.prefix(2)) == [0x50, 0x4B])

            let wrong = Data("Mã chỉ tiêu;Giá trị\nNN02;nhiều\nLD02;12,5\n".utf8)
            let refused = try await browser.postFile("/bao-cao/1/nhap-tep", field: "tep-so-lieu", fileName: "sai.csv", type: "text/csv", data: wrong)
            #expect(refused.status == .unprocessableContent)
            #expect(browser.lastPage.contains("Chưa lưu gì: tệp sai.csv có 2 ô sai"))
            #expect(browser.lastPage.contains("dòng 2: "))        // said next to NN02's field
            #expect(browser.lastPage.contains("aria-invalid=\"true\""))
            #expect(try stored("NN02") == nil)

            let right = Data("Mã chỉ tiêu;Giá trị\nNN02;1.245,5\nLD02;412\n".utf8)
            let imported = try await browser.postFile("/bao-cao/1/nhap-tep", field: "tep-so-lieu", fileName: "dung.csv", type: "text/csv", data: right)
            #expect(imported.status == .seeOther)
            #expect(try stored("NN02") == "1245.5")
        }
    }

    @Test func anADXFile_fillsTheDraft() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            let adx = """
                <?xml version="1.0" encoding="UTF-8"?>
                <adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-11-20T08:00:00Z">
                  <group orgUnit="04801" period="2026-10-15/P1M" dataSet="KTXH-THANG">
                    <dataValue dataElement="NN02" value="1245.5"/>
                    <dataValue dataElement="LD02" value="412"/>
                  </group>
                </adx>
                """
            let imported = try await browser.postFile("/bao-cao/1/nhap-tep", field: "tep-so-lieu", fileName: "so-lieu.adx.xml",
                                                      type: "application/xml", data: Data(adx.utf8))
            #expect(imported.status == .seeOther)
            #expect(try stored("NN02") == "1245.5" && stored("LD02") == "412")
        }
    }

    @Test func printView_hasTheOfficialLayout() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            let csv = Data("NN02;1.245,5\n".utf8)
            try await browser.postFile("/bao-cao/1/nhap-tep", field: "tep-so-lieu", fileName: "so-lieu.csv", type: "text/csv", data: csv)
            let page = try await browser.get("/bao-cao/1/in")
            #expect(page.status == .ok)
            let html = browser.lastPage
            #expect(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && html.contains("Độc lập - Tự do - Hạnh phúc"))
            #expect(html.contains("XÃ MỘT") && html.contains("HUYỆN LẠC SƠN"))
            #expect(html.contains("Số: 1/BC-04801"))
            #expect(html.contains("<td class=\"num\">1.245,5</td>"))
            #expect(html.contains("(Chưa ký)"))
        }
    }

    @Test func aggregatePage_offersExtraction_asCSVExcelAndJSON() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            try await browser.get("/tong-hop/xem?regime=KTXH-THANG&period=2026-11")
            #expect(browser.lastPage.contains("/tong-hop/trich-xuat?regime=KTXH%2DTHANG&amp;period=2026%2D11&amp;format=csv"))
            for (format, type) in [("csv", "text/csv; charset=utf-8"), ("json", "application/json"),
                                   ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")] {
                let file = try await browser.get("/tong-hop/trich-xuat?regime=KTXH-THANG&period=2026-11&format=\(format)")
                #expect(file.status == .ok, "\(format)")
                #expect(file.headers[.contentType] == type)
            }
            let adx = try await browser.get("/tong-hop/adx?regime=KTXH-THANG&period=2026-11")
            #expect(adx.status == .ok)
            #expect(String(buffer: adx.body).contains("urn:ihe:qrph:adx:2015"))
            #expect(String(buffer: adx.body).contains("period=\"2026-10-15/P1M\""))
            let packets = try await browser.get("/tong-hop/goi-quoc-gia?regime=KTXH-THANG&period=2026-11")
            #expect(packets.status == .ok)
            #expect(packets.headers[.contentType] == "application/zip")
            #expect(Array(packets.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let anonymous = Browser(client)
            let refused = try await anonymous.get("/tong-hop/trich-xuat?regime=KTXH-THANG&period=2026-11&format=csv")
            #expect(refused.status == .seeOther)
            #expect(refused.headers[.location] == "/dang-nhap")
            #expect(refused.body.readableBytes == 0)
        }
    }
}
