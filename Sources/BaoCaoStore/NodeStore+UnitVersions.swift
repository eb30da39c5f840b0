import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// Records the versions units were seen running, keeping for each unit the newest
    /// sighting: a report relayed late by another path never overwrites a fresher one.
    public func recordUnitVersions(_ sightings: [UnitVersionRecord]) throws {
        guard !sightings.isEmpty else { return }
        try writer.write { db in
            for sighting in sightings {
                if let held = try UnitVersionRecord.fetchOne(db, key: sighting.unitCode), held.seenAt > sighting.seenAt { continue }
                try sighting.insert(db, onConflict: .replace)
            }
        }
    }

    /// Every unit's last seen version, by unit code.
    public func unitVersions() throws -> [UnitVersionRecord] {
        try writer.read { db in try UnitVersionRecord.order(Column("unitCode")).fetchAll(db) }
    }
}
