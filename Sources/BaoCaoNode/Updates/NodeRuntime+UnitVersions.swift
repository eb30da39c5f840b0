import BaoCaoCore
import BaoCaoStore
import Foundation

extension NodeRuntime {
    /// What this node reports upward at every sync: the version it runs, and the last seen
    /// version of every unit below it.
    public func versionsToReport() async throws -> [ReportedVersion] {
        try await BlockingWork.run { [store, home] in
            [ReportedVersion(unit: home, version: BaoCaoVersion.current, seenAt: nil)]
                + (try store.unitVersions()).filter { $0.unitCode != home }.map {
                    ReportedVersion(unit: $0.unitCode, version: $0.version, seenAt: $0.seenAt)
                }
        }
    }

    /// Records the versions a child reported at `now`: the child's own, seen now, and those
    /// of units in its subtree as the child saw them (never later than now). A child cannot
    /// speak for a unit outside its subtree: such entries are dropped, and so many are
    /// reported as `ignored`.
    @discardableResult
    public func recordVersions(_ reported: [ReportedVersion], from child: UnitCode, now: Date) async throws -> Int {
        let below = BundleRouter(home: child, topology: try topology())
        var ignored = 0
        var sightings: [UnitVersionRecord] = []
        for entry in reported {
            if entry.unit == child {
                sightings.append(UnitVersionRecord(unitCode: child, version: entry.version, seenAt: now, reportedBy: child))
            } else if below.branch(containing: entry.unit) != nil, let seen = entry.seenAt {
                sightings.append(UnitVersionRecord(unitCode: entry.unit, version: entry.version, seenAt: min(seen, now), reportedBy: child))
            } else {
                ignored += 1
            }
        }
        try await BlockingWork.run { [store, sightings] in try store.recordUnitVersions(sightings) }
        return ignored
    }
}
