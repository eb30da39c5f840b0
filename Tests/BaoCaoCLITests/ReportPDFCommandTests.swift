import BaoCaoBundle
import BaoCaoCore
import BaoCaoTesting
import Foundation
import Testing

/// `baocao report pdf` and `baocao report pdf-verify` through the real binary: a district's
/// approved report leaves as a PDF signed by its leader (a personal certificate from the
/// development CA) and then sealed by the unit, which pdfsig finds valid and pdftotext
/// reads; without the leader's key only the unit signs, and the command says so; a draft
/// cannot leave; a PDF changed after signing is refused with the reason.
@Suite("baocao report pdf")
struct ReportPDFCommandTests {
    @Test func approvedReport_leavesSignedByLeaderAndUnit_andIsChecked() throws {
        let network = try SignedNetwork(units: ["157"])
        try network.workspace.write(PermissionMatrixTests.catalog, to: "Config/catalog/nho.yaml")
        let district = try network.node("157", catalog: "catalog/nho.yaml", extra: "security:\n  bcryptCost: 4")
        let password = "mật-khẩu-đủ-dài-2026"
        func run(_ arguments: [String], as login: String? = "quantri") throws -> CommandRunner.Result {
            var environment = ["BAOCAO_NEW_PASSWORD": password]
            if login != nil { environment["BAOCAO_PASSWORD"] = password }
            return try CommandRunner.run(arguments + (login.map { ["--user", $0] } ?? []), environment: environment,
                                         input: password + "\n", in: network.workspace.root)
        }
        @discardableResult
        func must(_ arguments: [String], as login: String? = "quantri") throws -> String {
            let result = try run(arguments, as: login)
            guard result.status == 0 else { throw SignedNetwork.CLIFailure("\(arguments.joined(separator: " ")): \(result.error)") }
            return result.output
        }
        try must(["user", "add", "quantri", "--name", "Nguyễn Văn Thắng", "--role", "admin", "aggregator", "approver", "dataEntry",
                  "--password-stdin", "--config", district], as: nil)
        let id = try PermissionMatrixTests.Fixture.number(in: try must(["report", "new", "R1", "2026-10", "--config", district]))
        try must(["report", "set", id, "NN01=1.245,5", "TC01=12,125", "--config", district])

        // A draft cannot leave as a signed document.
        let draft = try run(["report", "pdf", id, "-o", "draft.pdf", "--config", district])
        #expect(draft.status != 0)
        #expect(draft.error.contains("chỉ báo cáo lãnh đạo đã duyệt và ký"), "\(draft.error)")

        for section in ["A", "B"] { try must(["report", "approve-section", id, section, "--config", district]) }
        try must(["report", "submit", id, "--config", district])
        try must(["report", "approve", id, "--config", district])

        // The leader's personal certificate, from the development CA.
        let pki = network.workspace.root.appendingPathComponent("pki")
        let root = try SigningIdentity(keyPEM: Data(contentsOf: pki.appendingPathComponent("root.key")),
                                       certificatePEM: Data(contentsOf: pki.appendingPathComponent("root.pem")))
        let leader = try DevelopmentPKI.issuePerson(name: "Nguyễn Văn Thắng", unit: "157", issuer: root, now: Date())
        try leader.key.pem().write(to: network.workspace.root.appendingPathComponent("leader.key"))
        try leader.certificate.pem.write(to: network.workspace.root.appendingPathComponent("leader.pem"))

        let signed = try must(["report", "pdf", id, "-o", "signed.pdf", "--config", district,
                               "--personal-key", "leader.key", "--personal-certificate", "leader.pem"])
        #expect(signed.contains("ký số PAdES bởi: Nguyễn Văn Thắng, Huyện Lạc Sơn"), "\(signed)")
        let pdf = network.workspace.root.appendingPathComponent("signed.pdf")
        let nss = network.workspace.root.appendingPathComponent("nss")
        try PDFTools.makeNSSDatabase(at: nss, trusting: root.certificate.pem)
        let report = try PDFTools.pdfsig(pdf, nssDirectory: nss)
        let sections = PDFTools.signatureSections(report)
        #expect(sections.count == 2 && sections.allSatisfy { $0.contains("Signature is Valid.") }, "\(report)")
        #expect(sections.last?.contains("- Total document signed") == true, "\(report)")
        let text = try PDFTools.pdftotext(pdf)
        for expected in ["HUYỆN LẠC SƠN", "TỈNH HOÀ BÌNH", "BÁO CÁO\nTHÁNG", "Kỳ báo cáo: 2026-10 — lần 1", "Diện tích lúa", "1.245,5", "12,125", "Nguyễn Văn Thắng"] {
            #expect(text.contains(expected), "missing \(expected) in \(text)")
        }
        let verified = try run(["report", "pdf-verify", "signed.pdf", "--trust", "pki/root.pem"], as: nil)
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.output.contains("Chữ ký số thứ 1: Nguyễn Văn Thắng") && verified.output.contains("Chữ ký số thứ 2: Huyện Lạc Sơn"),
                "\(verified.output)")
        // Recorded in the audit log.
        #expect(try must(["audit", "list", "--config", district]).contains("report.pdf"))

        // The leader's PKCS#12 file, its password from the environment; a wrong one signs nothing.
        try leader.pkcs12(password: "mật khẩu p12", name: "Nguyễn Văn Thắng").write(to: network.workspace.root.appendingPathComponent("leader.p12"))
        let fromP12 = try CommandRunner.run(["report", "pdf", id, "-o", "p12.pdf", "--config", district, "--user", "quantri",
                                             "--personal-key", "leader.p12", "--personal-password-environment", "MAT_KHAU_P12"],
                                            environment: ["BAOCAO_PASSWORD": password, "MAT_KHAU_P12": "mật khẩu p12"], in: network.workspace.root)
        #expect(fromP12.status == 0 && fromP12.output.contains("bởi: Nguyễn Văn Thắng, Huyện Lạc Sơn"), "\(fromP12.error)")
        let wrong = try CommandRunner.run(["report", "pdf", id, "-o", "sai.pdf", "--config", district, "--user", "quantri",
                                           "--personal-key", "leader.p12", "--personal-password-environment", "MAT_KHAU_P12"],
                                          environment: ["BAOCAO_PASSWORD": password, "MAT_KHAU_P12": "sai"], in: network.workspace.root)
        #expect(wrong.status != 0 && wrong.error.contains("sai mật khẩu"), "\(wrong.error)")
        #expect(!FileManager.default.fileExists(atPath: network.workspace.root.appendingPathComponent("sai.pdf").path))

        // Without the leader's key: the unit's signature only, and the command says so.
        let unitOnly = try must(["report", "pdf", id, "-o", "unit.pdf", "--config", district])
        #expect(unitOnly.contains("tệp chỉ mang chữ ký của đơn vị"), "\(unitOnly)")
        let unitReport = try PDFTools.pdfsig(network.workspace.root.appendingPathComponent("unit.pdf"), nssDirectory: nss)
        #expect(PDFTools.signatureSections(unitReport).count == 1 && unitReport.contains("Signature is Valid."), "\(unitReport)")

        // Appended after signing: refused with the reason.
        var altered = try Data(contentsOf: pdf)
        altered += Data("\n%%EOF\n".utf8)
        try altered.write(to: network.workspace.root.appendingPathComponent("altered.pdf"))
        let refused = try run(["report", "pdf-verify", "altered.pdf"], as: nil)
        #expect(refused.status == 1)
        #expect(refused.error.contains("byte được thêm vào sau chữ ký cuối cùng (của Huyện Lạc Sơn)"), "\(refused.error)")
    }
}
