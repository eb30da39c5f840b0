import BaoCaoCore
import Foundation
import Testing

/// `baocao publish` at the province 17 (seed 000 art. 12.3: Sở TT&TT reviews and publishes
/// monthly): freezing, reviewing and publishing take the publisher role (công bố); a
/// correction is a new numbered publication that needs its reason.
@Suite("Publish command")
struct PublishCommandTests {
    let workspace: SampleWorkspace
    let config: String
    let database: String

    init() throws {
        workspace = try SampleWorkspace()
        try workspace.write("""
            unit: "17"
            dataDirectory: ../data/17
            topology: ../Topology/hoa-binh-2025-03-3-cap.csv
            catalog: catalog/kinh-te-xa-hoi.yaml
            """, to: "Config/tinh-17.yaml")
        config = workspace.path("Config/tinh-17.yaml")
        database = workspace.path("data/17/baocao.sqlite")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
        for (login, role) in [("congbo", "publisher"), ("tonghop", "aggregator")] {
            let added = try CommandRunner.run(["user", "add", login, "--name", "Người \(login)", "--role", role, "--password-stdin",
                                               "--user", "quantri", "--config", config],
                                              environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], input: "mat-khau-\(login)\n")
            #expect(added.status == 0, "\(added.error)")
        }
    }

    func run(_ login: String, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(["publish"] + arguments + ["--user", login, "--config", config], environment: ["BAOCAO_PASSWORD": "mat-khau-\(login)"])
    }

    func count(_ table: String) throws -> String {
        try SQLiteShell.query(database, "SELECT COUNT(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // 000 art. 12.3: the aggregator, without the publisher role, is refused in Vietnamese; nothing frozen or published.
    @Test func withoutThePublisherRole_refused() throws {
        let freeze = try run("tonghop", ["freeze", "KTXH-THANG", "2026-10"])
        #expect(freeze.status != 0)
        #expect(freeze.error.contains("không có quyền chốt số liệu để công bố (cần vai trò: công bố)"), "\(freeze.error)")
        #expect(try count("snapshot") == "0" && count("publication") == "0")
    }

    // 000 art. 12.3: freeze, review, publish, list; a correction needs its reason and is numbered 2.
    @Test func freezeReviewPublish_andACorrection() throws {
        let frozen = try run("congbo", ["freeze", "KTXH-THANG", "2026-10"])
        #expect(frozen.status == 0, "\(frozen.error)")
        #expect(frozen.output.contains("số liệu chốt số 1"))
        let review = try run("congbo", ["review", "KTXH-THANG", "2026-10"])
        #expect(review.status == 0, "\(review.error)")
        #expect(review.output.contains("Chưa công bố.") && review.output.contains("Tình hình báo cáo: 0/"))
        #expect(review.output.contains("baocao publish publish KTXH-THANG 2026-10 --snapshot 1"))
        let published = try run("congbo", ["publish", "KTXH-THANG", "2026-10", "--snapshot", "1"])
        #expect(published.status == 0, "\(published.error)")
        let today = VietnamTime.civilDate(at: Date()).vietnameseText
        #expect(published.output.contains("Đã công bố lần 1 ngày \(today) số liệu KTXH-THANG kỳ 2026-10"))

        let again = try run("congbo", ["publish", "KTXH-THANG", "2026-10", "--snapshot", "1"])
        #expect(again.status != 0 && again.error.contains("Số liệu chốt số 1 đã được công bố (lần 1)"), "\(again.error)")
        #expect(try run("congbo", ["freeze", "KTXH-THANG", "2026-10"]).status == 0)
        let noReason = try run("congbo", ["publish", "KTXH-THANG", "2026-10", "--snapshot", "2"])
        #expect(noReason.status != 0 && noReason.error.contains("Phải ghi rõ lý do."), "\(noReason.error)")
        let correction = try run("congbo", ["publish", "KTXH-THANG", "2026-10", "--snapshot", "2", "--reason", "Chốt lại sau khi rà soát"])
        #expect(correction.status == 0, "\(correction.error)")
        #expect(correction.output.contains("Đã công bố lần 2 (đính chính) ngày \(today)"))
        let list = try run("congbo", ["list", "KTXH-THANG", "2026-10"])
        #expect(list.output.contains("Lần 1: công bố lần 1") && list.output.contains("Lý do đính chính: Chốt lại sau khi rà soát"))
        #expect(try count("publication") == "2")
    }
}
