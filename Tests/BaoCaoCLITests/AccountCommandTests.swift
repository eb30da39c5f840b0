import Foundation
import Testing

extension CommandRunner {
    /// Runs `baocao` with extra environment variables and text on standard input.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String], input: String = "", in directory: URL = packageRoot) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "BAOCAO_PASSWORD" && $0.key != "BAOCAO_NEW_PASSWORD" }
            .merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), error: String(decoding: error, as: UTF8.self))
    }
}

@Suite("baocao user, section and audit")
struct AccountCommandTests {
    @Test func accounts_lockout_andAuditTampering() throws {
        let workspace = try SampleWorkspace()
        let sample = try String(contentsOfFile: workspace.path("Config/xa-nhan-nghia.yaml"), encoding: .utf8)
        try workspace.write(sample + "\nsecurity:\n  bcryptCost: 4\n  maximumFailedSignIns: 3\n", to: "Config/xa.yaml")
        let config = workspace.path("Config/xa.yaml")
        let database = workspace.path(".baocao-data/05290/baocao.sqlite")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let run = { (arguments: [String], env: [String: String], input: String) in
            try CommandRunner.run(arguments + ["--config", config], environment: env, input: input)
        }
        let asAdmin = ["BAOCAO_PASSWORD": "mat-khau-quan-tri"]

        // Bootstrap: the first account needs no --user, but must be an admin.
        let notAdmin = try run(["user", "add", "quantri", "--name", "Quản trị", "--role", "viewer", "--password-stdin"], [:], "mat-khau-quan-tri\n")
        #expect(notAdmin.status == 1 && notAdmin.error.contains("phải có vai trò quản trị"), "\(notAdmin.error)")
        let first = try run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin"], [:], "mat-khau-quan-tri\n")
        #expect(first.status == 0, "\(first.error)")
        let again = try run(["user", "add", "khac", "--name", "Khác", "--role", "admin", "--password-stdin"], [:], "mat-khau-khac-1\n")
        #expect(again.status == 1 && again.error.contains("--user"), "\(again.error)")

        // The admin adds a data-entry clerk; a weak password is refused.
        let weak = try run(["user", "add", "nhaplieu", "--name", "Chị Hoa", "--role", "dataEntry", "--user", "quantri", "--password-stdin"], asAdmin, "ngan\n")
        #expect(weak.status == 1 && weak.error.contains("ít nhất 10 ký tự"), "\(weak.error)")
        let clerk = try run(["user", "add", "nhaplieu", "--name", "Chị Hoa", "--role", "dataEntry", "--user", "quantri", "--password-stdin"], asAdmin, "mat-khau-nhap-lieu\n")
        #expect(clerk.status == 0, "\(clerk.error)")

        // The clerk may not add accounts.
        let refused = try run(["user", "add", "ke-gian", "--name", "Kẻ gian", "--role", "admin", "--user", "nhaplieu", "--password-stdin"],
                              ["BAOCAO_PASSWORD": "mat-khau-nhap-lieu"], "mat-khau-ke-gian\n")
        #expect(refused.status == 1)
        #expect(refused.error.hasPrefix("Lỗi: nhaplieu không có quyền thêm tài khoản"), "\(refused.error)")

        // Wrong password and unknown login read alike.
        let wrong = try run(["user", "list", "--user", "quantri"], ["BAOCAO_PASSWORD": "sai"], "")
        let unknown = try run(["user", "list", "--user", "khongco"], ["BAOCAO_PASSWORD": "sai"], "")
        #expect(wrong.status == 1 && wrong.error == unknown.error && wrong.error.contains("không đúng"), "\(wrong.error) / \(unknown.error)")

        // The admin locks the clerk; the clerk's sign-in is refused as locked.
        #expect(try run(["user", "lock", "nhaplieu", "--user", "quantri"], asAdmin, "").status == 0)
        let locked = try run(["section", "list", "--user", "nhaplieu"], ["BAOCAO_PASSWORD": "mat-khau-nhap-lieu"], "")
        #expect(locked.status == 1 && locked.error.contains("đang bị khóa"), "\(locked.error)")

        let list = try run(["user", "list", "--user", "quantri", "--json"], asAdmin, "")
        #expect(list.output.contains(#""login":"nhaplieu","name":"Chị Hoa","roles":["dataEntry"],"locked":true"#), "\(list.output)")

        // The log verifies and lists every account action.
        let verify = try run(["audit", "verify", "--user", "quantri"], asAdmin, "")
        #expect(verify.status == 0 && verify.output.contains("toàn vẹn"), "\(verify.error)")
        let audit = try run(["audit", "list", "--user", "quantri", "--json"], asAdmin, "")
        for action in ["user.add", "signin.ok", "signin.failed", "user.lock"] { #expect(audit.output.contains(#""action":"\#(action)""#), "\(action)") }
        // Entry 1 is the node's initialization; entry 5 the clerk's creation.
        #expect(try SQLiteShell.query(database, "SELECT action FROM auditEntry WHERE sequence = 1") == "node.init\n")
        #expect(try SQLiteShell.query(database, "SELECT object FROM auditEntry WHERE sequence = 5") == "nhaplieu\n")

        // Someone edits entry 5 in the file with sqlite3: verify names it.
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        tamper.arguments = [database, "DROP TRIGGER auditEntry_noUpdate; UPDATE auditEntry SET object = 'nguoi-khac' WHERE sequence = 5;"]
        try tamper.run()
        tamper.waitUntilExit()
        #expect(tamper.terminationStatus == 0)
        let broken = try run(["audit", "verify", "--user", "quantri"], asAdmin, "")
        #expect(broken.status == 1)
        #expect(broken.error.contains("Mục số 5 đã bị sửa"), "\(broken.error)")
    }

    /// Someone edits the node's configuration by hand between two runs: the next command
    /// appends a configuration change to the audit log, naming the settings that changed.
    @Test func handEditedConfiguration_isAudited() throws {
        let workspace = try SampleWorkspace()
        let sample = try String(contentsOfFile: workspace.path("Config/xa-nhan-nghia.yaml"), encoding: .utf8)
        try workspace.write(sample + "\nsecurity:\n  bcryptCost: 4\n  maximumFailedSignIns: 5\n", to: "Config/xa.yaml")
        let config = workspace.path("Config/xa.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let first = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(first.status == 0, "\(first.error)")
        try workspace.write(sample + "\nsecurity:\n  bcryptCost: 4\n  maximumFailedSignIns: 50\n", to: "Config/xa.yaml")
        let audit = try CommandRunner.run(["audit", "list", "--user", "quantri", "--json", "--config", config],
                                          environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"])
        #expect(audit.status == 0, "\(audit.error)")
        #expect(audit.output.contains(#""action":"config.change""#), "\(audit.output)")
        #expect(audit.output.contains("security.maximumFailedSignIns"), "\(audit.output)")
        let again = try CommandRunner.run(["audit", "list", "--user", "quantri", "--json", "--config", config],
                                          environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"])
        #expect(again.output.components(separatedBy: "config.change").count == 2, "recorded once")
    }
}
