import BaoCaoCore
import Foundation
import GRDB

/// Personnel records (seed 003) as this node holds them. Who may read or change them is
/// the personnel service's to decide; these read and write rows inside the caller's
/// transaction. A record's content never goes to a log or an error message from here.
extension NodeStore {
    /// Writes `record` as held here (a new record, or a newer version of one held), with
    /// the columns read from it as of `today`.
    public static func storePersonnelRecord(_ record: PersonnelRecord, holder: UnitCode, holding: PersonnelHolding,
                                            sourceBundleId: String? = nil, today: CivilDate, at instant: Date,
                                            in db: Database) throws {
        let state = record.state(on: today) ?? record.state(on: today, includingPending: true)
        let row = PersonnelRecordRow(
            id: record.id, holderUnit: holder, holding: holding, document: try record.jsonData(),
            fullName: record.identity.fullName, searchKey: VietnameseText.searchKey(record.identity.fullName),
            status: (state?.status ?? .working).rawValue, kind: (state?.kind ?? record.recruitment?.recruitment.kind ?? .civilServant).rawValue,
            section: state?.section, rank: state?.pay?.rank, sourceBundleId: sourceBundleId, updatedAt: instant)
        try row.save(db)
        try replacePersonnelSpans(of: record, holder: holder, in: db)
    }

    /// Rewrites the record's state spans (``PersonnelSpanRow``) from its counted events:
    /// one per day its state changes, each open until the next.
    static func replacePersonnelSpans(of record: PersonnelRecord, holder: UnitCode, in db: Database) throws {
        try PersonnelSpanRow.filter(PersonnelSpanRow.Columns.recordId == record.id).deleteAll(db)
        let changes = record.stateChanges()
        for (index, state) in changes.enumerated() {
            let until = index + 1 < changes.count ? changes[index + 1].date : nil
            let positions = state.positions.map { "\($0.category.rawValue):\($0.position)" }.joined(separator: ",")
            try PersonnelSpanRow(
                recordId: record.id, validFrom: state.date, validUntil: until, holderUnit: holder, unit: state.unit,
                section: state.section, status: state.status, kind: state.kind, sex: record.identity.sex,
                birthDate: record.identity.birthDate, ethnicity: record.personal.ethnicity, rank: state.pay?.rank,
                trainingLevels: state.trainings.map(\.level).joined(separator: ","), positions: positions
            ).insert(db)
        }
    }

    /// The record with this number as held here, or `nil`.
    /// Every unit this node holds records for (kept or copies), each once.
    public static func personnelHolders(in db: Database) throws -> [UnitCode] {
        try UnitCode.fetchAll(db, PersonnelRecordRow.select(PersonnelRecordRow.Columns.holderUnit).distinct())
    }

    public static func personnelRecord(id: PersonnelID, in db: Database) throws -> PersonnelRecord? {
        guard let row = try PersonnelRecordRow.fetchOne(db, key: id) else { return nil }
        return try decodePersonnel(row)
    }

    /// The row of a record (its holding and holder), without decoding the record.
    public static func personnelRow(id: PersonnelID, in db: Database) throws -> PersonnelRecordRow? {
        try PersonnelRecordRow.fetchOne(db, key: id)
    }

    /// The records held for `holder` (every holding), by name.
    public static func personnelRecords(holder: UnitCode, in db: Database) throws -> [PersonnelRecord] {
        try PersonnelRecordRow.filter(PersonnelRecordRow.Columns.holderUnit == holder)
            .order(PersonnelRecordRow.Columns.searchKey).fetchAll(db).map(decodePersonnel)
    }

    /// The record a row holds.
    public static func decodePersonnel(_ row: PersonnelRecordRow) throws -> PersonnelRecord {
        do {
            return try PersonnelRecord(jsonData: row.document)
        } catch {
            throw StoreError.invalidStoredData("hồ sơ \(row.id)")
        }
    }
}
