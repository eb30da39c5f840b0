import Foundation
import Testing

@Suite("baocao export and import: USB between three levels")
struct TransferCommandTests {
    /// With no link at all: the province's release goes down by USB to the district and on
    /// to the commune; the commune's report goes up by USB through the district, byte for
    /// byte, and the province verifies the commune's own signature. Each bundle takes
    /// effect once, however often it is carried.
    @Test func releaseDown_reportUp_byUSB() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let province = try network.node("17")
        let district = try network.node("157")
        let commune = try network.node("05290")

        #expect(try network.run(["release", "publish", "--config", province]).status == 0)
        let down1 = try network.run(["export", "--config", province, "--for", "157", "--to", "usb-down-1"])
        #expect(down1.output.contains("Đã xuất 1 gói tin"), "\(down1.output) \(down1.error)")
        let atDistrict = try network.run(["import", "--config", district, "usb-down-1"])
        #expect(atDistrict.status == 0, "\(atDistrict.output) \(atDistrict.error)")
        #expect(atDistrict.output.hasSuffix(".bcb: accepted\n"))
        #expect(try network.run(["export", "--config", district, "--for", "05290", "--to", "usb-down-2"]).status == 0)
        let atCommune = try network.run(["import", "--config", commune, "usb-down-2"])
        #expect(atCommune.output.hasSuffix(".bcb: accepted\n"), "\(atCommune.output)")
        #expect(try network.run(["release", "show", "--config", commune, "--json"]).output.contains(#""version":1"#))

        // The report, addressed to the province.
        try network.workspace.write(#"{"regime":"KTXH-THANG","period":"2026-10","values":{"NN01":"12.5"}}"#, to: "report.json")
        let created = try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "17"))
        #expect(created.status == 0, "\(created.error)")
        #expect(try network.run(["export", "--config", commune, "--to", "usb-up-1"]).output.contains("Đã xuất 1 gói tin"))
        let relayed = try network.run(["import", "--config", district, "usb-up-1"])
        #expect(relayed.output.hasSuffix(".bcb: accepted\n"), "\(relayed.output)")
        #expect(try network.run(["import", "--config", district, "usb-up-1"]).output.hasSuffix(".bcb: duplicate\n"))
        #expect(try network.run(["export", "--config", district, "--to", "usb-up-2"]).output.contains("Đã xuất 1 gói tin"))

        // The same bytes all the way up.
        let first = try FileManager.default.contentsOfDirectory(atPath: network.workspace.path("usb-up-1"))
        let second = try FileManager.default.contentsOfDirectory(atPath: network.workspace.path("usb-up-2"))
        #expect(first == second)
        #expect(try Data(contentsOf: URL(fileURLWithPath: network.workspace.path("usb-up-1/" + first[0])))
                == Data(contentsOf: URL(fileURLWithPath: network.workspace.path("usb-up-2/" + second[0]))))

        let atProvince = try network.run(["import", "--config", province, "usb-up-2"])
        #expect(atProvince.output.hasSuffix(".bcb: accepted\n"), "\(atProvince.output)")
        let held = try SQLiteShell.query(network.workspace.path("data/17/baocao.sqlite"), "SELECT sender || '>' || recipient || ':' || origin FROM bundle WHERE kind = 'report'")
        #expect(held == "05290>17:usb\n")
        // Nothing left to carry from the district: the province has it once.
        #expect(try network.run(["import", "--config", province, "usb-up-1", "usb-up-2"]).output.components(separatedBy: "duplicate").count == 3)
    }

    /// A tampered file and the leftover of an interrupted copy are reported, and nothing of
    /// them is stored; the good file beside them is taken in.
    @Test func badFilesOnTheStick_areReported_notIngested() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let district = try network.node("157")
        let commune = try network.node("05290")
        for revision in [1, 2] {
            #expect(try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "157", revision: revision)).status == 0)
        }
        #expect(try network.run(["export", "--config", commune, "--to", "usb"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: network.workspace.path("usb")).sorted()
        #expect(files.count == 2)
        // Damage the first, leave the second, and add a half-written leftover.
        var damaged = try Data(contentsOf: URL(fileURLWithPath: network.workspace.path("usb/" + files[0])))
        damaged = damaged.prefix(damaged.count / 2)
        try damaged.write(to: URL(fileURLWithPath: network.workspace.path("usb/" + files[0])))
        try Data("PK".utf8).write(to: URL(fileURLWithPath: network.workspace.path("usb/.abc.bcb.1234.tmp")))

        let result = try network.run(["import", "--config", district, "usb"])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.output)")
        #expect(lines.contains { $0.hasPrefix(".abc.bcb.1234.tmp: bỏ qua: tệp chưa ghi xong") })
        #expect(lines.contains { $0.hasPrefix(files[0] + ": rejected: ") })
        #expect(lines.contains { $0 == files[1] + ": accepted" })
        let held = try SQLiteShell.query(network.workspace.path("data/157/baocao.sqlite"), "SELECT COUNT(*) FROM bundle WHERE kind = 'report'")
        #expect(held == "1\n")
    }

    /// A file larger than any bundle can be (here sparse: 260 MiB that take no disk) is
    /// refused by its size, before it is read, with a sentence naming the file and the
    /// limit; the good file beside it (the province's release) is taken in all the same.
    @Test func fileOverTheBundleLimit_isRefusedBySize_othersImport() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let province = try network.node("17")
        let district = try network.node("157")
        #expect(try network.run(["release", "publish", "--config", province]).status == 0)
        #expect(try network.run(["export", "--config", province, "--for", "157", "--to", "usb"]).status == 0)
        let good = try #require(try FileManager.default.contentsOfDirectory(atPath: network.workspace.path("usb")).first)
        // One byte over the limit: 256 MiB of parts (+1/256), the manifest, the signature, 1,000 entries' headers.
        let limit = 272_605_184
        let huge = network.workspace.path("usb/0-huge.bcb")
        #expect(FileManager.default.createFile(atPath: huge, contents: Data("PK\u{03}\u{04}".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
        try handle.truncate(atOffset: UInt64(limit + 1))
        try handle.close()

        let result = try network.run(["import", "--config", district, "usb"])
        #expect(result.status == 1, "\(result.output) \(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines == ["0-huge.bcb: rejected: Tệp 0-huge.bcb có dung lượng \(limit + 1) byte, vượt giới hạn \(limit) byte của một gói tin; tệp không được đọc.",
                          good + ": accepted"])
        let held = try SQLiteShell.query(network.workspace.path("data/157/baocao.sqlite"), "SELECT kind FROM bundle")
        #expect(held == "release\n")
    }
}

@Suite("baocao backup and restore")
struct BackupCommandTests {
    /// A backup restores the node as it was; a damaged backup, or one of another unit, is
    /// refused and the node's data is left exactly as it was.
    @Test func backup_restore_andRefusals() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let commune = try network.node("05290")
        let district = try network.node("157")
        try network.workspace.write(#"{"values":{"NN01":"12.5"}}"#, to: "report.json")
        #expect(try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "157")).status == 0)
        let backup = try network.run(["backup", "--config", commune, "--to", "commune.zip"])
        #expect(backup.status == 0, "\(backup.error)")
        #expect(backup.output.contains("1 gói tin"))

        let database = network.workspace.path("data/05290/baocao.sqlite")
        let before = try SQLiteShell.dump(database)
        var damaged = try Data(contentsOf: URL(fileURLWithPath: network.workspace.path("commune.zip")))
        damaged = damaged.prefix(damaged.count - 200)
        try damaged.write(to: URL(fileURLWithPath: network.workspace.path("damaged.zip")))
        let refused = try network.run(["restore", "--config", commune, "damaged.zip"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("Bản sao lưu không dùng được"), "\(refused.error)")
        #expect(try SQLiteShell.dump(database) == before)

        let wrongUnit = try network.run(["restore", "--config", district, "commune.zip"])
        #expect(wrongUnit.status == 1)
        #expect(wrongUnit.error.contains("không phải 157"), "\(wrongUnit.error)")

        let restored = try network.run(["restore", "--config", commune, "commune.zip"])
        #expect(restored.status == 0, "\(restored.error)")
        #expect(try SQLiteShell.query(database, "SELECT COUNT(*) FROM bundle") == "1\n")
        // The bundle is back in the node's pack, of its recorded size, and not one file each.
        let pack = network.workspace.path("data/05290/bundles/pack.sqlite")
        #expect(try SQLiteShell.query(pack, "SELECT length(bytes) FROM bundleBytes") == SQLiteShell.query(database, "SELECT size FROM bundle"))
        let laid = try FileManager.default.subpathsOfDirectory(atPath: network.workspace.path("data/05290/bundles"))
        #expect(!laid.contains { $0.hasSuffix(".bcb") }, "\(laid)")
        let status = try network.run(["status", "--config", commune])
        #expect(status.status == 0)
    }
    /// A backup is signed by the unit's key. One edited after signing, stripped of its
    /// signature, or signed by a key not registered for this unit (another unit's, or one
    /// from outside the province's PKI) is refused before anything is touched, with the
    /// reason in Vietnamese; the node's data stays exactly as it was.
    @Test func restore_refusesTamperedUnsignedAndForeignSignedBackups() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let commune = try network.node("05290")
        #expect(try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "157")).status == 0)
        let backup = try network.run(["backup", "--config", commune, "--to", "commune.zip"])
        #expect(backup.status == 0 && backup.output.contains("có chữ ký số của đơn vị"), "\(backup.output) \(backup.error)")
        let listing = try ZipTool.run(network, ["-c", "import zipfile,sys; print(sorted(zipfile.ZipFile(sys.argv[1]).namelist())[:2])", "commune.zip"])
        #expect(listing.contains("'backup.json', 'backup.p7s'"), "\(listing)")

        // Another node's configuration for the same unit, signing with the district's key; and a PKI the province never made.
        try network.workspace.write(try String(contentsOfFile: commune, encoding: .utf8)
            .replacingOccurrences(of: "../data/05290", with: "../data/ke-gian")
            .replacingOccurrences(of: "units/05290/signing", with: "units/157/signing"), to: "Config/ke-gian.yaml")
        #expect(try network.run(["init", "--config", network.workspace.path("Config/ke-gian.yaml")]).status == 0)
        #expect(try network.run(["backup", "--config", network.workspace.path("Config/ke-gian.yaml"), "--to", "district-key.zip"]).status == 0)
        #expect(try CommandRunner.run(["pki", "init-dev", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv", "--out", "pki-la",
                                       "--units", "05290", "--key-type", "ec"], in: network.workspace.root).status == 0)
        try network.workspace.write(try String(contentsOfFile: commune, encoding: .utf8)
            .replacingOccurrences(of: "../data/05290", with: "../data/la")
            .replacingOccurrences(of: "../pki/", with: "../pki-la/"), to: "Config/la.yaml")
        #expect(try network.run(["init", "--config", network.workspace.path("Config/la.yaml")]).status == 0)
        #expect(try network.run(["backup", "--config", network.workspace.path("Config/la.yaml"), "--to", "foreign-root.zip"]).status == 0)

        // The attacker's edits, made on copies of the good backup.
        let rewrite = """
            import zipfile, sys
            source, target, drop, name, data = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
            with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
                for item in src.infolist():
                    if item.filename == drop: continue
                    content = src.read(item.filename)
                    if item.filename == name: content = content.replace(b'"bundles"', data.encode()) if name == "backup.json" else data.encode()
                    out.writestr(item, content)
            """
        try network.workspace.write(rewrite, to: "rewrite.py")
        _ = try ZipTool.run(network, ["rewrite.py", "commune.zip", "unsigned.zip", "backup.p7s", "-", ""])
        _ = try ZipTool.run(network, ["rewrite.py", "commune.zip", "edited.zip", "-", "backup.json", #""bundles" "#])
        _ = try ZipTool.run(network, ["rewrite.py", "commune.zip", "swapped.zip", "-", "baocao.sqlite", "SQLite format 3 khác"])

        let database = network.workspace.path("data/05290/baocao.sqlite")
        let before = try SQLiteShell.dump(database)
        let refusals = [
            ("unsigned.zip", "bản sao lưu chưa được ký số (thiếu backup.p7s)"),
            ("edited.zip", "chữ ký số không khớp nội dung: bản sao lưu đã bị sửa sau khi ký"),
            ("swapped.zip", "tệp baocao.sqlite không khớp mã băm đã ký"),
            ("district-key.zip", "không được đăng ký ký thay mặt đơn vị 05290"),
            ("foreign-root.zip", "không có chứng thư do chứng thư gốc mà nút tin cậy cấp"),
        ]
        for (file, reason) in refusals {
            let refused = try network.run(["restore", "--config", commune, file])
            #expect(refused.status == 1, "\(file): \(refused.output)")
            #expect(refused.error.hasPrefix("Lỗi: Bản sao lưu không dùng được: ") && refused.error.contains(reason)
                    && refused.error.hasSuffix("Dữ liệu hiện tại được giữ nguyên.\n"),
                    "\(file): \(refused.error)")
            #expect(try SQLiteShell.dump(database) == before, "\(file)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: network.workspace.path("data")).filter { $0.contains("restore") }
        #expect(leftovers == [])

        let restored = try network.run(["restore", "--config", commune, "commune.zip"])
        #expect(restored.status == 0, "\(restored.error)")
    }
}

/// Python's zipfile, for a test's attacker to take a backup apart and put it together again.
enum ZipTool {
    static func run(_ network: SignedNetwork, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = network.workspace.root
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SignedNetwork.CLIFailure("python3 \(arguments) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
