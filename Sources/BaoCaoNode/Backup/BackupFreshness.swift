import BaoCaoCore
import BaoCaoStore
import Foundation

/// Whether a node's last good backup is older than its configuration allows (seeds 000
/// art. 19.3, 001 art. 12.1), said the same way on `/healthz`, the sync page and `baocao
/// status`: a node that has never made a good backup is judged from when it was initialized;
/// a node whose backups are turned off always warns.
public struct BackupFreshness: Sendable, Hashable {
    public let policy: BackupPolicy
    public let record: BackupRecord
    /// The sentence saying what is wrong, in Vietnamese; `nil` while backups are fresh.
    public let warning: String?

    public init(policy: BackupPolicy, record: BackupRecord, initializedAt: Date?, now: Date) {
        self.policy = policy
        self.record = record
        warning = Self.warning(policy: policy, record: record, initializedAt: initializedAt, now: now)
    }

    /// What the store holds, judged at `now`.
    public init(store: NodeStore, policy: BackupPolicy, now: Date) throws {
        let initialized = try store.value(of: .initializedAt).flatMap { try? Date($0, strategy: .iso8601) }
        self.init(policy: policy, record: try BackupRecord(store: store), initializedAt: initialized, now: now)
    }

    public var isOverdue: Bool { warning != nil }

    /// The last good backup, as a person reads it.
    public var lastGoodText: String {
        guard let at = record.lastGoodAt else { return "chưa có" }
        return VietnamTime.displayText(at) + (record.lastGoodFile.map { " (\($0))" } ?? "")
    }

    private static func warning(policy: BackupPolicy, record: BackupRecord, initializedAt: Date?, now: Date) -> String? {
        guard policy.enabled else {
            return "Sao lưu định kỳ đang tắt (backup.enabled: false trong tệp cấu hình): dữ liệu của nút không có bản sao ở nơi khác;"
                + " hãy bật lại hoặc sao lưu bằng lệnh baocao backup."
        }
        let allowed = BackupPolicy.hours(policy.maximumAge)
        let failure = record.failureSinceLastGood.map { " Lần sao lưu lúc \(VietnamTime.displayText($0.at)) không đạt: \($0.reason)" } ?? ""
        if let good = record.lastGoodAt {
            guard now.timeIntervalSince(good) > policy.maximumAge else { return nil }
            return "Bản sao lưu đạt kiểm tra gần nhất lúc \(VietnamTime.displayText(good)) đã cũ hơn \(allowed) giờ cho phép"
                + " (thư mục sao lưu \(policy.directory))." + failure
        }
        guard let since = initializedAt, now.timeIntervalSince(since) > policy.maximumAge else { return nil }
        return "Chưa có bản sao lưu nào đạt kiểm tra từ khi khởi tạo nút lúc \(VietnamTime.displayText(since)), quá \(allowed) giờ cho phép"
            + " (thư mục sao lưu \(policy.directory))." + failure
    }
}
