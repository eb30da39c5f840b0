import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// How this node crossed a reform (``ReformPlan``), once applied: kept in the node's
/// settings. A node that merged or retired stays up to serve what it holds, but refuses
/// new reports and drafts, naming its successor (``retirementRefusal``).
public struct NodeReformState: Sendable, Hashable, Codable {
    public enum Crossing: String, Sendable, Hashable, Codable {
        case continued, merged, retired
    }

    /// The first day of the succession applied.
    public var effective: CivilDate
    public var crossing: Crossing
    /// The node's unit before the reform.
    public var former: UnitCode
    /// The unit of the new map the node is now (continued) or whose node took its history.
    public var successor: UnitCode
    public var successorName: String
    public var appliedAt: Date

    public init(effective: CivilDate, crossing: Crossing, former: UnitCode, successor: UnitCode, successorName: String, appliedAt: Date) {
        self.effective = effective
        self.crossing = crossing
        self.former = former
        self.successor = successor
        self.successorName = successorName.nfc
        self.appliedAt = appliedAt
    }

    static let setting = NodeSetting("reformApplied")

    /// The state recorded at this node, if it applied a succession.
    public static func load(from store: NodeStore) throws -> NodeReformState? {
        try store.value(of: setting).map { try JSONDecoder().decode(NodeReformState.self, from: Data($0.utf8)) }
    }

    /// Records the state in the caller's transaction (with the step's own changes and audit entry).
    public func record(in db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try NodeStore.set(Self.setting, to: String(decoding: try encoder.encode(self), as: UTF8.self), in: db)
    }

    /// Whether the node no longer reports: its unit merged into another, or its level ended.
    public var isRetired: Bool { crossing != .continued }

    /// Why a retired node refuses a new report or draft (Vietnamese), naming its successor;
    /// `nil` for a node that continues.
    public var retirementReason: String? {
        guard isRetired else { return nil }
        let how = crossing == .merged ? "đã nhập vào" : "đã kết thúc hoạt động và bàn giao lưu trữ cho"
        return "Đơn vị \(former) \(how) \(successorName) (mã \(successor)) từ ngày \(effective.vietnameseText): nút này chỉ còn để tra cứu dữ liệu cũ, không lập hay gửi báo cáo mới. Hãy lập báo cáo tại nút của đơn vị \(successor)."
    }
}
