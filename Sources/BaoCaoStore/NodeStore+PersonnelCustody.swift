import BaoCaoCore
import Foundation
import GRDB

/// What a custody set did to this node's copies.
public enum PersonnelCustodyOutcome: Sendable, Hashable {
    /// The holder's copies are now exactly the set: so many written, so many removed,
    /// so many left alone because this node keeps them or holds them newer for another holder.
    case replaced(written: Int, removed: Int, skipped: Int)
    /// A set with a sequence no newer than the one held: nothing changed.
    case stale(held: Int)
}

/// Custody of personnel records (seed 003 art. 7.3, 12.4): each unit's complete set of kept
/// records held as copies at its managing levels and the Sở Nội vụ. Inside the caller's
/// transaction.
extension NodeStore {
    /// Replaces the copies this node holds for `holder` with `records`, its complete set
    /// numbered `sequence`, unless a set as new is held already.
    ///
    /// Only that holder's copies change: a record this node keeps itself is never
    /// overwritten by a copy, and one held as a copy for another holder is taken over only
    /// when that holder's own record says the person was transferred to `holder` (the
    /// newer unit). Copies of `holder` that are not in the set are removed.
    public static func replacePersonnelCopies(of holder: UnitCode, with records: [PersonnelRecord], sequence: Int, bundleId: String,
                                              today: CivilDate, at instant: Date, in db: Database) throws -> PersonnelCustodyOutcome {
        if let held = try PersonnelCustodyRow.fetchOne(db, key: holder), held.sequence >= sequence {
            return .stale(held: held.sequence)
        }
        var written = 0
        var skipped = 0
        for record in records {
            if let existing = try personnelRow(id: record.id, in: db), existing.holderUnit != holder || existing.holding == .kept {
                guard existing.holding == .copy, try decodePersonnel(existing).wasTransferred(to: holder) else {
                    skipped += 1
                    continue
                }
            }
            try storePersonnelRecord(record, holder: holder, holding: .copy, sourceBundleId: bundleId, today: today, at: instant, in: db)
            written += 1
        }
        let kept = records.map(\.id.rawValue)
        let removed = try PersonnelRecordRow
            .filter(PersonnelRecordRow.Columns.holderUnit == holder && PersonnelRecordRow.Columns.holding == PersonnelHolding.copy.rawValue)
            .filter(!kept.contains(PersonnelRecordRow.Columns.id))
            .deleteAll(db)
        try PersonnelCustodyRow(holderUnit: holder, sequence: sequence, bundleId: bundleId, recordCount: records.count, at: instant).save(db)
        return .replaced(written: written, removed: removed, skipped: skipped)
    }

    /// The newest custody set of `holder` this node has sent or opened.
    public static func personnelCustody(of holder: UnitCode, in db: Database) throws -> PersonnelCustodyRow? {
        try PersonnelCustodyRow.fetchOne(db, key: holder)
    }

    /// Records that `holder` (this node's unit) sent its complete set as `sequence`.
    public static func recordPersonnelCustodySent(_ custody: PersonnelCustodyRow, in db: Database) throws {
        try custody.save(db)
    }

    /// When a record this node keeps for `holder` last changed, or `nil` when it keeps none.
    public static func latestKeptPersonnelChange(holder: UnitCode, in db: Database) throws -> Date? {
        try String.fetchOne(db, sql: "SELECT MAX(updatedAt) FROM personnelRecord WHERE holderUnit = ? AND holding = 'kept'",
                            arguments: [holder]).flatMap(StoredTime.date)
    }

    /// The records this node keeps for `holder` (every status: those who left too).
    public static func keptPersonnelRecords(holder: UnitCode, in db: Database) throws -> [PersonnelRecord] {
        try PersonnelRecordRow
            .filter(PersonnelRecordRow.Columns.holderUnit == holder && PersonnelRecordRow.Columns.holding == PersonnelHolding.kept.rawValue)
            .order(PersonnelRecordRow.Columns.id).fetchAll(db).map(decodePersonnel)
    }
}

extension PersonnelRecord {
    /// Whether the record's last event moves the person to `unit` as the employing unit.
    func wasTransferred(to unit: UnitCode) -> Bool {
        guard let last = events.last, case .transferredOut(let out) = last.change else { return false }
        return out.employingUnit == unit
    }
}
