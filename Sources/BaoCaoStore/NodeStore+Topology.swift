import BaoCaoCore
import GRDB

extension NodeStore {
    /// Replaces the stored topology with this one, in one transaction.
    public func replaceTopology(_ topology: Topology) throws {
        try writer.write { db in try Self.replaceTopology(topology, in: db) }
    }

    static func replaceTopology(_ topology: Topology, in db: Database) throws {
        try UnitRecord.deleteAll(db)
        for (position, unit) in topology.units.enumerated() {
            try UnitRecord(unit, position: position).insert(db)
        }
    }

    /// The stored topology, in its original order.
    public func topology() throws -> Topology {
        try writer.read { db in try Self.topology(in: db) }
    }

    /// The stored topology, read inside the caller's transaction.
    public static func topology(in db: Database) throws -> Topology {
        let records = try UnitRecord.order(UnitRecord.Columns.position).fetchAll(db)
        do {
            return try Topology(units: records.map { try $0.unit() }, fileName: "cơ sở dữ liệu")
        } catch let error as CoreError {
            throw StoreError.invalidStoredData(error.logDescription)
        }
    }
}
