import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The print, Excel and attachment routes of a report open the unit's own reports and
/// those it received as their receiver — not an archive copy it keeps of a report sent
/// to another unit, even one holding a file.
@Suite("Report routes: own and received only")
struct WebReportAccessTests {
    static let scan = Data("biên bản họp đã ký".utf8)

    /// A report of commune 04801, for `period`, held with an attached file: received by
    /// this node, or kept as an archive copy of one addressed to `relayedFor`.
    static func otherUnitsReport(_ node: WebFixture, period: Period, relayedFor: UnitCode?) throws -> Int64 {
        let attachment = ReportDocument.Attachment(name: "bien-ban.pdf", contentType: "application/pdf", size: scan.count,
                                                   sha256: SHA256Digest.hex(of: scan), part: ReportDocument.Attachment.part(1))
        let document = ReportDocument(regime: "KTXH-THANG", period: period, unit: "04801", revision: 1, form: "KTXH", formVersion: 1,
                                      releaseVersion: 1, values: [ValueKey("NN02"): ReportValue(text: "10")], narrative: "Tình hình ổn định",
                                      sectionApprovals: [], approvedBy: "lanhdao-xa", attachments: [attachment])
        try node.store.writer.write { db in
            if let relayedFor {
                try NodeStore.recordRelayedReport(document, bundleId: "ban-luu-\(period)", receiver: relayedFor, signedAt: Date(), at: Date(),
                                                  attachments: [(attachment, scan)], in: db)
            } else {
                try NodeStore.recordReceivedReport(document, bundleId: "goi-tin-\(period)", signedAt: Date(), receivedAt: Date(),
                                                   attachments: [(attachment, scan)], in: db)
            }
        }
        return try node.store.writer.read {
            try Int64.fetchOne($0, sql: "SELECT id FROM report WHERE unitCode = '04801' AND period = ?", arguments: [period.id])!
        }
    }

    @Test func archiveCopy_isNotFound_receivedOpens() async throws {
        // District 148, holding a report its commune 04801 sent it, and an archive copy of
        // another of that commune's reports addressed elsewhere (to the province).
        let node = try WebFixture(home: "148")
        let received = try Self.otherUnitsReport(node, period: "2026-11", relayedFor: nil)
        let copy = try Self.otherUnitsReport(node, period: "2026-10", relayedFor: "17")
        let app = node.application()
        try await app.test(.router) { client in
            let browser = Browser(client)
            let signedIn = try await browser.signIn("xem")
            #expect(signedIn.status == .seeOther)

            for route in ["/bao-cao/\(copy)/in", "/bao-cao/\(copy)/excel", "/bao-cao/\(copy)/tep?ten=bien-ban.pdf"] {
                let refused = try await browser.get(route)
                #expect(refused.status == .notFound, "\(route)")
                #expect(String(buffer: refused.body).contains("Không có báo cáo số \(copy) của đơn vị này hoặc gửi đến đơn vị này."), "\(route)")
                #expect(!String(buffer: refused.body).contains("biên bản họp đã ký") && !String(buffer: refused.body).contains("Tình hình ổn định"), "\(route)")
            }

            let file = try await browser.get("/bao-cao/\(received)/tep?ten=bien-ban.pdf")
            #expect(file.status == .ok && Data(file.body.readableBytesView) == Self.scan)
            let printed = try await browser.get("/bao-cao/\(received)/in")
            #expect(printed.status == .ok && String(buffer: printed.body).contains("Tình hình ổn định"))
            let form = try await browser.get("/bao-cao/\(received)/excel")
            #expect(form.status == .ok)
        }
    }
}
