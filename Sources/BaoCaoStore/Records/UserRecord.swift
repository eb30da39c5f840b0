import Foundation
import GRDB

/// A local account of the node: a row of `user`.
///
/// `login` compares without case (the column is `COLLATE NOCASE`); callers store logins
/// already NFC and lower case, since NOCASE folds ASCII letters only. The account's
/// instants are ``StoredTime`` text, as they always were.
public struct UserRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let login = Column(CodingKeys.login)
        public static let displayName = Column(CodingKeys.displayName)
        public static let passwordHash = Column(CodingKeys.passwordHash)
        public static let locked = Column(CodingKeys.locked)
        public static let failedAttempts = Column(CodingKeys.failedAttempts)
        public static let passwordChangedAt = Column(CodingKeys.passwordChangedAt)
        public static let lockedUntil = Column(CodingKeys.lockedUntil)
    }

    public var id: Int64?
    public var login: String
    public var displayName: String
    /// The bcrypt hash; never shown, never logged.
    public var passwordHash: String
    /// Locked by an admin, deliberately, until an admin unlocks it.
    public var locked: Bool
    /// Refused after repeated wrong passwords until this instant; nil when not.
    public var lockedUntil: Date?
    /// Wrong passwords in a row since the last right one.
    public var failedAttempts: Int
    public var passwordChangedAt: Date
    public var createdAt: Date

    /// A new, unlocked account whose password was set at `instant`.
    public init(login: String, displayName: String, passwordHash: String, at instant: Date) {
        self.login = login
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.locked = false
        self.lockedUntil = nil
        self.failedAttempts = 0
        self.passwordChangedAt = instant
        self.createdAt = instant
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }

    /// Whether wrong passwords keep the account refused at `instant`.
    public func isLockedOut(at instant: Date) -> Bool {
        lockedUntil.map { instant < $0 } ?? false
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DerivableRequest<UserRecord> {
    /// The account with this login, whatever the case of its ASCII letters.
    public func filter(login: String) -> Self {
        filter(UserRecord.Columns.login == login)
    }

    /// Accounts that are not locked.
    public func active() -> Self {
        filter(UserRecord.Columns.locked == false)
    }

    public func orderedByLogin() -> Self {
        order(UserRecord.Columns.login)
    }
}
