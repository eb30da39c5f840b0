import BaoCaoCore
import Foundation
import GRDB

/// At a receiver, who handles an incoming regime: its reports are assigned to that person
/// as they arrive. A row of `regimeAssignment`, one per regime.
public struct RegimeAssignmentRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "regimeAssignment"

    public var regimeCode: RegimeCode
    /// The login of the person who handles it.
    public var login: String
    public var assignedBy: String
    public var assignedAt: Date

    public init(regimeCode: RegimeCode, login: String, assignedBy: String, assignedAt: Date) {
        self.regimeCode = regimeCode
        self.login = login
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
    }
}
