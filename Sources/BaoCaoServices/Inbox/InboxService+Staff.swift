import BaoCaoCore
import BaoCaoStore

extension InboxService {
    /// Who a received report may be assigned to (``assign(report:to:by:at:)``): every
    /// account that is not locked, by login — the same accounts the assignment accepts.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` unless `actor` may assign received reports.
    public func assignableStaff(by actor: Actor) throws -> [StaffMember] {
        try require(actor, .assignIncoming, "xem danh sách người được phân công")
        return try work.store.activeStaff()
    }
}
