import BaoCaoCore
import Foundation
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
        // Every process holding the topology decoded sees that it changed.
        try set(.topologyGeneration, to: UUID().uuidString, in: db)
    }

    /// The stored topology, in its original order.
    ///
    /// A country's is thousands of units, and consolidation, parents and completeness all
    /// ask for it: the decoded topology is kept until the unit table is written again, by
    /// this process or another, as the generation stamped with each write tells.
    public func topology() throws -> Topology {
        try writer.read { db in
            let generation = try Self.value(of: .topologyGeneration, in: db) ?? ""
            return try topologyCache.value(at: generation) { try Self.topology(in: db) }
        }
    }

    /// The same, inside the caller's transaction.
    public static func topology(in db: Database) throws -> Topology {
        let records = try UnitRecord.order(UnitRecord.Columns.position).fetchAll(db)
        do {
            return try Topology(units: records.map { try $0.unit() }, fileName: "cơ sở dữ liệu")
        } catch let error as CoreError {
            throw StoreError.invalidStoredData(error.logDescription)
        }
    }
}
