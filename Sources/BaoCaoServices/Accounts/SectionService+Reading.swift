import BaoCaoCore

extension SectionService {
    /// The unit's sections with their heads, members and delegates, for someone who may
    /// read at this node.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` without ``Action/read``.
    public func list(by actor: StaffMember) throws -> [UnitSection] {
        guard actor.may(.read) else {
            throw ServiceError(.forbidden, message: "\(actor.login) không có quyền xem.", log: "\(actor.login) may not read sections")
        }
        return try list()
    }
}
