import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// What ``initialize(homeUnit:topology:catalog:at:)`` did.
    public enum InitializationOutcome: Sendable, Equatable {
        /// The node was set up now.
        case initialized
        /// The node was already set up for this unit; nothing was changed.
        case alreadyInitialized
    }

    /// Sets the node up for its home unit with a first topology and catalog, in one
    /// transaction. Running it again for the same unit changes nothing; for another unit
    /// it is refused, since a database belongs to one unit for life.
    public func initialize(homeUnit: UnitCode, topology: Topology, catalog: Catalog, at instant: Date) throws -> InitializationOutcome {
        try writer.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [NodeSetting.homeUnit.key]) {
                guard existing == homeUnit.rawValue else {
                    throw StoreError(.otherUnit,
                        message: "Cơ sở dữ liệu này thuộc đơn vị \(existing), không phải \(homeUnit). Hãy kiểm tra lại thư mục dữ liệu trong cấu hình.",
                        log: "database belongs to unit \(existing), not \(homeUnit)")
                }
                return .alreadyInitialized
            }
            try Self.replaceTopology(topology, in: db)
            try Self.replaceCatalog(catalog, in: db)
            try Self.set(.homeUnit, to: homeUnit.rawValue, in: db)
            try Self.set(.initializedAt, to: instant.formatted(.iso8601), in: db)
            return .initialized
        }
    }

    /// The unit this node serves, as ``initialize(homeUnit:topology:catalog:at:)`` recorded
    /// it; `nil` before the node is set up.
    public func homeUnit() throws -> UnitCode? {
        try value(of: .homeUnit).map { try UnitCode(parsing: $0) }
    }
}
