import Foundation
import Testing

/// Issue 8, item 6: a node's data directory on a tiny filesystem that fills up, or goes
/// read-only. Every failure is one clear Vietnamese line (or an HTTP 507 the sender
/// retries), nothing is half stored, the database passes `integrity_check`, what was
/// there before is intact, and the same operation succeeds once space (or writing) returns.
@Suite("Storage failures: disk full and read-only storage", .serialized,
       .enabled(if: TinyDisk.isPermitted, "needs root to mount a tmpfs: run Scripts/disk-test as root"))
struct StorageFailureTests {
    static let diskFull = "Ổ đĩa chứa dữ liệu của nút đã đầy"
    static let readOnly = "Ổ đĩa chứa dữ liệu của nút đang ở chế độ chỉ đọc hoặc không có quyền ghi"
    static let password = "mat-khau-kiem-thu-2026"

    /// A catalog with one big form: 300 indicators by a 19-member breakdown, 6,000 figures.
    static let bigCatalog: String = {
        let codes = (1...300).map { String(format: "CT%03d", $0) }
        var lines = ["dimensions:", "  - code: TH", "    name: Thôn", "    members:"]
        lines += (1...19).map { String(format: "      - { code: T%02d, name: Thôn %d }", $0, $0) }
        lines += ["indicators:"]
        lines += codes.map {
            "  - { code: \($0), name: \"Chỉ tiêu \($0)\", unitOfMeasure: người, valueType: decimal, decimals: 1, dimensions: [TH] }"
        }
        lines += ["forms:", "  - code: LON", "    title: \"Biểu lớn\"", "    sections:"]
        lines += stride(from: 0, to: 300, by: 50).map {
            "      - { code: P\($0 / 50 + 1), title: \"Phần \($0 / 50 + 1)\", rows: [\(codes[$0..<$0 + 50].joined(separator: ", "))] }"
        }
        lines += ["regimes:", "  - code: LON", "    name: \"Báo cáo lớn\"", "    type: periodic", "    frequency: monthly", "    form: LON",
                  "    reporters: { kinds: [commune, district] }",
                  "    deadlines: [ { senderKind: commune, day: 16 }, { senderKind: district, day: 18 } ]"]
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Figures for the big form: the first `indicators` indicators, totals and breakdowns.
    static func figures(indicators: Int) -> String {
        var rows = ["chỉ tiêu;giá trị"]
        for index in 1...indicators {
            let code = String(format: "CT%03d", index)
            rows.append("\(code);\(19 * index)")
            rows += (1...19).map { String(format: "%@[TH=T%02d];%d", code, $0, index) }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static func run(_ network: SignedNetwork, _ arguments: [String], as login: String? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + (login.map { ["--user", $0] } ?? []),
                              environment: ["BAOCAO_PASSWORD": password, "BAOCAO_NEW_PASSWORD": password],
                              input: password + "\n", in: network.workspace.root)
    }

    static func query(_ network: SignedNetwork, _ unit: String, _ sql: String) throws -> String {
        try SQLiteShell.query(network.workspace.path("data/\(unit)/baocao.sqlite"), sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A node whose data directory is a tiny disk, with an all-roles account `quantri`.
    static func nodeOnTinyDisk(_ network: SignedNetwork, _ unit: String, kilobytes: Int, catalog: String = "catalog/kinh-te-xa-hoi.yaml",
                               extra: String = "") throws -> (config: String, disk: TinyDisk) {
        let disk = try TinyDisk(at: network.workspace.path("data/\(unit)"), kilobytes: kilobytes, owner: network.workspace)
        let config = try network.node(unit, catalog: catalog, extra: "security:\n  bcryptCost: 4\n" + extra)
        let added = try run(network, ["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "aggregator", "approver", "dataEntry",
                                      "--password-stdin", "--config", config])
        guard added.status == 0 else { throw SignedNetwork.CLIFailure(added.error) }
        return (config, disk)
    }

    /// A network section: where the node listens, and its parent (a district's parent,
    /// the province, does not run in these tests; its loop waits an hour between attempts).
    static func networkSection(_ unit: String, sync: Int, local: Int, parentPort: Int?) -> String {
        """
        network:
          syncListen: 127.0.0.1:\(sync)
          localListen: 127.0.0.1:\(local)
          certificate: ../pki/units/\(unit)/node.pem
          key: ../pki/units/\(unit)/node.key
          syncIntervalSeconds: 3600
        \(parentPort.map { SampleReportCommand.parentLines(unit == "05290" ? "157" : "17", port: $0) } ?? "")
        """
    }

    /// Writes a report with an attached file of about `bytes` (incompressible) at the commune, for `recipient`.
    static func queueReport(_ network: SignedNetwork, config: String, to recipient: String, bytes: Int) throws {
        let created = try run(network, SampleReportCommand.arguments(in: network.workspace.root, config: config, to: recipient,
                                                                     attachment: SampleReportCommand.attachment(bytes: bytes)))
        guard created.status == 0 else { throw SignedNetwork.CLIFailure(created.error) }
    }

    /// Importing 6,000 figures when the disk fills half-way fails with the reason and exit
    /// status 2; no figure of that import is stored, the figures stored before are intact,
    /// the database is sound; once space returns the same import succeeds.
    @Test func valueImport_whenDiskFills_failsClearly_storesNothing_thenSucceeds() throws {
        let network = try SignedNetwork(units: ["05290"])
        try network.workspace.write(Self.bigCatalog, to: "Config/catalog/lon.yaml")
        try network.workspace.write(Self.figures(indicators: 300), to: "big.csv")
        try network.workspace.write(Self.figures(indicators: 2), to: "small.csv")
        let (config, disk) = try Self.nodeOnTinyDisk(network, "05290", kilobytes: 4096, catalog: "catalog/lon.yaml")
        defer { disk.unmount() }

        // Given a report with figures, and a new draft.
        #expect(try Self.run(network, ["report", "new", "LON", "2026-09", "--config", config], as: "quantri").status == 0)
        #expect(try Self.run(network, ["report", "import-values", "1", "small.csv", "--config", config], as: "quantri").status == 0)
        #expect(try Self.run(network, ["report", "new", "LON", "2026-10", "--config", config], as: "quantri").status == 0)
        let earlier = "SELECT COUNT(*) || ':' || group_concat(key || '=' || value, ',') "
            + "FROM (SELECT * FROM reportValue WHERE reportId = 1 ORDER BY key)"
        let before = try Self.query(network, "05290", earlier)
        #expect(before.hasPrefix("40:"), "\(before)")

        // When the disk has 192 KiB left and 6,000 figures come in.
        try disk.fill(leaving: 192 << 10)
        let failed = try Self.run(network, ["report", "import-values", "2", "big.csv", "--config", config], as: "quantri")

        // Then: one clear line, exit 2, nothing of the import stored, the rest intact.
        #expect(failed.status == 2)
        #expect(failed.error.hasPrefix("Lỗi: \(Self.diskFull) ("), "\(failed.error)")
        #expect(failed.error.contains("Hãy giải phóng dung lượng ổ đĩa rồi thử lại."))
        #expect(!failed.error.lowercased().contains("disk") && !failed.error.contains("SQLite"), "English leaked: \(failed.error)")
        disk.removeFiller()   // sqlite3 itself needs room to open the database
        #expect(try Self.query(network, "05290", "PRAGMA integrity_check") == "ok")
        #expect(try Self.query(network, "05290", "SELECT COUNT(*) FROM reportValue WHERE reportId = 2") == "0")
        #expect(try Self.query(network, "05290", earlier) == before)

        // Space is back: the same import succeeds.
        let again = try Self.run(network, ["report", "import-values", "2", "big.csv", "--config", config], as: "quantri")
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("Đã lưu 6000 số liệu."), "\(again.output)")
        #expect(try Self.query(network, "05290", "SELECT COUNT(*) FROM reportValue WHERE reportId = 2") == "6000")
        #expect(try Self.query(network, "05290", "PRAGMA integrity_check") == "ok")
    }

    /// The district's disk fills while it receives a commune's bundle over HTTPS, by a
    /// batch and by resumable upload: it answers 507 with the reason, stores nothing, keeps
    /// serving; the commune keeps the bundle pending (not refused), and delivers it once
    /// space returns.
    @Test func receivedBundle_whenParentDiskFull_answers507_senderRetries_thenDelivered() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let (syncPort, localPort) = (ServeProcess.freePort(), ServeProcess.freePort())
        let (district, disk) = try Self.nodeOnTinyDisk(network, "157", kilobytes: 8192,
            extra: Self.networkSection("157", sync: syncPort, local: localPort, parentPort: ServeProcess.freePort()))
        defer { disk.unmount() }
        let commune = try network.node("05290", extra: Self.networkSection("05290", sync: ServeProcess.freePort(), local: ServeProcess.freePort(),
                                                                             parentPort: syncPort))
        let serve = try ServeProcess(config: district, localPort: localPort, in: network.workspace.root)
        defer { serve.killNow() }   // before the unmount
        let transfers = "SELECT COUNT(*) FROM bundle WHERE kind = 'report'"
        let pending = "SELECT state || ':' || COUNT(*) FROM delivery WHERE direction = 'up' GROUP BY state ORDER BY state"

        for (index, (size, room)) in [(600 << 10, 300 << 10), (1_536 << 10, 900 << 10)].enumerated() {   // a batch, then a resumable upload
            let held = Int(try Self.query(network, "157", transfers)) ?? -1
            try Self.queueReport(network, config: commune, to: "157", bytes: size)
            try disk.fill(leaving: room)
            let failed = try Self.run(network, ["sync", "--config", commune])
            #expect(failed.status == 1)
            #expect(failed.error.contains("Nút cấp trên không lưu được gói tin (ổ đĩa đầy hoặc chỉ đọc), sẽ gửi lại sau"), "\(failed.error)")
            #expect(failed.error.contains(Self.diskFull), "\(failed.error)")
            #expect(serve.process.isRunning)
            #expect(try Self.query(network, "05290", pending) == (index == 0 ? "pending:1" : "acknowledged:1\npending:1"), "the commune keeps it to send again")

            disk.removeFiller()
            #expect(try Self.query(network, "157", transfers) == String(held), "nothing stored while the disk was full")
            #expect(try Self.query(network, "157", "PRAGMA integrity_check") == "ok")
            let again = try Self.run(network, ["sync", "--config", commune])
            #expect(again.status == 0, "\(again.error)")
            #expect(try Self.query(network, "157", transfers) == String(held + 1))
            #expect(try Self.query(network, "05290", pending) == "acknowledged:\(index + 1)")
        }
        let leftovers = FileManager.default.enumerator(atPath: network.workspace.path("data/157/bundles"))?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".tmp") } ?? []
        #expect(leftovers.isEmpty, "half-written files left: \(leftovers)")
    }

    /// A USB import on a full disk says why for each file and exits non-zero, storing
    /// nothing; run again once space returns, the same stick is taken in.
    @Test func usbImport_whenDiskFull_failsClearly_thenAccepted() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let (district, disk) = try Self.nodeOnTinyDisk(network, "157", kilobytes: 4096)
        defer { disk.unmount() }
        let commune = try network.node("05290")
        try Self.queueReport(network, config: commune, to: "157", bytes: 600 << 10)
        #expect(try Self.run(network, ["export", "--config", commune, "--to", "usb"]).status == 0)

        try disk.fill(leaving: 300 << 10)
        let failed = try Self.run(network, ["import", "--config", district, "usb"])
        // Not a verdict on the bundle: "not taken in yet", with the reason, and the exit code
        // of a problem with the node's own storage.
        #expect(failed.status == 2)
        #expect(failed.output.contains(".bcb: chưa nhận được: \(Self.diskFull)") && !failed.output.contains("rejected"),
                "\(failed.output) \(failed.error)")
        disk.removeFiller()
        #expect(try Self.query(network, "157", "SELECT COUNT(*) FROM bundle WHERE kind = 'report'") == "0")
        #expect(try Self.query(network, "157", "PRAGMA integrity_check") == "ok")

        let again = try Self.run(network, ["import", "--config", district, "usb"])
        #expect(again.status == 0, "\(again.output) \(again.error)")
        #expect(again.output.hasSuffix(".bcb: accepted\n"), "\(again.output)")
        #expect(try Self.query(network, "157", "SELECT COUNT(*) FROM bundle WHERE kind = 'report'") == "1")
    }

    /// The commune's own disk is full when it pulls a release from its district: the sync
    /// fails with the reason, the feed cursor does not move and the district still has the
    /// release pending for it; once space returns the next sync takes it in.
    @Test func pulledBundle_whenOwnDiskFull_failsClearly_cursorKept_thenTaken() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let (syncPort, localPort) = (ServeProcess.freePort(), ServeProcess.freePort())
        let province = try network.node("17")
        let district = try network.node("157", extra: Self.networkSection("157", sync: syncPort, local: localPort,
                                                                            parentPort: ServeProcess.freePort()))
        let (commune, disk) = try Self.nodeOnTinyDisk(network, "05290", kilobytes: 4096,
            extra: Self.networkSection("05290", sync: ServeProcess.freePort(), local: ServeProcess.freePort(), parentPort: syncPort))
        defer { disk.unmount() }
        #expect(try Self.run(network, ["release", "publish", "--config", province, "--out", "v1.bcb"]).status == 0)
        #expect(try Self.run(network, ["release", "import", "--config", district, "v1.bcb"]).status == 0)
        let serve = try ServeProcess(config: district, localPort: localPort, in: network.workspace.root)
        defer { serve.killNow() }   // before the unmount
        let waiting = "SELECT COUNT(*) FROM delivery WHERE destination = '05290' AND state = 'pending'"
        #expect(try Self.query(network, "157", waiting) == "1")

        try disk.fill(leaving: 128 << 10)
        let failed = try Self.run(network, ["sync", "--config", commune])
        #expect(failed.status == 2, "this node's own storage: \(failed.error)")
        #expect(failed.error.hasPrefix("Lỗi: \(Self.diskFull)"), "\(failed.error)")
        disk.removeFiller()
        #expect(try Self.query(network, "05290", "SELECT COUNT(*) FROM release") == "0")
        #expect(try Self.query(network, "05290", "SELECT COUNT(*) FROM setting WHERE key = 'feedCursor' AND value != '0'") == "0")
        #expect(try Self.query(network, "05290", "PRAGMA integrity_check") == "ok")
        #expect(try Self.query(network, "157", waiting) == "1", "the district still has it to give")

        let again = try Self.run(network, ["sync", "--config", commune])
        #expect(again.status == 0, "\(again.error)")
        #expect(try Self.query(network, "05290", "SELECT COUNT(*) FROM release") == "1")
        #expect(try Self.query(network, "157", waiting) == "0")
    }

    /// A node whose storage is mounted read-only refuses at start, every command and the
    /// server alike, with one clear line; nothing changes on the disk; mounted writable
    /// again, it works as before.
    @Test func readOnlyStorage_refusedClearlyAtStart_noChange_thenNormal() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let (sync, local) = (ServeProcess.freePort(), ServeProcess.freePort())
        let (config, disk) = try Self.nodeOnTinyDisk(network, "157", kilobytes: 4096,
            extra: Self.networkSection("157", sync: sync, local: local, parentPort: ServeProcess.freePort()))
        defer { disk.unmount() }
        let commune = try network.node("05290")
        #expect(try Self.run(network, ["report", "new", "KTXH-THANG", "2026-10", "--config", config], as: "quantri").status == 0)
        try Self.queueReport(network, config: commune, to: "157", bytes: 2_000)
        #expect(try Self.run(network, ["export", "--config", commune, "--to", "usb"]).status == 0)
        let before = try SQLiteShell.dump(network.workspace.path("data/157/baocao.sqlite"))

        try disk.remount(readOnly: true)
        for arguments in [["report", "new", "KTXH-THANG", "2026-11", "--config", config, "--user", "quantri"],
                          ["status", "--config", config], ["import", "--config", config, "usb"], ["serve", "--config", config]] {
            let refused = try Self.run(network, arguments)
            #expect(refused.status == 2, "\(arguments[0]): \(refused.status) \(refused.output)")
            #expect(refused.error.hasPrefix("Lỗi: \(Self.readOnly) ("), "\(arguments[0]): \(refused.error)")
            #expect(refused.error.contains("Hãy gắn lại ổ đĩa ở chế độ ghi được"))
        }
        #expect(!ServeProcess.isListening(local))

        try disk.remount(readOnly: false)
        #expect(try SQLiteShell.dump(network.workspace.path("data/157/baocao.sqlite")) == before, "nothing changed on the read-only disk")
        #expect(try Self.query(network, "157", "PRAGMA integrity_check") == "ok")
        #expect(try Self.run(network, ["report", "new", "KTXH-THANG", "2026-11", "--config", config], as: "quantri").status == 0)
        let imported = try Self.run(network, ["import", "--config", config, "usb"])
        #expect(imported.output.hasSuffix(".bcb: accepted\n"), "\(imported.output) \(imported.error)")
    }
}
