import BaoCaoBundle
import BaoCaoCore
import Foundation

/// The software on this node and below it, as the status command and page show it.
public struct SoftwareUpdateStatus: Sendable {
    /// One unit below this node and the version it was last seen running.
    public struct UnitRow: Sendable, Hashable {
        public let code: UnitCode
        public let name: String
        /// `nil`: never seen (it has not synced since this node knew to ask).
        public let version: SoftwareVersion?
        public let seenAt: Date?
    }

    /// The version of this program.
    public let running: SoftwareVersion
    /// The newest update this node took (the province: published), if any.
    public let latest: UpdateContent?
    public let latestReceivedAt: Date?
    public let latestBundleId: String?
    /// Every unit below this node.
    public let units: [UnitRow]

    /// The update taken here and not installed yet: newer than the program running.
    public var waiting: UpdateContent? {
        guard let latest, latest.version > running else { return nil }
        return latest
    }

    /// The units that run an older version than the newest update, or were never seen.
    public var lagging: [UnitRow] {
        guard let latest else { return [] }
        return units.filter { ($0.version ?? SoftwareVersion(0, 0, 0)) < latest.version }
    }

    /// The status in Vietnamese, one line each.
    public var vietnameseLines: [String] {
        var lines = ["Phiên bản đang chạy: \(running)"]
        if let waiting {
            lines.append("Bản cập nhật đang chờ cài đặt: \(waiting.version) (\(waiting.packageName)) — cài bằng `baocao update apply` (quyền root).")
            if !waiting.notes.isEmpty { lines.append("  Ghi chú: \(waiting.notes)") }
        } else if let latest {
            lines.append("Không có bản cập nhật đang chờ (bản mới nhất đã nhận: \(latest.version)).")
        } else {
            lines.append("Chưa nhận bản cập nhật phần mềm nào.")
        }
        if !units.isEmpty {
            lines.append("Phiên bản các đơn vị cấp dưới:")
            for unit in units {
                var seen = unit.version.map(\.description) ?? "chưa rõ (chưa đồng bộ)"
                if let seenAt = unit.seenAt { seen += " (lần cuối \(VietnamTime.displayText(seenAt)))" }
                let behind = lagging.contains(unit) ? " — chậm cập nhật" : ""
                lines.append("  \(unit.code) \(unit.name): \(seen)\(behind)")
            }
        }
        return lines
    }
}
