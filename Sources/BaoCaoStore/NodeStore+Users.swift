import BaoCaoCore
import Foundation
import GRDB

/// Local accounts and their roles. What is allowed (the password policy, who may change
/// whom, the lockout threshold) is decided by the account service; these functions only
/// read and write the rows, inside the caller's transaction so that each change commits
/// with its audit entry.
extension NodeStore {
    /// Whether the node has any account (if not, the first one may be made without signing in).
    public func hasUsers() throws -> Bool {
        try writer.read { try Self.userCount(in: $0) > 0 }
    }

    public static func userCount(in db: Database) throws -> Int {
        try UserRecord.fetchCount(db)
    }

    /// Every account, by login.
    public static func users(in db: Database) throws -> [UserRecord] {
        try UserRecord.all().orderedByLogin().fetchAll(db)
    }

    /// The accounts that are not locked, by login: the people work can be assigned to.
    public static func activeUsers(in db: Database) throws -> [UserRecord] {
        try UserRecord.all().active().orderedByLogin().fetchAll(db)
    }

    /// The account with this login (compared without case for ASCII letters).
    public static func user(login: String, in db: Database) throws -> UserRecord? {
        try UserRecord.all().filter(login: login).fetchOne(db)
    }

    public func user(login: String) throws -> UserRecord? {
        try writer.read { try Self.user(login: login, in: $0) }
    }

    public static func user(id: Int64, in db: Database) throws -> UserRecord? {
        try UserRecord.fetchOne(db, key: id)
    }

    /// Whether an account with this login exists and is not locked.
    public static func isActiveUser(login: String, in db: Database) throws -> Bool {
        try UserRecord.all().filter(login: login).active().fetchCount(db) > 0
    }

    /// The login and name of an account that is not locked; nil when it is locked or gone.
    ///
    /// Asked on every page a person opens (their session is re-read each time): the
    /// statement is prepared once per connection, and reads neither the password hash nor
    /// the dates.
    public static func activeUserName(id: Int64, in db: Database) throws -> (login: String, displayName: String)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT login, displayName, locked FROM user WHERE id = ?"), arguments: [id]),
              !(row["locked"] as Bool) else { return nil }
        return (row["login"], row["displayName"])
    }

    /// Adds an account with its roles; returns it with its id.
    public static func addUser(_ user: UserRecord, roles: Set<Role>, in db: Database) throws -> UserRecord {
        var user = user
        try user.insert(db)
        try setRoles(roles, ofUser: user.id!, in: db)
        return user
    }

    // MARK: Roles

    /// The roles an account holds. Asked on every page (the person is re-read each time):
    /// the statement is prepared once per connection.
    public static func roles(ofUser id: Int64, in db: Database) throws -> Set<Role> {
        let statement = try db.cachedStatement(sql: "SELECT role FROM userRole WHERE userId = ?")
        return Set(try String.fetchAll(statement, arguments: [id]).compactMap(Role.init(rawValue:)))
    }

    /// Replaces every role of an account with `roles`.
    public static func setRoles(_ roles: Set<Role>, ofUser id: Int64, in db: Database) throws {
        try UserRoleRecord.all().filter(userId: id).deleteAll(db)
        for role in roles { try UserRoleRecord(userId: id, role: role).insert(db) }
    }

    /// How many accounts that are not locked hold the admin role.
    public static func activeAdminCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM userRole r JOIN user u ON u.id = r.userId WHERE r.role = ? AND u.locked = 0
            """, arguments: [Role.admin.rawValue]) ?? 0
    }

    // MARK: Passwords and sign-in

    /// Sets a new password hash, changed at `instant`; its failed sign-ins start again from
    /// zero and a lockout by time ends.
    public static func setPassword(hash: String, userId id: Int64, at instant: Date, in db: Database) throws {
        try UserRecord.filter(key: id).updateAll(db, [
            UserRecord.Columns.passwordHash.set(to: hash),
            UserRecord.Columns.passwordChangedAt.set(to: StoredTime.text(instant)),
            UserRecord.Columns.failedAttempts.set(to: 0),
            UserRecord.Columns.lockedUntil.set(to: nil),
        ])
    }

    /// An admin locks or unlocks an account; either way its failed sign-ins start again from
    /// zero and a lockout by time ends.
    public static func setLocked(_ locked: Bool, userId id: Int64, in db: Database) throws {
        try UserRecord.filter(key: id).updateAll(db, [
            UserRecord.Columns.locked.set(to: locked),
            UserRecord.Columns.failedAttempts.set(to: 0),
            UserRecord.Columns.lockedUntil.set(to: nil),
        ])
    }

    /// Counts one more wrong password in a row; returns how many there are now.
    public static func countFailedSignIn(userId id: Int64, in db: Database) throws -> Int {
        try UserRecord.filter(key: id).updateAll(db, UserRecord.Columns.failedAttempts += 1)
        return try UserRecord.filter(key: id).select(UserRecord.Columns.failedAttempts, as: Int.self).fetchOne(db) ?? 0
    }

    /// Refuses an account until `instant` after too many wrong passwords, keeping their
    /// count (the next lockout is longer) for the admin to see.
    public static func lockOut(userId id: Int64, until instant: Date, in db: Database) throws {
        try UserRecord.filter(key: id).updateAll(db, UserRecord.Columns.lockedUntil.set(to: StoredTime.text(instant)))
    }

    /// A right password: the wrong ones before it no longer count, and no lockout stands.
    public static func clearFailedSignIns(userId id: Int64, in db: Database) throws {
        try UserRecord.filter(key: id).updateAll(db, [
            UserRecord.Columns.failedAttempts.set(to: 0),
            UserRecord.Columns.lockedUntil.set(to: nil),
        ])
    }
}
