import Foundation
import Testing

/// `baocao host`: the two-level demo's province and communes run in one process behind one
/// address, each with its own database and sync; `host.yaml` naming a unit twice, or a unit
/// of another province, is refused before anything starts.
@Suite("Many units hosted in one process", .serialized)
struct HostCommandTests {
    /// The two-level demo's nodes (province 25, its Sở Nội vụ and four communes), prepared once.
    static let demo: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-host-\(UUID().uuidString)")
        let prepared = try? CommandRunner.run(["demo", "--two-level", "--prepare-only", "--dir", directory.path, "--port-base", "28900",
                                               "--repository", CommandRunner.packageRoot.path])
        precondition(prepared?.status == 0, "demo --prepare-only: \(prepared?.error ?? "did not run")")
        return directory.appendingPathComponent("hai-cap/nodes")
    }()

    static func configs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: demo.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { demo.appendingPathComponent($0).path }
    }

    static func hostFile(_ body: String) throws -> String {
        let file = demo.deletingLastPathComponent().appendingPathComponent("host-\(UUID().uuidString).yaml")
        try Data(body.utf8).write(to: file)
        return file.path
    }

    /// `baocao host --config file`, started, and what it printed until it said its address
    /// answers (or it ended, or two minutes passed).
    static func startHost(_ file: String) throws -> (Process, String) {
        let host = Process()
        host.executableURL = CommandRunner.executable
        host.arguments = ["host", "--config", file]
        let output = Pipe()
        host.standardOutput = output
        host.standardError = FileHandle.nullDevice
        try host.run()
        var printed = ""
        let started = Date()
        while !printed.contains("Nhấn Ctrl-C"), host.isRunning, Date().timeIntervalSince(started) < 120 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.2) }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        return (host, printed)
    }

    /// Stops the host as Ctrl-C does, and waits for it.
    static func stop(_ host: Process) {
        host.interrupt()
        host.waitUntilExit()
    }

    static func communes() throws -> [String] {
        try configs().filter { ($0 as NSString).lastPathComponent.count == "00000.yaml".count }
    }

    @Test func unitNamedTwice_isRefused_beforeAnythingStarts() throws {
        let commune = try #require(try Self.communes().first)
        let twice = try Self.hostFile("province: \"25\"\nunits:\n  - \(commune)\n  - \(commune)\n")
        let refused = try CommandRunner.run(["host", "--config", twice])
        #expect(refused.status != 0)
        #expect(refused.error.contains("khai báo tệp cấu hình") && refused.error.contains("hai lần"), "\(refused.error)")

        // Another file for the same unit: the same node twice.
        let copy = Self.demo.deletingLastPathComponent().appendingPathComponent("ban-sao-\(UUID().uuidString).yaml")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: commune), to: copy)
        let sameUnit = try Self.hostFile("province: \"25\"\nunits:\n  - \(commune)\n  - \(copy.path)\n")
        let refusedUnit = try CommandRunner.run(["host", "--config", sameUnit])
        #expect(refusedUnit.status != 0)
        #expect(refusedUnit.error.contains("khai báo đơn vị") && refusedUnit.error.contains("hai lần"), "\(refusedUnit.error)")
    }

    @Test func unitOfAnotherProvince_isRefused() throws {
        let commune = try #require(try Self.communes().first)
        let other = try Self.hostFile("province: \"17\"\nunits:\n  - \(commune)\n")
        let refused = try CommandRunner.run(["host", "--config", other])
        #expect(refused.status != 0)
        #expect(refused.error.contains("không thuộc tỉnh 17"), "\(refused.error)")
        let empty = try Self.hostFile("province: \"25\"\nunits: []\n")
        #expect(try CommandRunner.run(["host", "--config", empty]).error.contains("chưa khai báo đơn vị nào"))
        let plain = try Self.hostFile("province: \"25\"\nweb:\n  listen: 0.0.0.0:28990\nunits:\n  - \(commune)\n")
        #expect(try CommandRunner.run(["host", "--config", plain]).error.contains("chưa bật HTTPS"))
    }

    /// The whole network in one process: the first page lists the units, a commune's staff
    /// sign in under its path, and the province's release reaches every hosted commune by
    /// each one's own sync with the province (hosted beside it).
    @Test func provinceAndCommunes_runInOneProcess_eachWithItsOwnSync() throws {
        let units = try Self.configs()
        let communes = try Self.communes()
        let port = 28_980
        let file = try Self.hostFile("province: \"25\"\nweb:\n  listen: 127.0.0.1:\(port)\nsyncIntervalSeconds: 2\nunits:\n"
                                     + units.map { "  - \($0)\n" }.joined())
        let (host, printed) = try Self.startHost(file)
        defer { Self.stop(host) }
        #expect(printed.contains("đang chạy \(units.count) đơn vị"), "\(printed)")

        let browser = LocalWebClient(port: port)
        let first = try browser.get("/")
        #expect(first.status == 200)
        for commune in communes {
            let code = ((commune as NSString).lastPathComponent as NSString).deletingPathExtension
            #expect(first.body.contains("href=\"/\(code)/dang-nhap\""), "\(code) is not on the first page")
        }
        let code = ((communes[0] as NSString).lastPathComponent as NSString).deletingPathExtension
        try browser.signIn("nhaplieu", password: "baocao-demo-2026", unitPath: "/\(code)")
        let home = try browser.get("/\(code)/")
        #expect(home.status == 200 && home.body.contains("href=\"/\(code)/bao-cao\""))
        // Signed in to one commune, another's pages still ask for sign-in.
        let other = ((communes[1] as NSString).lastPathComponent as NSString).deletingPathExtension
        let across = try browser.get("/\(other)/bao-cao")
        #expect(across.status == 303 && across.headers.contains { $0.0.lowercased() == "location" && $0.1 == "/\(other)/dang-nhap" })

        // Each commune takes the province's release in by its own sync loop.
        let deadline = Date().addingTimeInterval(90)
        var waiting = Set(communes)
        while !waiting.isEmpty, Date() < deadline {
            for commune in waiting where try CommandRunner.run(["status", "--config", commune]).output.contains("Bản phát hành của tỉnh: phiên bản 1") {
                waiting.remove(commune)
            }
            if !waiting.isEmpty { Thread.sleep(forTimeInterval: 1) }
        }
        #expect(waiting.isEmpty, "no release at \(waiting.sorted())")
    }
}

extension HostCommandTests {
    /// A hosted commune moves out to a machine of its own with its report, the host stops
    /// running it (and cannot be moved from while it runs), the commune works on alone, and
    /// moves back with everything it did there.
    @Test func hostedUnit_movesOut_andBack_withNothingLost() throws {
        let units = try Self.configs()
        let commune = try Self.communes()[2]
        let code = ((commune as NSString).lastPathComponent as NSString).deletingPathExtension
        let folder = Self.demo.deletingLastPathComponent()
        let file = try Self.hostFile("province: \"25\"\nweb:\n  listen: 127.0.0.1:28981\nunits:\n" + units.map { "  - \($0)\n" }.joined())
        func must(_ arguments: [String], as login: String? = nil) throws -> String {
            let result = try CommandRunner.run(arguments + (login.map { ["--user", $0] } ?? []), environment: ["BAOCAO_PASSWORD": "baocao-demo-2026"])
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.error)")
            return result.output
        }
        _ = try must(["report", "new", "KTXH-THANG", "2026-10", "--config", commune], as: "nhaplieu")

        let leaving = folder.appendingPathComponent("\(code)-di.zip").path
        #expect(try must(["host", "move-out", "--config", file, "--unit", code, "--to", leaving]).contains("đánh dấu đã chuyển đi"))
        let again = try CommandRunner.run(["host", "move-out", "--config", file, "--unit", code, "--to", leaving + ".2"])
        #expect(again.status != 0 && again.error.contains("đã chuyển ra máy riêng"), "\(again.error)")

        // The host runs every unit but the one that left, says so, and cannot be moved from while it runs.
        let (host, printed) = try Self.startHost(file)
        #expect(printed.contains("Đơn vị \(code) đã chuyển ra máy riêng") && printed.contains("đang chạy \(units.count - 1) đơn vị"), "\(printed)")
        let other = ((try Self.communes()[3] as NSString).lastPathComponent as NSString).deletingPathExtension
        let busy = try CommandRunner.run(["host", "move-out", "--config", file, "--unit", other, "--to", folder.appendingPathComponent("x.zip").path])
        #expect(busy.status != 0 && busy.error.contains("đang chạy"), "\(busy.error)")
        Self.stop(host)

        // Its own machine: the same configuration and keys, another data directory.
        let own = folder.appendingPathComponent("may-rieng-\(code)")
        let text = try String(contentsOfFile: commune, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix("dataDirectory:") ? "dataDirectory: \(own.path)" : String($0)
        }.joined(separator: "\n")
        let ownConfig = folder.appendingPathComponent("may-rieng-\(code).yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: ownConfig))
        _ = try must(["restore", "--config", ownConfig, leaving])
        #expect(try must(["report", "list", "--config", ownConfig], as: "nhaplieu").contains("2026-10"))
        _ = try must(["report", "new", "KTXH-THANG", "2026-09", "--config", ownConfig], as: "nhaplieu")
        let returning = folder.appendingPathComponent("\(code)-ve.zip").path
        _ = try must(["backup", "write", "--config", ownConfig, "--to", returning])

        // Back on the host, with what it did alone.
        #expect(try must(["host", "move-in", "--config", file, "--unit", code, "--from", returning]).contains("Đã chuyển đơn vị \(code) về"))
        let list = try must(["report", "list", "--config", commune], as: "nhaplieu")
        #expect(list.contains("2026-10") && list.contains("2026-09"), "\(list)")
        let foreign = try CommandRunner.run(["host", "move-in", "--config", file, "--unit", other, "--from", returning])
        #expect(foreign.status != 0, "a backup of \(code) restored as \(other)")
    }
}

extension HostCommandTests {
    /// The sample host file reads, and names the sample nodes: before they are initialised,
    /// the host says which one is not, and starts nothing.
    @Test func sampleHostFile_readsAndNamesTheSampleNodes() throws {
        let workspace = try SampleWorkspace()
        let result = try CommandRunner.run(["host", "--config", workspace.path("Config/may-chu-chung-phu-tho.yaml")])
        #expect(result.status != 0)
        #expect(result.error.contains("Đơn vị thứ 1 của") && result.error.contains("tinh-phu-tho.yaml") && result.error.contains("baocao init"),
                "\(result.error)")
    }
}

extension HostCommandTests {
    /// The one address over HTTPS (`web.tls`): a client that trusts the province's CA reaches
    /// the first page by the address's name; every answer carries HSTS and a unit's cookies
    /// are `Secure` under its path; a name the host does not answer to is refused.
    @Test func oneAddressOverHTTPS() throws {
        let units = try Self.configs()
        let pki = Self.demo.deletingLastPathComponent().appendingPathComponent("pki")
        let port = 28_982
        let file = try Self.hostFile("""
            province: "25"
            web:
              listen: 127.0.0.1:\(port)
              tls:
                certificate: \(pki.appendingPathComponent("units/25/node.pem").path)
                key: \(pki.appendingPathComponent("units/25/node.key").path)
              hosts: [25.baocao.test]
            units:

            """ + units.map { "  - \($0)\n" }.joined())
        let (host, printed) = try Self.startHost(file)
        defer { Self.stop(host) }
        #expect(printed.contains("https://127.0.0.1:\(port)/"), "\(printed)")

        /// curl with the province's CA, the address's name resolved to the loopback; headers and body.
        func curl(_ path: String, name: String = "25.baocao.test") throws -> (status: Int32, text: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-s", "-i", "--cacert", pki.appendingPathComponent("root.pem").path,
                                 "--resolve", "\(name):\(port):127.0.0.1", "https://\(name):\(port)\(path)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let first = try curl("/")
        #expect(first.status == 0 && first.text.hasPrefix("HTTP/1.1 200"), "\(first.text.prefix(300))")
        #expect(first.text.contains("Chọn đơn vị để đăng nhập"))
        #expect(first.text.lowercased().contains("strict-transport-security: max-age=31536000"))
        let code = ((try Self.communes()[0] as NSString).lastPathComponent as NSString).deletingPathExtension
        let signIn = try curl("/\(code)/dang-nhap")
        let cookie = signIn.text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: baocao_csrf_\(code)=") }
        #expect(cookie?.contains("Secure") == true && cookie?.contains("Path=/\(code)") == true, "\(cookie ?? "no pre-session cookie")")
        // The certificate names 25.baocao.test only: another name fails the handshake's check.
        #expect(try curl("/", name: "khac.baocao.test").status != 0)
    }
}
