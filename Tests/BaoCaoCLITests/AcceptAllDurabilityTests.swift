import Foundation
import Testing

/// Accepting every waiting report of a regime-period signs a decision for each and sends
/// it down. The decisions' bytes share one flush (issue 22). A decision whose bytes did not
/// reach the disk is not made: the command
/// says so in Vietnamese and fails, no report is decided and no decision is queued, and the
/// same command decides them all once the disk writes again.
@Suite("Accept all: a decision is made only once its file is on disk", .serialized)
struct AcceptAllDurabilityTests {
    @Test func acceptAll_whenTheDecisionsDoNotReachTheDisk_decidesNothing_thenEverything() throws {
        let fixture = try PermissionMatrixTests.Fixture()
        _ = try fixture.receivedReport()
        let period = String(format: "%04d-%02d", 2000 + fixture.nextMonth / 12, fixture.nextMonth % 12 + 1)
        let accept = ["inbox", "accept", "--regime", "R1", "--period", period, "--config", fixture.district, "--user", "quantri"]
        let database = fixture.network.workspace.path("data/157/baocao.sqlite")
        let decisions = "SELECT COUNT(*) FROM bundle WHERE kind = 'decision'"
        let states = "SELECT state FROM report WHERE unitCode = '05290'"

        let failed = try CommandRunner.run(accept, environment: ["BAOCAO_PASSWORD": fixture.password, "BAOCAO_FAIL_FSYNC": "/bundles/pack.sqlite"],
                                           in: fixture.network.workspace.root)
        #expect(failed.status != 0, "\(failed.output)")
        #expect(failed.error.contains("Không ghi được tệp"), "\(failed.error)")
        #expect(try SQLiteShell.query(database, decisions).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(try SQLiteShell.query(database, states).trimmingCharacters(in: .whitespacesAndNewlines) == "received")

        let accepted = try fixture.must(Array(accept.dropLast(2)), as: "quantri")
        #expect(accepted.contains("Đã chấp nhận 1 báo cáo của R1 kỳ \(period)"), "\(accepted)")
        #expect(try SQLiteShell.query(database, decisions).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try SQLiteShell.query(database, states).trimmingCharacters(in: .whitespacesAndNewlines) == "accepted")
    }
}
