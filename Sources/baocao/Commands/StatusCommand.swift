import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Cho biết nút phục vụ đơn vị nào, cấp trên, cấp dưới, bản phát hành đang dùng (và nếu đã hết hạn), bản sao lưu đạt kiểm tra gần nhất (và nếu đã quá hạn) và dữ liệu đang lưu."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút (YAML).")
    var config: String = "baocao.yaml"

    @Flag(name: .long, help: "In kết quả dạng JSON.")
    var json = false

    func run() throws {
        let loaded = try LoadedConfiguration(file: config)
        guard FileManager.default.fileExists(atPath: loaded.databasePath) else {
            throw CLIError("Nút chưa được khởi tạo (không có \(loaded.databasePath)). Hãy chạy: baocao init --config \(config)")
        }
        let store = try NodeStore.open(at: loaded.databasePath)
        guard let home = try store.homeUnit() else { throw StoreError.notInitialized() }
        let topology = try store.topology()
        guard let unit = topology.unit(code: home) else {
            throw CLIError("Đơn vị \(home) của nút không còn trong danh sách đơn vị đang lưu.")
        }
        let parent = unit.parentCode.flatMap(topology.unit(code:))
        let children = topology.children(of: home)
        let schemaVersion = try store.schemaVersion()
        let h = try store.summary()
        let refusedFromFeed = try store.refusedFeedItems(limit: 5)
        let refusedTotal = try store.refusedFeedItemCount()
        let chains = try ExpiredRelease.provinceChains(in: store)
        let release = chains.inForce
        let expired = ExpiredRelease(release, home: home, at: Date())
        let succession = try store.succession()
        let policy = loaded.backupPolicy
        let backups = try BackupFreshness(store: store, policy: policy, now: Date())
        let latestUpdate = try store.latestSoftwareUpdate().map { try UpdateContent(decoding: $0.content) }
        let waitingUpdate = latestUpdate.flatMap { $0.version > BaoCaoVersion.current ? $0 : nil }
        if json {
            let ref = { (u: ReportingUnit) -> JSONValue in
                .object([("code", .string(u.code.rawValue)), ("name", .string(u.name)), ("kind", .string(u.kind.rawValue))])
            }
            print(JSONValue.object([
                ("unit", ref(unit)),
                ("parent", parent.map(ref) ?? .null),
                ("children", .array(children.map(ref))),
                ("database", .string(loaded.databasePath)),
                ("schemaVersion", .int(schemaVersion)),
                ("software", .object([("running", .string(BaoCaoVersion.current.description)),
                                      ("latestUpdate", latestUpdate.map { .string($0.version.description) } ?? .null),
                                      ("waiting", waitingUpdate.map { .string($0.version.description) } ?? .null)])),
                ("provinceRelease", release.map { release in
                    .object([("publisher", .string(release.content.publisher.rawValue)),
                             ("version", .int(release.content.version)),
                             ("expiresAt", .string(release.content.expiresAt.formatted(.iso8601))),
                             ("expired", .bool(expired != nil)),
                             ("message", expired.map { .string($0.message) } ?? .null),
                             ("successor", release.content.successor.map { successor in
                                 .object([("publisher", .string(successor.publisher.rawValue)), ("firstVersion", .int(successor.firstVersion))])
                             } ?? .null)])
                } ?? .null),
                ("endedChains", .array(chains.ended.map { last in
                    .object([("publisher", .string(last.content.publisher.rawValue)), ("lastVersion", .int(last.content.version)),
                             ("successor", last.content.successor.map { .string($0.publisher.rawValue) } ?? .null)])
                })),
                ("succession", succession.map { succession in
                    .object([("effective", .string(succession.effective.description)),
                             ("graceUntil", .string(succession.graceUntil.description)),
                             ("formerUnits", .int(succession.formerUnits.count))])
                } ?? .null),
                ("backup", .object([
                    ("enabled", .bool(policy.enabled)), ("directory", .string(policy.directory)),
                    ("intervalHours", .int(BackupPolicy.hours(policy.interval))), ("maximumAgeHours", .int(BackupPolicy.hours(policy.maximumAge))),
                    ("lastGood", backups.record.lastGoodAt.map { .string($0.formatted(.iso8601)) } ?? .null),
                    ("overdue", .bool(backups.isOverdue)), ("message", backups.warning.map(JSONValue.string) ?? .null),
                ])),
                ("currentSchemaVersion", .int(NodeStore.currentSchemaVersion)),
                ("holdings", .object([
                    ("units", .int(h.units)), ("indicators", .int(h.indicators)), ("forms", .int(h.forms)),
                    ("regimes", .int(h.regimes)), ("releases", .int(h.releases)), ("reports", .int(h.reports)),
                    ("bundles", .int(h.bundles)), ("users", .int(h.users)), ("auditEntries", .int(h.auditEntries)),
                ])),
                ("refusedFromParentFeed", .object([
                    ("total", .int(refusedTotal)),
                    ("latest", .array(refusedFromFeed.map { item in
                        .object([("bundleId", item.bundleId.map(JSONValue.string) ?? .null),
                                 ("sender", item.sender.map { .string($0.rawValue) } ?? .null),
                                 ("size", item.size.map(JSONValue.int) ?? .null),
                                 ("code", .string(item.code)), ("reason", .string(item.reason)),
                                 ("refusedAt", .string(item.refusedAt.formatted(.iso8601)))])
                    })),
                ])),
            ]).text)
            return
        }
        let n = { (count: Int) in VietnameseNumberFormat.format(ExactDecimal(count)) }
        print("Nút BaoCao của: \(unit.name) (\(unit.code)), cấp \(unit.kind.vietnameseName)")
        if let parent {
            print("Cấp trên: \(parent.name) (\(parent.code))")
        } else {
            print("Cấp trên: không có (nút cấp cao nhất)")
        }
        if children.isEmpty {
            print("Cấp dưới: không có")
        } else {
            let shown = children.prefix(5).map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
            let more = children.count > 5 ? ", …" : ""
            print("Cấp dưới: \(n(children.count)) đơn vị — \(shown)\(more)")
        }
        print("Cơ sở dữ liệu: \(loaded.databasePath)")
        print("Phiên bản lược đồ: \(schemaVersion) (phiên bản phần mềm: \(NodeStore.currentSchemaVersion))")
        print("Phần mềm: phiên bản \(BaoCaoVersion.current)" + (waitingUpdate.map {
            "; bản cập nhật \($0.version) đang chờ cài đặt (`baocao update apply`)"
        } ?? "; không có bản cập nhật đang chờ"))
        if let release {
            print("Bản phát hành của tỉnh: phiên bản \(release.content.version), hết hạn \(VietnamTime.displayText(release.content.expiresAt))"
                + " (đơn vị phát hành \(release.content.publisher))")
            if let successor = release.content.successor {
                print("Chuỗi bản phát hành của \(release.content.publisher) đã kết thúc ở phiên bản này; đang chờ bản phát hành "
                    + "phiên bản \(successor.firstVersion) của tỉnh kế tiếp \(successor.publisher).")
            }
        } else {
            print("Bản phát hành của tỉnh: chưa có")
        }
        for last in chains.ended {
            let successor = last.content.successor.map { ", tiếp nối bởi \($0.publisher)" } ?? ""
            print("Chuỗi đã kết thúc: \(last.content.publisher) (phiên bản cuối \(last.content.version)\(successor))")
        }
        if let succession {
            print("Sắp xếp đơn vị hành chính từ \(succession.effective.vietnameseText): \(n(succession.formerUnits.count)) đơn vị cũ; "
                + "nhận báo cáo muộn của đơn vị cũ đến hết \(succession.graceUntil.vietnameseText).")
        }
        if let expired { print("Cảnh báo: \(expired.message)") }
        print(policy.enabled
            ? "Sao lưu: mỗi \(BackupPolicy.hours(policy.interval)) giờ vào \(policy.directory); bản đạt kiểm tra gần nhất: \(backups.lastGoodText)"
            : "Sao lưu định kỳ: đang tắt")
        if let warning = backups.warning { print("Cảnh báo: \(warning)") }
        print("Đang lưu: \(n(h.units)) đơn vị, \(n(h.indicators)) chỉ tiêu, \(n(h.forms)) biểu mẫu, \(n(h.regimes)) chế độ báo cáo, "
            + "\(n(h.releases)) bản phát hành, \(n(h.reports)) báo cáo, \(n(h.bundles)) gói tin, \(n(h.users)) người dùng, "
            + "\(n(h.auditEntries)) mục nhật ký")
        if refusedTotal > 0 {
            print("Gói tin từ cấp trên không nhận (đã bỏ qua): \(n(refusedTotal)), gần nhất:")
            for item in refusedFromFeed {
                let sender = item.sender.map { " của đơn vị \($0)" } ?? ""
                let size = item.size.map { " (\(n($0)) byte)" } ?? ""
                print("  - Gói tin \(item.bundleId ?? "(không rõ mã)")\(sender)\(size), lúc \(VietnamTime.displayText(item.refusedAt)): \(item.reason)")
            }
        }
    }
}
