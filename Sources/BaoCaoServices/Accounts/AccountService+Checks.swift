import BaoCaoCore
import Foundation

extension AccountService {
    /// Refuses, before anything is asked of anyone, what ``addUser(login:displayName:roles:password:by:at:)``
    /// would refuse for `actor` — so nobody types a new password twice only to be told
    /// they may not. `actor` nil asks for the node's first account, allowed only while the
    /// node has none. `addUser` checks again in its own transaction.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden``: without the admin role, or without signing in once the node
    /// has accounts.
    public func checkMayAddUser(by actor: StaffMember?) throws {
        guard let actor else {
            guard try !hasUsers() else {
                throw ServiceError(.forbidden, message: "Nút đã có tài khoản; hãy thực hiện bằng tài khoản quản trị: --user <tên đăng nhập>.",
                                   log: "bootstrap refused: users exist")
            }
            return
        }
        try require(actor, .manageAccounts, "thêm tài khoản")
    }

    /// Refuses, before the new password is asked for, what
    /// ``changePassword(login:current:new:by:at:)`` would refuse: anyone but the admin
    /// changing another person's password. `changePassword` checks again.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden``.
    public func checkMayChangePassword(of login: String, by actor: StaffMember) throws {
        let own = actor.login.caseInsensitiveCompare(Self.normalize(login)) == .orderedSame && actor.userId != 0
        if !own { try require(actor, .manageAccounts, "đổi mật khẩu của người khác") }
    }
}
