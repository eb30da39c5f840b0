import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import HummingbirdBcrypt

/// A local account as shown to an admin: never its password hash.
public struct UserAccount: Sendable, Hashable {
    public let id: Int64
    public let login: String
    public let displayName: String
    public let roles: Set<Role>
    /// Locked by an admin until an admin unlocks it.
    public let locked: Bool
    /// Refused after wrong passwords until then (it may have passed); nil when not.
    public let lockedUntil: Date?
    public let failedAttempts: Int
    public let passwordChangedAt: Date
    public let createdAt: Date
    /// When the password must be changed; nil when passwords never expire.
    public let passwordExpiresAt: Date?
}

/// The outcome of a right password: the person, and whether the password is too old to
/// do anything but change it.
public struct SignIn: Sendable, Hashable {
    public let actor: StaffMember
    public let mustChangePassword: Bool
}

/// Local accounts of a node (DESIGN §11): bcrypt hashes, the password policy of the
/// node's `security:` configuration, lockout after repeated failures, roles (seed 002
/// art. 10). Every change and every sign-in, good or bad, goes to the audit log in the
/// same transaction.
public struct AccountService: Sendable {
    public let store: NodeStore
    public let policy: SecurityPolicy

    public init(store: NodeStore, policy: SecurityPolicy = SecurityPolicy()) {
        self.store = store
        self.policy = policy
    }

    // MARK: Reading

    /// Whether the node has any account (if not, the first one may be made without signing in).
    public func hasUsers() throws -> Bool {
        try store.hasUsers()
    }

    public func list(by actor: StaffMember) throws -> [UserAccount] {
        try require(actor, .manageAccounts, "xem danh sách tài khoản")
        return try store.writer.read { db in
            try NodeStore.users(in: db).map { try account(from: $0, db) }
        }
    }

    public func account(login: String) throws -> UserAccount? {
        try store.writer.read { db in try NodeStore.user(login: Self.normalize(login), in: db).map { try account(from: $0, db) } }
    }

    // MARK: Changing

    /// Adds an account. `actor` nil makes the node's first account, which must hold the admin role.
    @discardableResult
    public func addUser(login rawLogin: String, displayName rawName: String, roles: Set<Role>, password: String,
                        by actor: StaffMember?, at now: Date) throws -> UserAccount {
        let login = Self.normalize(rawLogin)
        let displayName = rawName.nfc.trimmingCharacters(in: .whitespacesAndNewlines)
        try Self.checkLogin(login)
        guard !displayName.isEmpty else { throw ServiceError.invalid("Tên hiển thị của \(login) đang trống (--name).") }
        guard !roles.isEmpty else { throw ServiceError.invalid("Tài khoản \(login) cần ít nhất một vai trò (--role).") }
        if let actor { try require(actor, .manageAccounts, "thêm tài khoản") }
        try checkPolicy(password, login: login)
        let hash = Bcrypt.hash(password, cost: UInt8(policy.bcryptCost))
        let user: UserRecord = try store.writer.write { db in
            let count = try NodeStore.userCount(in: db)
            if actor == nil {
                guard count == 0 else {
                    throw ServiceError(.forbidden, message: "Nút đã có tài khoản; hãy đăng nhập bằng tài khoản quản trị (--user) để thêm tài khoản.",
                                       log: "bootstrap refused: users exist")
                }
                guard roles.contains(.admin) else {
                    throw ServiceError.invalid("Tài khoản đầu tiên của nút phải có vai trò quản trị (--role admin).")
                }
            }
            if try NodeStore.user(login: login, in: db) != nil {
                throw ServiceError(.alreadyExists, message: "Tên đăng nhập \(login) đã có (không phân biệt chữ hoa, chữ thường).", log: "login exists")
            }
            let user = try NodeStore.addUser(UserRecord(login: login, displayName: displayName, passwordHash: hash, at: now), roles: roles, in: db)
            try AuditLog.append(db, actor: actor?.login ?? login, action: .userAdd, object: login,
                                detail: "\(displayName); vai trò: \(Self.text(roles))" + (actor == nil ? "; tài khoản đầu tiên" : ""), at: now)
            return user
        }
        // Read back as stored (its times to the millisecond).
        return try store.writer.read { db in try account(from: NodeStore.user(id: user.id!, in: db)!, db) }
    }

    /// Changes a password. The person themself gives the current one (`current`); an admin
    /// may set another person's without it.
    public func changePassword(login rawLogin: String, current: String?, new: String, by actor: StaffMember, at now: Date) throws {
        let login = Self.normalize(rawLogin)
        let own = actor.login.caseInsensitiveCompare(login) == .orderedSame && actor.userId != 0
        if !own { try require(actor, .manageAccounts, "đổi mật khẩu của người khác") }
        let user = try user(login)
        let hash = user.passwordHash
        if own {
            guard let current, Bcrypt.verify(current, hash: hash) else {
                throw ServiceError(.signInFailed, message: "Mật khẩu hiện tại không đúng.", log: "password change: wrong current password")
            }
        }
        try checkPolicy(new, login: login)
        guard !Bcrypt.verify(new, hash: hash) else { throw ServiceError.weakPassword("mật khẩu mới phải khác mật khẩu hiện tại") }
        let newHash = Bcrypt.hash(new, cost: UInt8(policy.bcryptCost))
        try store.writer.write { db in
            try NodeStore.setPassword(hash: newHash, userId: user.id!, at: now, in: db)
            try AuditLog.append(db, actor: actor, action: .passwordChange, object: login,
                                detail: own ? "tự đổi" : "quản trị đặt lại", at: now)
        }
    }

    /// Grants and withdraws roles in one change. An admin cannot withdraw the last admin.
    @discardableResult
    public func changeRoles(login rawLogin: String, grant: Set<Role>, withdraw: Set<Role>, by actor: StaffMember, at now: Date) throws -> Set<Role> {
        try require(actor, .manageAccounts, "cấp hoặc thu hồi vai trò")
        let login = Self.normalize(rawLogin)
        guard !grant.isEmpty || !withdraw.isEmpty else { throw ServiceError.invalid("Hãy nêu vai trò cần cấp (--grant) hoặc thu hồi (--withdraw).") }
        guard grant.isDisjoint(with: withdraw) else { throw ServiceError.invalid("Một vai trò không thể vừa cấp vừa thu hồi.") }
        let id = try user(login).id!
        return try store.writer.write { db in
            let before = try NodeStore.roles(ofUser: id, in: db)
            let after = before.union(grant).subtracting(withdraw)
            guard !after.isEmpty else { throw ServiceError.invalid("\(login) phải giữ ít nhất một vai trò; hãy khóa tài khoản nếu không dùng nữa.") }
            if before.contains(.admin), !after.contains(.admin) {
                let admins = try NodeStore.activeAdminCount(in: db)
                guard admins > 1 else { throw ServiceError.invalid("Không thể thu hồi vai trò quản trị của quản trị viên cuối cùng còn hoạt động.") }
            }
            try NodeStore.setRoles(after, ofUser: id, in: db)
            var changes: [String] = []
            if !grant.subtracting(before).isEmpty { changes.append("cấp: \(Self.text(grant.subtracting(before)))") }
            if !withdraw.intersection(before).isEmpty { changes.append("thu hồi: \(Self.text(withdraw.intersection(before)))") }
            try AuditLog.append(db, actor: actor, action: .roleChange, object: login,
                                detail: (changes.isEmpty ? "không thay đổi" : changes.joined(separator: "; ")) + "; nay: \(Self.text(after))", at: now)
            return after
        }
    }

    public func lock(login: String, by actor: StaffMember, at now: Date) throws {
        try setLocked(true, login: login, by: actor, at: now)
    }

    /// Unlocks an account (an admin's lock or a lockout by time) and clears its failed attempts.
    public func unlock(login: String, by actor: StaffMember, at now: Date) throws {
        try setLocked(false, login: login, by: actor, at: now)
    }

    private func setLocked(_ locked: Bool, login rawLogin: String, by actor: StaffMember, at now: Date) throws {
        try require(actor, .manageAccounts, locked ? "khóa tài khoản" : "mở khóa tài khoản")
        let login = Self.normalize(rawLogin)
        let id = try user(login).id!
        if locked, id == actor.userId { throw ServiceError.invalid("Không thể tự khóa tài khoản đang dùng.") }
        try store.writer.write { db in
            try NodeStore.setLocked(locked, userId: id, in: db)
            try AuditLog.append(db, actor: actor, action: locked ? .userLock : .userUnlock, object: login, detail: nil, at: now)
        }
    }

    // MARK: Signing in

    /// Checks a login and password and returns the person, with their roles and sections.
    /// Refuses an unknown login, a wrong password and an account refused for now alike
    /// (``ErrorCode/signInFailed``); an expired password is refused with
    /// ``ErrorCode/passwordExpired`` (change it with ``changePassword(login:current:new:by:at:)``,
    /// signing in through ``signIn(login:password:at:)``).
    public func authenticate(login: String, password: String, at now: Date) throws -> StaffMember {
        let result = try signIn(login: login, password: password, at: now)
        if result.mustChangePassword { throw ServiceError.passwordExpired(result.actor.login, days: policy.passwordRotationDays) }
        return result.actor
    }

    /// Like ``authenticate(login:password:at:)`` but lets a right, expired password
    /// through, flagged: the caller must allow nothing but changing it.
    ///
    /// After ``SecurityPolicy/maximumFailedSignIns`` wrong passwords in a row the account
    /// is refused for ``SecurityPolicy/lockout(afterFailures:)`` from `now` (one minute,
    /// doubling, at most an hour), even with the right password; attempts while it is
    /// refused do not lengthen it. Every refusal answers the same and costs one bcrypt
    /// check, whatever its reason; the audit log records the reason.
    public func signIn(login rawLogin: String, password: String, at now: Date) throws -> SignIn {
        let login = Self.normalize(rawLogin)
        guard let user = try store.user(login: login) else {
            // The same work as a real check, so timing does not tell which logins exist.
            _ = Bcrypt.verify(password, hash: DecoyHash.hash(cost: policy.bcryptCost))
            try refuse(login: String(login.prefix(64)), "tên đăng nhập không tồn tại", at: now)
        }
        let id = user.id!, storedLogin = user.login
        let right = Bcrypt.verify(password, hash: user.passwordHash)
        let guess = right ? "mật khẩu đúng" : "sai mật khẩu"
        if user.locked { try refuse(login: storedLogin, "tài khoản bị quản trị khóa (\(guess))", at: now) }
        if user.isLockedOut(at: now), let until = user.lockedUntil {
            try refuse(login: storedLogin, "tài khoản tạm khóa đến \(StoredTime.text(until)) (\(guess))", at: now)
        }
        guard right else {
            try store.writer.write { db in
                let failures = try NodeStore.countFailedSignIn(userId: id, in: db)
                var detail = "sai mật khẩu (lần \(failures) liên tiếp)"
                if let lockout = policy.lockout(afterFailures: failures) {
                    let until = now.addingTimeInterval(lockout)
                    try NodeStore.lockOut(userId: id, until: until, in: db)
                    detail += "; tạm khóa \(Int(lockout / 60)) phút, đến \(StoredTime.text(until))"
                }
                try AuditLog.append(db, actor: storedLogin, action: .signInFailed, object: storedLogin, detail: detail, at: now)
            }
            throw ServiceError.signInFailed
        }
        let expired = policy.passwordExpiry(changedAt: user.passwordChangedAt).map { now >= $0 } ?? false
        let actor: StaffMember = try store.writer.write { db in
            try NodeStore.clearFailedSignIns(userId: id, in: db)
            try AuditLog.append(db, actor: storedLogin, action: expired ? .signInExpired : .signIn, object: storedLogin,
                                detail: expired ? "mật khẩu quá hạn, chỉ được đổi mật khẩu" : nil, at: now)
            return StaffMember(userId: id, login: storedLogin, displayName: user.displayName, roles: try NodeStore.roles(ofUser: id, in: db),
                         sections: try NodeStore.sectionCodes(ofUser: id, in: db))
        }
        return SignIn(actor: actor, mustChangePassword: expired)
    }

    /// Records why a sign-in was refused, then refuses it with the one answer.
    private func refuse(login: String, _ reason: String, at now: Date) throws -> Never {
        try store.writer.write { db in
            _ = try AuditLog.append(db, actor: login, action: .signInFailed, object: login, detail: reason, at: now)
        }
        throw ServiceError.signInFailed
    }

    /// The person of a running session as they stand now — roles and sections re-read, so
    /// a change by the admin takes effect at the next request; `nil` once the account is
    /// locked or gone.
    public func currentActor(userId: Int64) throws -> StaffMember? {
        try store.writer.read { db in
            // Every page asks this: the store prepares these statements once per connection.
            guard let user = try NodeStore.activeUserName(id: userId, in: db) else { return nil }
            return StaffMember(userId: userId, login: user.login, displayName: user.displayName, roles: try NodeStore.roles(ofUser: userId, in: db),
                         sections: try NodeStore.sectionCodes(ofUser: userId, in: db))
        }
    }

    // MARK: Policy

    /// Why a password is refused, in Vietnamese; nil when it is acceptable for `login`.
    public func policyProblem(_ password: String, login: String) -> String? {
        if password.count < policy.minimumPasswordLength { return "cần ít nhất \(policy.minimumPasswordLength) ký tự" }
        if password.nfc.lowercased() == Self.normalize(login).lowercased() { return "không được trùng tên đăng nhập" }
        if password.utf8.count > 72 { return "dài quá 72 byte (bcrypt chỉ xét 72 byte đầu)" }
        return nil
    }

    func checkPolicy(_ password: String, login: String) throws {
        if let problem = policyProblem(password, login: login) { throw ServiceError.weakPassword(problem) }
    }

    // MARK: Helpers

    /// Logins are NFC, trimmed and lower case, so that they compare without case for
    /// Vietnamese letters too (SQLite's NOCASE folds ASCII only).
    public static func normalize(_ login: String) -> String {
        login.nfc.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().nfc
    }

    static func checkLogin(_ login: String) throws {
        guard !login.isEmpty, login.count <= 64,
              login.unicodeScalars.allSatisfy({ !CharacterSet.whitespacesAndNewlines.contains($0) && !CharacterSet.controlCharacters.contains($0) && $0 != ":" })
        else { throw ServiceError.invalid("Tên đăng nhập \"\(login)\" không hợp lệ: cần 1 đến 64 ký tự, không có khoảng trắng hay dấu hai chấm.") }
        guard login.lowercased() != "node" else { throw ServiceError.invalid("Tên đăng nhập \"node\" dành cho chính nút.") }
    }

    static func text(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ", ") }

    func require(_ actor: StaffMember, _ action: Action, _ what: String) throws {
        guard actor.may(action) else { throw ServiceError.forbidden(actor, what, needs: action.roles) }
    }

    /// The account with this (normalized) login, or ``ErrorCode/unknownUser``.
    func user(_ login: String) throws -> UserRecord {
        guard let user = try store.user(login: login) else { throw ServiceError.unknownUser(login) }
        return user
    }

    private func account(from user: UserRecord, _ db: Database) throws -> UserAccount {
        let id = user.id!
        return UserAccount(id: id, login: user.login, displayName: user.displayName, roles: try NodeStore.roles(ofUser: id, in: db),
                           locked: user.locked, lockedUntil: user.lockedUntil, failedAttempts: user.failedAttempts, passwordChangedAt: user.passwordChangedAt,
                           createdAt: user.createdAt, passwordExpiresAt: policy.passwordExpiry(changedAt: user.passwordChangedAt))
    }
}
