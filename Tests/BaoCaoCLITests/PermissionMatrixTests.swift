import Foundation
import Testing

/// Who may do what at a node, as a literal table, driven through the real `baocao`
/// binary: every action is tried by every role, by a clerk the leader delegated a section
/// to, and by that section's head without a delegation (who may not approve its figures:
/// seed 002 art. 10.2b); exactly the allowed ones succeed, the others are refused with a
/// message.
@Suite("Permission matrix through the CLI")
struct PermissionMatrixTests {
    /// The people at the district: one account per role, and a delegated clerk.
    static let people = ["admin": "admin", "aggregator": "aggregator", "approver": "approver", "dataEntry": "dataEntry",
                         "viewer": "viewer", "delegate": "dataEntry", "head": "dataEntry"]

    /// action → who may do it. Everyone else must be refused.
    static let matrix: [(action: String, allowed: Set<String>)] = [
        ("user add", ["admin"]),
        ("report new", ["aggregator", "dataEntry", "delegate", "head"]),
        ("report set", ["aggregator", "dataEntry", "delegate", "head"]),
        // Section A is assigned to the unit's section A, delegated to "delegate": its figures
        // are entered by that section's people or by the aggregator.
        ("report set (section A)", ["aggregator", "delegate", "head"]),
        // 002 art. 10.2b: the head of A approves its figures only by the leader's delegation.
        ("report approve-section", ["approver", "delegate"]),
        // 002 art. 12.4a: the leader returns one section's figures to the section.
        ("report return-section", ["approver"]),
        ("report submit", ["aggregator", "dataEntry", "delegate", "head"]),
        ("report approve", ["approver"]),
        ("report reject", ["approver"]),
        ("report send", ["approver", "aggregator"]),
        ("inbox assign", ["aggregator", "approver"]),
        ("inbox accept", ["aggregator", "approver"]),
        ("inbox accept --regime", ["aggregator", "approver"]),
        ("inbox return", ["aggregator", "approver"]),
        ("window open", ["aggregator"]),
        ("notices remind", ["aggregator"]),
        ("audit list", ["admin", "approver"]),
        ("report list", ["admin", "aggregator", "approver", "dataEntry", "viewer", "delegate", "head"]),
    ]

    static let catalog = """
        indicators:
          - { code: NN01, name: "Diện tích lúa", unitOfMeasure: ha, valueType: decimal, decimals: 1, min: "0" }
          - { code: TC01, name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: decimal, decimals: 3 }
        forms:
          - code: F1
            title: "Biểu tháng"
            sections: [ { code: A, title: "Nông nghiệp", rows: [NN01] }, { code: B, title: "Tài chính", rows: [TC01] } ]
        regimes:
          - code: R1
            name: "Báo cáo tháng"
            type: periodic
            frequency: monthly
            form: F1
            reporters: { kinds: [commune, district] }
            deadlines: [ { senderKind: commune, day: 16 }, { senderKind: district, day: 18 } ]
        """

    final class Fixture {
        let network: SignedNetwork
        let district: String
        let commune: String
        let password = "mật-khẩu-đủ-dài-2026"
        var nextMonth = 0

        init() throws {
            network = try SignedNetwork(units: ["157", "05290"])
            try network.workspace.write(PermissionMatrixTests.catalog, to: "Config/catalog/nho.yaml")
            let extra = "security:\n  bcryptCost: 4"
            district = try network.node("157", catalog: "catalog/nho.yaml", extra: extra)
            commune = try network.node("05290", catalog: "catalog/nho.yaml", extra: extra)
            for config in [district, commune] {
                try must(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "aggregator", "approver", "dataEntry",
                          "--password-stdin", "--config", config], as: nil)
            }
            for (login, role) in PermissionMatrixTests.people {
                try must(["user", "add", login, "--name", login, "--role", role, "--password-stdin", "--config", district], as: "quantri")
            }
            try must(["section", "add", "A", "--name", "Nông nghiệp", "--head", "head", "--config", district], as: "quantri")
            try must(["section", "delegate", "A", "delegate", "--config", district], as: "quantri")
        }

        @discardableResult
        func run(_ arguments: [String], as login: String?) throws -> CommandRunner.Result {
            var environment = ["BAOCAO_NEW_PASSWORD": password]
            if login != nil { environment["BAOCAO_PASSWORD"] = password }
            return try CommandRunner.run(arguments + (login.map { ["--user", $0] } ?? []), environment: environment,
                                         input: password + "\n", in: network.workspace.root)
        }

        @discardableResult
        func must(_ arguments: [String], as login: String?) throws -> String {
            let result = try run(arguments, as: login)
            guard result.status == 0 else { throw SignedNetwork.CLIFailure("\(arguments.joined(separator: " ")): \(result.error)") }
            return result.output
        }

        /// N in "Đã lập báo cáo số N: …".
        static func number(in output: String) throws -> String {
            guard let match = output.firstMatch(of: /số (\d+):/) else { throw SignedNetwork.CLIFailure("no report number in \(output)") }
            return String(match.output.1)
        }

        /// A fresh period, so that every attempt has its own report.
        func period() -> String {
            nextMonth += 1
            return String(format: "%04d-%02d", 2000 + nextMonth / 12, nextMonth % 12 + 1)
        }

        /// A report of the district, brought to `state` by the all-roles account; its number.
        func ownReport(in state: String) throws -> String {
            let created = try must(["report", "new", "R1", period(), "--config", district], as: "quantri")
            let id = try Self.number(in: created)
            if state == "new" { return id }
            try must(["report", "set", id, "NN01=1.245,5", "TC01=12,125", "--config", district], as: "quantri")
            if state == "draft" { return id }
            try must(["report", "approve-section", id, "A", "--config", district], as: "quantri")
            try must(["report", "approve-section", id, "B", "--config", district], as: "quantri")
            if state == "ready" { return id }
            try must(["report", "submit", id, "--config", district], as: "quantri")
            if state == "submitted" { return id }
            try must(["report", "approve", id, "--config", district], as: "quantri")
            return id
        }

        /// A report the commune sent, received at the district by USB; its number there.
        func receivedReport() throws -> String {
            let created = try must(["report", "new", "R1", period(), "--config", commune], as: "quantri")
            let id = try Self.number(in: created)
            try must(["report", "set", id, "NN01=10", "TC01=1", "--config", commune], as: "quantri")
            for section in ["A", "B"] { try must(["report", "approve-section", id, section, "--config", commune], as: "quantri") }
            for step in ["submit", "approve", "send"] { try must(["report", step, id, "--config", commune], as: "quantri") }
            let stick = "usb-\(nextMonth)"
            try must(["export", "--config", commune, "--to", stick], as: nil)
            try must(["import", "--config", district, stick], as: nil)
            let list = try must(["inbox", "list", "--state", "received", "--config", district], as: "quantri")
            return String(list.split(separator: "\n")[0].split(separator: "\t")[0])
        }

        /// The arguments that try `action` on a fresh object.
        func attempt(_ action: String) throws -> [String] {
            let config = ["--config", district]
            switch action {
            case "user add": return ["user", "add", "moi\(nextMonth)\(UUID().uuidString.prefix(4).lowercased())", "--name", "Mới", "--role", "viewer", "--password-stdin"] + config
            case "report new": return ["report", "new", "R1", period()] + config
            case "report set": return ["report", "set", try ownReport(in: "new"), "TC01=5"] + config
            case "report set (section A)": return ["report", "set", try ownReport(in: "new"), "NN01=5"] + config
            case "report approve-section": return ["report", "approve-section", try ownReport(in: "draft"), "A"] + config
            case "report return-section": return ["report", "return-section", try ownReport(in: "submitted"), "A", "--reason", "Diện tích chưa khớp"] + config
            case "report submit": return ["report", "submit", try ownReport(in: "ready")] + config
            case "report approve": return ["report", "approve", try ownReport(in: "submitted")] + config
            case "report reject": return ["report", "reject", try ownReport(in: "submitted"), "--reason", "Thiếu số liệu"] + config
            case "report send": return ["report", "send", try ownReport(in: "approved")] + config
            case "inbox assign": return ["inbox", "assign", try receivedReport(), "viewer"] + config
            case "inbox accept": return ["inbox", "accept", try receivedReport()] + config
            case "inbox accept --regime":
                _ = try receivedReport()
                return ["inbox", "accept", "--regime", "R1", "--period", String(format: "%04d-%02d", 2000 + nextMonth / 12, nextMonth % 12 + 1)] + config
            case "inbox return": return ["inbox", "return", try receivedReport(), "--reason", "Sai số liệu"] + config
            case "window open": return ["window", "open", "R1", period()] + config
            case "notices remind": return ["notices", "remind", "R1", period()] + config
            case "audit list": return ["audit", "list"] + config
            case "report list": return ["report", "list"] + config
            default: throw SignedNetwork.CLIFailure("unknown action \(action)")
            }
        }
    }

    @Test func onlyTheAllowed_pass() throws {
        let fixture = try Fixture()
        for (action, allowed) in Self.matrix {
            for login in Self.people.keys.sorted() {
                let arguments = try fixture.attempt(action)
                let result = try fixture.run(arguments, as: login)
                if allowed.contains(login) {
                    #expect(result.status == 0, "\(login) should be able to \(action): \(result.error)")
                    if action == "inbox accept --regime" { #expect(result.output.contains("Đã chấp nhận 1 báo cáo của R1 kỳ"), "\(result.output)") }
                } else {
                    #expect(result.status == 1, "\(login) must not be able to \(action)")
                    #expect(result.error.hasPrefix("Lỗi: ") && result.error.contains("quyền"), "\(login) \(action): \(result.error)")
                }
            }
        }
    }
}
