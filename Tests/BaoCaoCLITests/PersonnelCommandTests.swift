import Foundation
import Testing

/// `baocao personnel` at the command line: grants rest on a written approval, reads are
/// audited, dates are typed dd/mm/yyyy, and a node whose release carries no personnel
/// catalog refuses to enter a record, saying why.
@Suite("baocao personnel")
struct PersonnelCommandTests {
    @Test func grant_needsItsDocument_andTheRosterIsAudited() throws {
        let workspace = try SampleWorkspace()
        let sample = try String(contentsOfFile: workspace.path("Config/xa-nhan-nghia.yaml"), encoding: .utf8)
        try workspace.write(sample + "\nsecurity:\n  bcryptCost: 4\n", to: "Config/xa.yaml")
        let config = workspace.path("Config/xa.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let run = { (arguments: [String], env: [String: String], input: String) in
            try CommandRunner.run(arguments + ["--config", config], environment: env, input: input)
        }
        let asAdmin = ["BAOCAO_PASSWORD": "mat-khau-quan-tri"]
        let asReader = ["BAOCAO_PASSWORD": "mat-khau-khai-thac"]
        #expect(try run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin"], [:], "mat-khau-quan-tri\n").status == 0)
        #expect(try run(["user", "add", "khaithac", "--name", "Người khai thác", "--role", "viewer", "--user", "quantri", "--password-stdin"],
                        asAdmin, "mat-khau-khai-thac\n").status == 0)

        // No grant yet: the roster is refused.
        let before = try run(["personnel", "roster", "--user", "khaithac"], asReader, "")
        #expect(before.status == 1 && before.error.contains("cần được cấp quyền"), "\(before.error)")
        // A grant without its document's number, or its date, is refused naming what is missing.
        let noNumber = try run(["personnel", "grant", "khaithac", "read", "--document-date", "05/01/2026", "--user", "quantri"], asAdmin, "")
        #expect(noNumber.status == 1 && noNumber.error.contains("Thiếu số văn bản đồng ý"), "\(noNumber.error)")
        let noDate = try run(["personnel", "grant", "khaithac", "read", "--document", "15/QĐ-UBND", "--user", "quantri"], asAdmin, "")
        #expect(noDate.status == 1 && noDate.error.contains("Thiếu ngày của văn bản"), "\(noDate.error)")
        let badDate = try run(["personnel", "grant", "khaithac", "read", "--document", "15/QĐ-UBND", "--document-date", "31/02/2026", "--user", "quantri"], asAdmin, "")
        #expect(badDate.status == 1 && badDate.error.contains("--document-date"), "\(badDate.error)")
        let granted = try run(["personnel", "grant", "khaithac", "read", "--document", "15/QĐ-UBND", "--document-date", "05/01/2026", "--user", "quantri"], asAdmin, "")
        #expect(granted.status == 0 && granted.output.contains("05/01/2026"), "\(granted.error)")

        // Granted, the reader sees the roster on a date typed either way, and each read is audited.
        let roster = try run(["personnel", "roster", "--on", "2026-03-01", "--user", "khaithac"], asReader, "")
        #expect(roster.status == 0 && roster.output.contains("ngày 01/03/2026"), "\(roster.error)")
        let audit = try run(["audit", "list", "--user", "quantri", "--json"], asAdmin, "")
        #expect(audit.output.contains(#""action":"personnel.grant""#) && audit.output.contains(#""action":"personnel.roster""#), "\(audit.output)")

        // Without a personnel catalog in the release in force, no record is entered.
        try workspace.write("""
            identity: {fullName: "Đinh Thị Hòa", birthDate: "1990-05-17", sex: female}
            personal: {titles: [], family: []}
            recruitment: {unit: "05290", kind: civilServant, form: thi-tuyen}
            decision: {number: "12/QĐ-UBND", signedOn: "2026-01-28", issuer: "UBND xã", effectiveOn: "2026-02-02"}
            """, to: "person.yaml")
        #expect(try run(["personnel", "grant", "khaithac", "edit", "--document", "15/QĐ-UBND", "--document-date", "2026-01-05", "--user", "quantri"], asAdmin, "").status == 0)
        let add = try run(["personnel", "add", "--file", workspace.path("person.yaml"), "--user", "khaithac"], asReader, "")
        #expect(add.status == 1 && add.error.contains("chưa có danh mục hồ sơ cán bộ"), "\(add.error)")

        // Revoked, the roster is refused again.
        #expect(try run(["personnel", "revoke", "khaithac", "read", "--user", "quantri"], asAdmin, "").status == 0)
        #expect(try run(["personnel", "revoke", "khaithac", "edit", "--user", "quantri"], asAdmin, "").status == 0)
        #expect(try run(["personnel", "roster", "--user", "khaithac"], asReader, "").status == 1)
    }
}
