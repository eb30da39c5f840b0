import BaoCaoBundle
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoTesting
import BaoCaoWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The report page's button for the e-office system: the unit's own approved report
/// downloads as a PDF sealed with the node's signing identity, which pdfsig finds valid
/// and covering the whole file; someone who may not send reports neither sees the button
/// nor gets the file.
@Suite("Web interface: the signed PDF for the e-office system")
struct WebReportPDFTests {
    @Test func approvedReport_downloadsAsAPDFSealedByTheUnit() async throws {
        let node = try SignedWebNode(people: ["lanhdao": .approver, "nhaplieu": .dataEntry, "delegate": .dataEntry])
        let approved = try node.ownReport(.approved)
        let app = Application(router: LocalApplication.router(runtime: node.work.runtime, web: node.web))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-webpdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await app.test(.router) { client in
            let leader = Browser(client)
            try await leader.signIn("lanhdao")
            try await leader.get("/bao-cao/\(approved)")
            #expect(leader.lastPage.contains("action=\"/bao-cao/\(approved)/pdf\""), "\(leader.lastPage)")
            let response = try await leader.post("/bao-cao/\(approved)/pdf", [])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/pdf")
            #expect(response.headers[.contentDisposition]?.contains("bao-cao-KTXH-THANG-2026-11-lan-1.pdf") == true)
            let pdf = Data(response.body.readableBytesView)
            let check = PDFSignatureCheck(pdf: pdf, anchors: try TrustStore(anchors: [SignedWebNode.pki.root.certificate]))
            #expect(check.isValid, "\(check.reasons)")
            #expect(check.signatures.count == 1)
            #expect(check.signatures.first?.certificate == SignedWebNode.pki.units["148"]?.signing.certificate)

            let file = directory.appendingPathComponent("bao-cao.pdf")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try pdf.write(to: file)
            let nss = directory.appendingPathComponent("nss")
            try PDFTools.makeNSSDatabase(at: nss, trusting: SignedWebNode.pki.root.certificate.pem)
            let report = try PDFTools.pdfsig(file, nssDirectory: nss)
            #expect(report.contains("Signature is Valid.") && report.contains("- Total document signed"), "\(report)")
            #expect(try PDFTools.pdftotext(file).contains("1.245,5"))

            let clerk = Browser(client)
            try await clerk.signIn("nhaplieu")
            try await clerk.get("/bao-cao/\(approved)")
            #expect(!clerk.lastPage.contains("/bao-cao/\(approved)/pdf"))
            let refused = try await clerk.post("/bao-cao/\(approved)/pdf", [])
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.contentType] != "application/pdf")
        }
    }
}
