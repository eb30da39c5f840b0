import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

extension InboxService {
    /// A person received reports can be assigned to.
    public struct Assignee: Sendable, Hashable {
        public let login: String
        public let displayName: String
    }

    /// The people received reports and regimes can be assigned to — every account that is
    /// not locked, by login — for the inbox to offer. ``assign(report:to:by:at:)`` refuses
    /// anyone else.
    public func assignableStaff(by actor: StaffMember) throws -> [Assignee] {
        try require(actor, .assignIncoming, "phân công xử lý báo cáo")
        return try work.store.writer.read { db in
            try NodeStore.activeUsers(in: db).map { Assignee(login: $0.login, displayName: $0.displayName) }
        }
    }
}
