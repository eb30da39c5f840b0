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

        // The admin locks the clerk; the clerk's sign-in is refused with the one answer every refusal gets.
        #expect(try run(["user", "lock", "nhaplieu", "--user", "quantri"], asAdmin, "").status == 0)
        let locked = try run(["section", "list", "--user", "nhaplieu"], ["BAOCAO_PASSWORD": "mat-khau-nhap-lieu"], "")
        #expect(locked.status == 1 && locked.error == wrong.error, "\(locked.error)")

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

    /// The last admin is locked out (by a stranger's wrong passwords, then by the admin's
    /// own forgotten one): the operator at the server's shell recovers the account with a
    /// new password, and the audit log says who did it.
    @Test func userRecover_unlocksTheLastAdmin_withANewPassword_audited() throws {
        let workspace = try SampleWorkspace()
        let sample = try String(contentsOfFile: workspace.path("Config/xa-nhan-nghia.yaml"), encoding: .utf8)
        try workspace.write(sample + "\nsecurity:\n  bcryptCost: 4\n  maximumFailedSignIns: 3\n", to: "Config/xa.yaml")
        let config = workspace.path("Config/xa.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let run = { (arguments: [String], env: [String: String], input: String) in
            try CommandRunner.run(arguments + ["--config", config], environment: env, input: input)
        }
        #expect(try run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin"], [:], "mat-khau-quan-tri\n").status == 0)
        #expect(try run(["user", "add", "nhaplieu", "--name", "Chị Hoa", "--role", "dataEntry", "--user", "quantri", "--password-stdin"],
                        ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], "mat-khau-nhap-lieu\n").status == 0)
        for _ in 1...3 { #expect(try run(["user", "list", "--user", "quantri"], ["BAOCAO_PASSWORD": "doan-bua"], "").status == 1) }
        let lockedOut = try run(["user", "list", "--user", "quantri"], ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], "")
        #expect(lockedOut.status == 1, "the right password is refused while locked out")

        // A weak password, a clerk's account and an unknown login are refused, and nothing changes.
        let weak = try run(["user", "recover", "quantri", "--password-stdin"], [:], "ngan\n")
        #expect(weak.status == 1 && weak.error.contains("ít nhất 10 ký tự"), "\(weak.error)")
        let clerk = try run(["user", "recover", "nhaplieu", "--password-stdin"], [:], "mat-khau-chiem-quyen\n")
        #expect(clerk.status == 1 && clerk.error.contains("chỉ khôi phục được tài khoản quản trị"), "\(clerk.error)")
        let unknown = try run(["user", "recover", "khongco", "--password-stdin"], [:], "mat-khau-chiem-quyen\n")
        #expect(unknown.status == 1 && unknown.error.contains("Không có người dùng khongco"), "\(unknown.error)")
        #expect(try run(["section", "list", "--user", "nhaplieu"], ["BAOCAO_PASSWORD": "mat-khau-chiem-quyen"], "").status == 1)

        // The operator recovers the admin: signed in at once with the new password, the old one gone.
        let recovered = try run(["user", "recover", "QuanTri", "--password-stdin"], [:], "mat-khau-khoi-phuc\n")
        #expect(recovered.status == 0, "\(recovered.error)")
        #expect(recovered.output.contains("Đã khôi phục tài khoản quản trị quantri"), "\(recovered.output)")
        let list = try run(["user", "list", "--user", "quantri", "--json"], ["BAOCAO_PASSWORD": "mat-khau-khoi-phuc"], "")
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.contains(#""login":"quantri","name":"Quản trị","roles":["admin"],"locked":false,"lockedUntil":null,"failedAttempts":0"#), "\(list.output)")
        #expect(try run(["user", "list", "--user", "quantri"], ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], "").status == 1)

        // The audit log names the recovery, by the local operator, and still verifies.
        let audit = try run(["audit", "list", "--user", "quantri", "--json"], ["BAOCAO_PASSWORD": "mat-khau-khoi-phuc"], "")
        let recovery = try #require(audit.output.components(separatedBy: "},{").first { $0.contains(#""action":"user.recover""#) }, "\(audit.output)")
        #expect(recovery.contains(#""actor":"node""#) && recovery.contains(#""object":"quantri""#), "\(recovery)")
        #expect(recovery.contains("khôi phục cục bộ từ máy chủ của nút") && recovery.contains("đang tạm khóa"), "\(recovery)")
        #expect(try run(["audit", "verify", "--user", "quantri"], ["BAOCAO_PASSWORD": "mat-khau-khoi-phuc"], "").status == 0)
    }

    /// A node made by the CLI: its data folder and everything in it, its backup and the
    /// development PKI's keys are its owner's alone.
    @Test func initializedNode_everyFileOwnerOnly() throws {
        let workspace = try SampleWorkspace()
        let sample = try String(contentsOfFile: workspace.path("Config/xa-nhan-nghia.yaml"), encoding: .utf8)
        try workspace.write(sample + "\nsecurity:\n  bcryptCost: 4\n", to: "Config/xa.yaml")
        let config = workspace.path("Config/xa.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        #expect(try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                      environment: [:], input: "mat-khau-quan-tri\n").status == 0)
        // The keys where the sample configuration looks for them: a backup is signed with the unit's key.
        let pki = try CommandRunner.run(["pki", "init-dev", "--topology", workspace.path("Topology/hoa-binh-2025-03-3-cap.csv"),
                                         "--out", workspace.path(".baocao-pki/hoa-binh"), "--key-type", "ec", "--units", "05290"])
        #expect(pki.status == 0, "\(pki.error)")
        let backup = try CommandRunner.run(["backup", "--config", config, "--to", workspace.path("sao-luu.zip")])
        #expect(backup.status == 0, "\(backup.error)")

        var wrong: [String] = []
        for folder in [".baocao-data", ".baocao-pki"] {
            let root = workspace.root.appendingPathComponent(folder)
            for relative in ["."] + (try FileManager.default.subpathsOfDirectory(atPath: root.path)) {
                let path = root.appendingPathComponent(relative).path
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
                let expected = isDirectory.boolValue ? 0o700 : folder == ".baocao-pki" && !relative.hasSuffix(".key") ? mode : 0o600
                if mode != expected { wrong.append("\(folder)/\(relative) \(String(mode, radix: 8))") }
            }
        }
        #expect(wrong == [])
        let made = try FileManager.default.subpathsOfDirectory(atPath: workspace.path(".baocao-data"))
        #expect(made.contains("05290/baocao.sqlite"), "\(made)")
        #expect((try FileManager.default.attributesOfItem(atPath: workspace.path("sao-luu.zip"))[.posixPermissions] as? Int) == 0o600)
    }
}
