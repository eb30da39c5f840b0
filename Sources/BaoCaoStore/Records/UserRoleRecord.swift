import BaoCaoCore
import GRDB

/// One role an account holds (seed 002 art. 10): a row of `userRole`.
public struct UserRoleRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "userRole"

    public enum Columns {
        public static let userId = Column(CodingKeys.userId)
        public static let role = Column(CodingKeys.role)
    }

    public var userId: Int64
    public var role: Role

    public init(userId: Int64, role: Role) {
        self.userId = userId
        self.role = role
    }
}

extension DerivableRequest<UserRoleRecord> {
    /// The roles of one account.
    public func filter(userId: Int64) -> Self {
        filter(UserRoleRecord.Columns.userId == userId)
    }
}
