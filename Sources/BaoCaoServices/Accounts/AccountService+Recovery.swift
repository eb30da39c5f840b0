import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import HummingbirdBcrypt

extension AuditAction {
    /// An admin account unlocked and given a new password by the node's local operator.
    public static let userRecover = Self("user.recover")
}

extension AccountService {
    /// The audit log's actor for what the node's local operator does from the server's
    /// shell, without signing in (``recoverAdmin(login:newPassword:operatorName:at:)``).
    /// No account may take this login (``checkLogin(_:)`` refuses it).
    public static let localOperator = "node"

    /// Recovers a node whose last admin is locked out or has lost their password: unlocks
    /// the admin account `login` (an admin's lock and a lockout by time alike), clears its
    /// failed sign-ins and sets `newPassword`, checked against the policy.
    ///
    /// Nobody signs in for this: it is for the person at the server's shell who can open
    /// the node's own files (the command `baocao user recover`), recorded in the audit log
    /// as a recovery by the local operator, `operatorName` being who they are to the
    /// operating system. Only an admin account may be recovered this way; everyone else
    /// is helped by the admin recovered.
    ///
    /// #### Errors
    /// ``ErrorCode/notFound`` for an unknown login, ``ErrorCode/invalidInput`` for an
    /// account without the admin role, ``ErrorCode/weakPassword``.
    public func recoverAdmin(login rawLogin: String, newPassword: String, operatorName: String, at now: Date) throws {
        let login = Self.normalize(rawLogin)
        let user = try user(login)
        let id = user.id!
        guard try store.writer.read({ try NodeStore.roles(ofUser: id, in: $0) }).contains(.admin) else {
            throw ServiceError.invalid("\(login) không có vai trò quản trị; chỉ khôi phục được tài khoản quản trị. "
                + "Hãy dùng tài khoản quản trị để mở khóa hoặc đặt lại mật khẩu cho \(login).")
        }
        try checkPolicy(newPassword, login: login)
        let hash = Bcrypt.hash(newPassword, cost: UInt8(policy.bcryptCost))
        try store.writer.write { db in
            try NodeStore.setLocked(false, userId: id, in: db)
            try NodeStore.setPassword(hash: hash, userId: id, at: now, in: db)
            try AuditLog.append(db, actor: Self.localOperator, action: .userRecover, object: user.login,
                                detail: "khôi phục cục bộ từ máy chủ của nút (người dùng hệ điều hành: \(operatorName)): "
                                    + "mở khóa\(user.locked ? " (đang bị quản trị khóa)" : user.isLockedOut(at: now) ? " (đang tạm khóa)" : ""), "
                                    + "đặt mật khẩu mới", at: now)
        }
    }
}
