import BaoCaoCore
import BaoCaoStore
import Foundation
import Testing

/// Backups on by default, verified, and `baocao status` saying when the last good one is
/// too old (issue 21, item 9; seed 000 art. 19.3: "Định kỳ sao lưu dữ liệu không để mất
/// dữ liệu khi sự cố xảy ra"; seed 001 art. 12.1: "định kỳ thực hiện việc sao lưu dữ liệu").
@Suite("baocao serve backs up by default; backup verify; status warns")
struct BackupScheduleCommandTests {
    /// The province node with its network section and no `backup:` section at all.
    static func servedProvince(_ network: SignedNetwork) throws -> (config: String, local: Int) {
        let config = try network.node("17")
        let (sync, local) = (ServeProcess.freePort(), ServeProcess.freePort())
        var text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(!text.contains("backup"))
        text += """

            network:
              syncListen: 127.0.0.1:\(sync)
              localListen: 127.0.0.1:\(local)
              certificate: ../pki/units/17/node.pem
              key: ../pki/units/17/node.key

            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        return (config, local)
    }

    /// Should, with no `backup:` section, make a signed backup at once in `data/17-sao-luu`
    /// beside the data directory, that `backup verify` accepts, and `status` names.
    @Test func serve_backsUpByDefault_besideTheData() throws {
        let network = try SignedNetwork(units: ["157"])
        let (config, local) = try Self.servedProvince(network)
        let folder = network.workspace.path("data/17-sao-luu")
        let serve = try ServeProcess(config: config, localPort: local, in: network.workspace.root)
        var made: [String] = []
        for _ in 0..<300 where made.isEmpty {
            made = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".zip") && !$0.hasPrefix(".") }
            if made.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        }
        // Recorded as good only after its verification: wait for the record too.
        var status = try network.run(["status", "--config", config])
        for _ in 0..<100 where !status.output.contains("bản đạt kiểm tra gần nhất: ") || status.output.contains("gần nhất: chưa có") {
            Thread.sleep(forTimeInterval: 0.1)
            status = try network.run(["status", "--config", config])
        }
        serve.stop()
        let file = try #require(made.first, "no backup in \(folder)")
        #expect(file.hasPrefix("baocao-17-"))
        #expect(status.output.contains("Sao lưu: mỗi 24 giờ vào \(folder); bản đạt kiểm tra gần nhất: "), "\(status.output)")
        #expect(status.output.contains("(\(file))"), "\(status.output)")
        #expect(!status.output.contains("Cảnh báo"))

        let verified = try network.run(["backup", "verify", "--config", config, "\(folder)/\(file)"])
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.output.hasPrefix("Bản sao lưu \(folder)/\(file) dùng được: nút 17"), "\(verified.output)")
    }

    /// Should accept a backup as written, and refuse, naming why, one cut short or another unit's.
    @Test func backupVerify_refusesATamperedBackup() throws {
        let network = try SignedNetwork(units: ["157"])
        let config = try network.node("17")
        let written = try network.run(["backup", "--config", config, "--to", "b.zip"])
        #expect(written.status == 0, "\(written.error)")
        let good = try network.run(["backup", "verify", "--config", config, "b.zip"])
        #expect(good.status == 0, "\(good.error)")

        let bytes = try Data(contentsOf: URL(fileURLWithPath: network.workspace.path("b.zip")))
        try bytes.dropLast(200).write(to: URL(fileURLWithPath: network.workspace.path("cut.zip")))
        let cut = try network.run(["backup", "verify", "--config", config, "cut.zip"])
        #expect(cut.status != 0)
        #expect(cut.error.contains("Bản sao lưu không dùng được: không phải tệp sao lưu ZIP hoặc tệp bị hỏng"), "\(cut.error)")

        // Another unit's backup is not this node's.
        let district = try network.node("157")
        #expect(try network.run(["backup", "--config", district, "--to", "157.zip"]).status == 0)
        let foreign = try network.run(["backup", "verify", "--config", config, "157.zip"])
        #expect(foreign.status != 0)
        #expect(foreign.error.contains("bản sao lưu của đơn vị 157, không phải 17"), "\(foreign.error)")
    }

    /// Should warn, in Vietnamese, when no good backup has been made in the 48 hours
    /// allowed since the node was initialized; `--json` says the same under `backup`.
    @Test func status_warnsWhenNoGoodBackupIsRecent() throws {
        let network = try SignedNetwork(units: ["157"])
        let config = try network.node("17")
        let fresh = try network.run(["status", "--config", config])
        #expect(fresh.output.contains("bản đạt kiểm tra gần nhất: chưa có") && !fresh.output.contains("Cảnh báo"), "\(fresh.output)")

        let initialized = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3 * 86_400).rounded(.down))
        let store = try NodeStore.open(at: network.workspace.path("data/17/baocao.sqlite"))
        try store.set(.initializedAt, to: initialized.formatted(.iso8601))
        try store.close()
        let overdue = try network.run(["status", "--config", config])
        #expect(overdue.status == 0, "\(overdue.error)")
        #expect(overdue.output.contains("Cảnh báo: Chưa có bản sao lưu nào đạt kiểm tra từ khi khởi tạo nút lúc "
                                        + "\(VietnamTime.displayText(initialized)), quá 48 giờ cho phép"), "\(overdue.output)")
        let json = try network.run(["status", "--config", config, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let backup = try #require(object?["backup"] as? [String: Any], "\(json.output)")
        #expect(backup["enabled"] as? Bool == true)
        #expect(backup["overdue"] as? Bool == true)
        #expect(backup["maximumAgeHours"] as? Int == 48)
        #expect(backup["directory"] as? String == network.workspace.path("data/17-sao-luu"))
    }
}
