import BaoCaoCore
import Foundation
import Testing

@Suite("baocao audit verify: against the anchors other units hold")
struct AuditAnchorCommandTests {
    static let environment = ["BAOCAO_PASSWORD": "mat-khau-quan-tri"]

    /// A province, a district and a commune joined by USB. Every bundle signed carries its
    /// node's audit head: the province's release, the commune's report, the district's
    /// receipt. The district's receipt echoes the commune's head back, signed; the
    /// district's own report relays the province's head up. Each log verifies against
    /// those anchors — until someone drops the triggers, edits an early entry and
    /// recomputes the whole chain so it is consistent again: then `audit verify` names the
    /// anchor it no longer matches, and who holds it.
    @Test func rechainedLog_isCaughtAgainstTheAnchorsHeldAboveAndBelow() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let fast = "security:\n  bcryptCost: 4"
        let province = try network.node("17", extra: fast)
        let district = try network.node("157", extra: fast)
        let commune = try network.node("05290", extra: fast)
        for config in [province, district, commune] {
            let added = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                              environment: [:], input: "mat-khau-quan-tri\n", in: network.workspace.root)
            #expect(added.status == 0, "\(added.error)")
        }
        // Nothing held yet: said plainly.
        let early = try verify(commune, network)
        #expect(early.status == 0 && early.output.contains("Chưa có mốc neo nào do đơn vị khác giữ"), "\(early.output) \(early.error)")

        // The release goes down with the province's head; the commune's report up, and the receipt back down.
        #expect(try network.run(["release", "publish", "--config", province]).status == 0)
        try carry(network, from: province, to: district, for: "157")
        try carry(network, from: district, to: commune, for: "05290")
        #expect(try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "157")).status == 0)
        try carry(network, from: commune, to: district)
        try carry(network, from: district, to: commune, for: "05290")
        // The district's own report carries the province's head it holds, up to the province.
        #expect(try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: district, unit: "157", to: "17")).status == 0)
        try carry(network, from: district, to: province)

        let about = { (unit: String, kind: String) in
            try SQLiteShell.query(network.workspace.path("data/\(unit)/baocao.sqlite"), "SELECT about FROM bundle WHERE kind = '\(kind)' AND sender = '\(unit)'")
        }
        let release = try about("17", "release")
        #expect(release.contains("\"auditHead\":\""), "\(release)")
        #expect(try about("05290", "report").contains("\"auditHead\":\""))
        let receipt = try about("157", "receipt")
        #expect(receipt.contains("\"auditHead\":\"") && receipt.contains("\"echoedAuditHead\":\""), "\(receipt)")
        #expect(try about("157", "report").contains("\"parentAuditHead\":\""))

        let communeOK = try verify(commune, network)
        #expect(communeOK.status == 0 && communeOK.output.contains("khớp 1 mốc neo do 157 giữ"), "\(communeOK.output) \(communeOK.error)")
        let provinceOK = try verify(province, network)
        #expect(provinceOK.status == 0 && provinceOK.output.contains("khớp 1 mốc neo do 157 giữ"), "\(provinceOK.output) \(provinceOK.error)")

        // Entry 1 rewritten and every hash after it recomputed: the chain alone is consistent again.
        for unit in ["05290", "17"] {
            try LogForger.rewrite(database: network.workspace.path("data/\(unit)/baocao.sqlite"), sequence: 1, detail: "đã bị sửa")
        }
        for (config, unit) in [(commune, "05290"), (province, "17")] {
            let caught = try verify(config, network)
            #expect(caught.status == 1, "\(unit): \(caught.output)")
            #expect(caught.error.contains("Nhật ký hệ thống KHÔNG toàn vẹn. Nhật ký đã bị dựng lại chuỗi băm: mục số"),
                    "\(unit): \(caught.error)")
            #expect(caught.error.contains("Mốc neo do 157 giữ, trong gói tin có chữ ký số của đơn vị đó."), "\(unit): \(caught.error)")
        }
    }

    private func verify(_ config: String, _ network: SignedNetwork) throws -> CommandRunner.Result {
        try CommandRunner.run(["audit", "verify", "--config", config, "--user", "quantri"], environment: Self.environment, in: network.workspace.root)
    }

    /// Exports what waits at one node (up, or down to `child`) and imports it at the other.
    private func carry(_ network: SignedNetwork, from source: String, to target: String, for child: String? = nil) throws {
        let folder = "usb-\(UUID().uuidString)"
        let exported = try network.run(["export", "--config", source, "--to", folder] + (child.map { ["--for", $0] } ?? []))
        #expect(exported.status == 0, "\(exported.error)")
        let imported = try network.run(["import", "--config", target, folder])
        #expect(imported.status == 0 && !imported.output.contains("rejected"), "\(imported.output) \(imported.error)")
    }
}

/// What an admin with the database file could do: drop the audit log's triggers, rewrite
/// an entry, and recompute every hash from it on so the chain is consistent again.
enum LogForger {
    struct Entry: Decodable {
        let sequence: Int64
        let at: String
        let actor: String
        let action: String
        let object: String?
        let detail: String?
        let previousHash: String
    }

    static func rewrite(database: String, sequence: Int64, detail: String) throws {
        let json = try sqlite(database, ["-json", "SELECT sequence, at, actor, action, object, detail, previousHash FROM auditEntry ORDER BY sequence"])
        let entries = try JSONDecoder().decode([Entry].self, from: Data(json.utf8))
        var statements = try sqlite(database, ["SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'auditEntry'"])
        var previous = entries.first { $0.sequence == sequence }?.previousHash ?? String(repeating: "0", count: 64)
        for entry in entries where entry.sequence >= sequence {
            let newDetail = entry.sequence == sequence ? detail : entry.detail
            var text = previous
            for field in [String(entry.sequence), entry.at, entry.actor, entry.action, entry.object, newDetail] as [String?] {
                if let field { text += "\(field.utf8.count):\(field)" } else { text += "-" }
            }
            let hash = try sha256(text)
            let quoted = newDetail.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
            statements += "UPDATE auditEntry SET detail = \(quoted), previousHash = '\(previous)', hash = '\(hash)' WHERE sequence = \(entry.sequence);\n"
            previous = hash
        }
        _ = try sqlite(database, [statements])
    }

    private static func sqlite(_ database: String, _ arguments: [String]) throws -> String {
        try tool("/usr/bin/sqlite3", [database] + arguments, input: nil)
    }

    private static func sha256(_ text: String) throws -> String {
        String(try tool("/usr/bin/sha256sum", [], input: Data(text.utf8)).prefix(64))
    }

    private static func tool(_ path: String, _ arguments: [String], input: Data?) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SignedNetwork.CLIFailure("\(path) \(arguments) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
