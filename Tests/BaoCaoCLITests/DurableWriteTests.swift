import Foundation
import Testing

/// A bundle is acknowledged only after its bytes reached the disk, as `fsync` reports
/// (issue 16, item 2): the flush of the node's bundle pack. The nodes run with `BAOCAO_FAIL_FSYNC`, which makes
/// the `fsync` of a chosen path fail with `EIO` the way a failing disk does: the bundle is
/// then not taken in — not recorded, not acknowledged, not refused — and is taken in once
/// the disk writes again. (With the old global `sync()`, and the folder's `fsync` result
/// ignored, these failures went unseen and the bundle was acknowledged.)
@Suite("Durable writes: an acknowledgement follows a checked fsync", .serialized)
struct DurableWriteTests {
    static let password = "mat-khau-kiem-thu-2026"
    static let transfers = "SELECT COUNT(*) FROM bundle WHERE kind = 'report'"

    static func run(_ network: SignedNetwork, _ arguments: [String], failing suffix: String? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, environment: ["BAOCAO_PASSWORD": password].merging(suffix.map { ["BAOCAO_FAIL_FSYNC": $0] } ?? [:]) { $1 },
                              in: network.workspace.root)
    }

    static func query(_ network: SignedNetwork, _ unit: String, _ sql: String) throws -> String {
        try SQLiteShell.query(network.workspace.path("data/\(unit)/baocao.sqlite"), sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Should not take in a bundle from a stick when the flush of its bytes fails: the line
    /// says so and the command exits 2; nothing is recorded; the same stick is taken in once
    /// the disk writes.
    @Test func usbImport_whenItsBytesDoNotReachTheDisk_takesNothing() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let district = try network.node("157")
        let commune = try network.node("05290")
        #expect(try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "157")).status == 0)
        #expect(try network.run(["export", "--config", commune, "--to", "usb"]).status == 0)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: network.workspace.path("usb")).first)
        let failed = try Self.run(network, ["import", "--config", district, "usb"], failing: "/bundles/pack.sqlite")
        #expect(failed.status == 2, "\(failed.output) \(failed.error)")
        #expect(failed.output.contains("\(file): chưa nhận được:") && !failed.output.contains("accepted"), "\(failed.output)")
        #expect(try Self.query(network, "157", Self.transfers) == "0", "nothing recorded when the bytes did not reach the disk")
        let taken = try Self.run(network, ["import", "--config", district, "usb"])
        #expect(taken.status == 0 && taken.output.hasSuffix("\(file): accepted\n"), "\(taken.output)")
        #expect(try Self.query(network, "157", Self.transfers) == "1")
    }

    /// Should answer a commune's bundle over HTTPS with "not stored yet" when its flush
    /// fails at the district: the commune keeps it queued (not refused) with that answer,
    /// and delivers it once the district's disk writes again.
    @Test func syncedBundle_whenTheParentsFlushFails_staysQueuedAtTheSender() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let (syncPort, localPort) = (ServeProcess.freePort(), ServeProcess.freePort())
        let district = try network.node("157", extra: StorageFailureTests.networkSection("157", sync: syncPort, local: localPort,
                                                                                          parentPort: ServeProcess.freePort()))
        let commune = try network.node("05290", extra: StorageFailureTests.networkSection("05290", sync: ServeProcess.freePort(),
                                                                                           local: ServeProcess.freePort(), parentPort: syncPort))
        #expect(try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "157")).status == 0)
        let pending = "SELECT state || ':' || COALESCE(lastAnswer, '') FROM delivery WHERE direction = 'up'"

        let failing = try ServeProcess(config: district, localPort: localPort, in: network.workspace.root, environment: ["BAOCAO_FAIL_FSYNC": "/bundles/pack.sqlite"])
        let round = try Self.run(network, ["sync", "--config", commune])
        _ = failing.killNow()
        #expect(round.status == 0, "\(round.error)")
        #expect(round.output.contains("1 cấp trên chưa nhận và sẽ gửi lại"), "\(round.output)")
        let waiting = try Self.query(network, "05290", pending)
        #expect(waiting.hasPrefix("pending:") && waiting.hasSuffix("[notStored]"), "\(waiting)")
        #expect(try Self.query(network, "157", Self.transfers) == "0")

        // A person syncing by hand offers it again at once (the background loop waits out its backoff).
        let healthy = try ServeProcess(config: district, localPort: localPort, in: network.workspace.root)
        defer { _ = healthy.killNow() }
        let again = try Self.run(network, ["sync", "--config", commune])
        #expect(again.status == 0 && again.output.hasPrefix("Đã gửi 1 gói tin"), "\(again.output) \(again.error)")
        #expect(try Self.query(network, "157", Self.transfers) == "1")
        #expect(try Self.query(network, "05290", pending).hasPrefix("acknowledged:"))
    }
}
