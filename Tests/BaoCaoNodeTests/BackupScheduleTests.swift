import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import Synchronization
import Testing

/// Backups on by default, written, verified and judged by their age (issue 21, item 9):
/// seed 000 art. 19.3 ("Định kỳ sao lưu dữ liệu không để mất dữ liệu khi sự cố xảy ra"),
/// seed 001 art. 12.1 ("định kỳ thực hiện việc sao lưu dữ liệu và phục hồi hệ thống").
@Suite("Scheduled backups, verified and judged by age")
struct BackupScheduleTests {
    static let hour: TimeInterval = 3600
    /// Monday 2 March 2026, 08:00 in Vietnam.
    static let start = Date(timeIntervalSince1970: 1_772_413_200)

    /// A commune node initialized at `start`, its PKI, and a folder for its backups.
    final class Node {
        let root: URL
        let store: NodeStore
        let runtime: NodeRuntime
        let pki: DevelopmentPKI
        let backups: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-backups-\(UUID().uuidString)")
            let data = root.appendingPathComponent("data/05290")
            try DurableFile.createFolder(data)
            store = try NodeStore.open(at: data.appendingPathComponent("baocao.sqlite").path)
            let topology = try Topology(units: [ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
                                                ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "17")])
            _ = try store.initialize(homeUnit: "05290", topology: topology, catalog: Catalog(), at: BackupScheduleTests.start)
            pki = try DevelopmentPKI.make(topology: topology, unitCodes: ["17", "05290"], keyKind: .ecP256,
                                          now: BackupScheduleTests.start.addingTimeInterval(-86_400))
            backups = root.appendingPathComponent("data/05290-sao-luu")
            runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: data.path), home: "05290",
                                  bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry), clockTolerance: 86_400)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// The scheduler as `baocao serve` runs it: every 24 hours, the newest `keep` kept,
        /// a warning after 48 hours; `registry` is who may sign this node's backups.
        func service(keep: Int = 14, registry: SignerRegistry? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                     pollInterval: Double = 60) -> BackupService {
            let policy = BackupPolicy(directory: backups.path, interval: 24 * BackupScheduleTests.hour, keep: keep,
                                      maximumAge: 48 * BackupScheduleTests.hour)
            var signers: (@Sendable () throws -> BackupSignerCheck)?
            if let registry {
                let check = BackupSignerCheck(trust: try! TrustStore(anchors: [pki.root.certificate]), registry: registry, clockTolerance: 86_400)
                signers = { check }
            }
            return BackupService(runtime: runtime, policy: policy, directory: backups, signer: pki.units["05290"]!.signing, signers: signers,
                                 clock: clock, pollInterval: pollInterval)
        }

        func files() throws -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: backups.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }
    }

    /// Should, with the clock injected, back up at once on a node with none, not again
    /// within the interval, again once it has passed; keep the newest `keep`; and warn once
    /// the last good backup is older than allowed (000 art. 19.3).
    @Test func schedule_backsUpEachInterval_keepsTheNewest_andWarnsWhenOverdue() throws {
        let node = try Node()
        let service = node.service(keep: 2)
        let first = try service.backupIfDue(at: Self.start)
        #expect(first == .good("baocao-05290-\(Int(Self.start.timeIntervalSince1970)).zip"))
        #expect(try service.backupIfDue(at: Self.start.addingTimeInterval(1 * Self.hour)) == nil, "not due within the interval")
        #expect(try service.backupIfDue(at: Self.start.addingTimeInterval(23 * Self.hour)) == nil)
        for day in 1...3 {
            let outcome = try service.backupIfDue(at: Self.start.addingTimeInterval(Double(day) * 24 * Self.hour))
            guard case .good = outcome else { Issue.record("day \(day): \(String(describing: outcome))"); return }
        }
        let last = Self.start.addingTimeInterval(72 * Self.hour)
        #expect(try node.files() == ["baocao-05290-\(Int(last.timeIntervalSince1970) - 86_400).zip",
                                     "baocao-05290-\(Int(last.timeIntervalSince1970)).zip"], "the newest two kept")
        // Each kept backup is one a restore accepts.
        for file in try node.files() {
            let signers = BackupSignerCheck(trust: try TrustStore(anchors: [node.pki.root.certificate]), registry: node.pki.registry, clockTolerance: 86_400)
            #expect(try NodeBackup.verify(node.backups.appendingPathComponent(file), expectedUnit: "05290", signers: signers).unit == "05290")
        }

        let policy = service.policy
        #expect(try BackupFreshness(store: node.store, policy: policy, now: last.addingTimeInterval(47 * Self.hour)).warning == nil)
        let overdue = try BackupFreshness(store: node.store, policy: policy, now: last.addingTimeInterval(49 * Self.hour))
        #expect(overdue.warning == "Bản sao lưu đạt kiểm tra gần nhất lúc \(VietnamTime.displayText(last)) đã cũ hơn 48 giờ cho phép"
                + " (thư mục sao lưu \(node.backups.path)).")
    }

    /// Should run on its own inside `baocao serve`: with a clock that moves on 12 hours at
    /// each look, it makes a backup every other look, never more often than the interval.
    @Test func run_withAnInjectedClock_backsUpOnItsOwn() async throws {
        let node = try Node()
        let ticks = Mutex(0)
        let clock: @Sendable () -> Date = {
            let tick = ticks.withLock { tick in defer { tick += 1 }; return tick }
            return BackupScheduleTests.start.addingTimeInterval(Double(tick) * 12 * BackupScheduleTests.hour)
        }
        let service = node.service(keep: 14, clock: clock, pollInterval: 0.01)
        let task = Task { try await service.run() }
        var made: [String] = []
        for _ in 0..<3000 where made.count < 3 {
            try await Task.sleep(for: .milliseconds(10))
            made = try node.files()
        }
        task.cancel()
        _ = try? await task.value
        #expect(made.count >= 3, "\(made)")
        let stamps = made.compactMap { Int($0.dropFirst("baocao-05290-".count).dropLast(4)) }.sorted()
        #expect(stamps.first == Int(Self.start.timeIntervalSince1970), "the first at once")
        #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $1 - $0 == 86_400 }, "one a day: \(stamps)")
    }

    /// Should not count a backup that fails verification (here: the node's key is not
    /// registered for its unit, so no restore would accept it): the file is removed, the
    /// last good backup stays what it was, and the warning says why (001 art. 12.1).
    @Test func aBackupFailingVerification_isNotCountedAsGood() throws {
        let node = try Node()
        #expect(try node.service().backupIfDue(at: Self.start) == .good("baocao-05290-\(Int(Self.start.timeIntervalSince1970)).zip"))

        let unregistered = node.service(registry: SignerRegistry())
        let later = Self.start.addingTimeInterval(24 * Self.hour)
        guard case .failed(let reason) = try unregistered.backupIfDue(at: later) else {
            Issue.record("a backup no restore accepts was counted as good"); return
        }
        #expect(reason.contains("không qua được kiểm tra") && reason.contains("không được đăng ký ký thay mặt đơn vị 05290"), "\(reason)")
        #expect(try node.files() == ["baocao-05290-\(Int(Self.start.timeIntervalSince1970)).zip"], "the failed one removed, the good one kept")
        let record = try BackupRecord(store: node.store)
        #expect(record.lastGoodAt == Self.start)
        #expect(try unregistered.backupIfDue(at: later.addingTimeInterval(0.5 * Self.hour)) == nil, "retried after an hour, not at once")

        let overdue = try BackupFreshness(store: node.store, policy: unregistered.policy, now: Self.start.addingTimeInterval(49 * Self.hour))
        let warning = try #require(overdue.warning)
        #expect(warning.hasPrefix("Bản sao lưu đạt kiểm tra gần nhất lúc \(VietnamTime.displayText(Self.start)) đã cũ hơn 48 giờ cho phép"))
        #expect(warning.contains("Lần sao lưu lúc \(VietnamTime.displayText(later)) không đạt: bản sao lưu"), "\(warning)")
    }

    /// Should be on without a `backup:` section, in a folder beside the data directory,
    /// every 24 hours, warning after 48; and warn at once when turned off (000 art. 19.3).
    @Test func backups_areOnByDefault_besideTheData() throws {
        let configuration = NodeConfiguration(unit: "05290", dataDirectory: "../.baocao-data/05290", topology: "t.csv", catalog: "c.yaml")
        let policy = configuration.effectiveBackup
        #expect(policy.enabled)
        #expect(policy.directory == "../.baocao-data/05290-sao-luu")
        #expect(policy.interval == 24 * Self.hour && policy.maximumAge == 48 * Self.hour && policy.keep == 14)
        #expect(NodeConfiguration(unit: "05290", topology: "t.csv", catalog: "c.yaml").effectiveBackup.directory == "data/05290-sao-luu")
        var hourly = configuration
        hourly.backup = BackupConfiguration(intervalHours: 6)
        #expect(hourly.effectiveBackup.enabled && hourly.effectiveBackup.maximumAge == 12 * Self.hour, "twice the interval")

        var off = configuration
        off.backup = BackupConfiguration(enabled: false)
        let node = try Node()
        let warning = try BackupFreshness(store: node.store, policy: off.effectiveBackup, now: Self.start).warning
        #expect(warning?.hasPrefix("Sao lưu định kỳ đang tắt") == true, "\(String(describing: warning))")
        // Fresh and on: nothing to say until the allowed age has passed since the node was initialized.
        #expect(try BackupFreshness(store: node.store, policy: policy, now: Self.start.addingTimeInterval(47 * Self.hour)).warning == nil)
        let never = try BackupFreshness(store: node.store, policy: policy, now: Self.start.addingTimeInterval(49 * Self.hour)).warning
        #expect(never?.hasPrefix("Chưa có bản sao lưu nào đạt kiểm tra từ khi khởi tạo nút lúc \(VietnamTime.displayText(Self.start))") == true)
    }
}
