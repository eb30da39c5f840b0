import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Figures taken out through the web interface are in the audit log with who took what
/// (seed 000 art. 4: no copying or disclosure of figures without trace): the form as
/// Excel, the print view, extraction in each format, ADX and the national packets.
@Suite("Web interface: exports of figures are audited")
struct WebExportAuditTests {
    let fixture: WebFixture

    init() throws {
        fixture = try WebFixture()
    }

    /// The export entries, oldest first: actor, object, detail.
    func exports() throws -> [(actor: String, object: String, detail: String)] {
        try fixture.store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, object, detail FROM auditEntry WHERE action = 'figures.export' ORDER BY sequence").map {
                (actor: $0["actor"], object: $0["object"], detail: $0["detail"])
            }
        }
    }

    // 000 art. 4: the clerk's download of the filled form as Excel names the clerk, the
    // regime-period, the unit and the format.
    @Test func excelOfTheReport_andItsPrintView_areAudited() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            #expect(try exports().isEmpty)
            let workbook = try await browser.get("/bao-cao/1/excel")
            #expect(workbook.status == .ok)
            let print = try await browser.get("/bao-cao/1/in")
            #expect(print.status == .ok)
        }
        let entries = try exports()
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.actor == "nhaplieu" && $0.object == "figures:KTXH-THANG/2026-11" })
        #expect(entries.first?.detail == "định dạng xlsx; báo cáo của đơn vị 04801; tải về qua web: KTXH-THANG_2026-11_04801.xlsx")
        #expect(entries.last?.detail == "định dạng ban-in; báo cáo của đơn vị 04801; bản in báo cáo số 1")
    }

    // 000 art. 4: every extraction format, ADX and the national packets, each with its entry.
    @Test func extractionAdxAndNationalPackets_areAudited() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            for format in ["xlsx", "csv", "json"] {
                let file = try await browser.get("/tong-hop/trich-xuat?regime=KTXH-THANG&period=2026-11&format=\(format)")
                #expect(file.status == .ok)
            }
            let unit = try await browser.get("/tong-hop/trich-xuat?regime=KTXH-THANG&period=2026-11&format=csv&unit=04801")
            #expect(unit.status == .ok)
            #expect(try await browser.get("/tong-hop/adx?regime=KTXH-THANG&period=2026-11").status == .ok)
            #expect(try await browser.get("/tong-hop/goi-quoc-gia?regime=KTXH-THANG&period=2026-11").status == .ok)
        }
        let entries = try exports()
        #expect(entries.count == 6)
        #expect(entries.allSatisfy { $0.actor == "lanhdao" && $0.object == "figures:KTXH-THANG/2026-11" })
        #expect(entries.map { $0.detail.components(separatedBy: ";")[0] }
                == ["định dạng xlsx", "định dạng csv", "định dạng json", "định dạng csv", "định dạng adx", "định dạng qcvn125"])
        #expect(entries[0].detail == "định dạng xlsx; số liệu tổng hợp; tải về qua web")
        #expect(entries[3].detail == "định dạng csv; số liệu của đơn vị 04801; tải về qua web")
        #expect(entries[5].detail.hasPrefix("định dạng qcvn125; số liệu tổng hợp; tải về qua web: "))
    }
}
