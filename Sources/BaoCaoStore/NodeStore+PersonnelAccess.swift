import BaoCaoCore
import Foundation
import GRDB

/// Personnel grants, quotas, declarations and the state spans, inside the caller's
/// transaction. Who may change them is the personnel service's to decide.
extension NodeStore {
    public static func addPersonnelGrant(_ grant: PersonnelGrantRow, in db: Database) throws -> PersonnelGrantRow {
        var grant = grant
        try grant.insert(db)
        return grant
    }

    /// The grants of an account not revoked.
    public static func personnelGrants(userId: Int64, in db: Database) throws -> [PersonnelGrantRow] {
        // Read on every request of a signed-in person: the statement is prepared once per connection.
        try SQLRequest<PersonnelGrantRow>(sql: "SELECT * FROM personnelGrant WHERE userId = ? AND revokedAt IS NULL ORDER BY id",
                                          arguments: [userId], cached: true).fetchAll(db)
    }

    /// Every grant ever made, revoked ones included, oldest first.
    public static func allPersonnelGrants(in db: Database) throws -> [PersonnelGrantRow] {
        try PersonnelGrantRow.order(Column("id")).fetchAll(db)
    }

    /// Revokes the account's grants of `scope` in force; how many there were.
    public static func revokePersonnelGrants(userId: Int64, scope: PersonnelScope, by login: String, at instant: Date,
                                             in db: Database) throws -> Int {
        try PersonnelGrantRow.filter(PersonnelGrantRow.Columns.userId == userId && PersonnelGrantRow.Columns.scope == scope
                                     && PersonnelGrantRow.Columns.revokedAt == nil)
            .updateAll(db, [Column("revokedBy").set(to: login), Column("revokedAt").set(to: StoredTime.text(instant))])
    }

    public static func setPersonnelQuota(_ quota: PersonnelQuotaRow, in db: Database) throws {
        try quota.save(db)
    }

    public static func personnelQuotas(unit: UnitCode, in db: Database) throws -> [PersonnelQuotaRow] {
        try PersonnelQuotaRow.filter(PersonnelQuotaRow.Columns.unit == unit).order(PersonnelQuotaRow.Columns.section).fetchAll(db)
    }

    /// The spans of the records held for `holders` in force on `date`.
    public static func personnelSpans(on date: CivilDate, holders: [UnitCode], in db: Database) throws -> [PersonnelSpanRow] {
        try PersonnelSpanRow
            .filter(PersonnelSpanRow.Columns.validFrom <= date
                    && (PersonnelSpanRow.Columns.validUntil == nil || PersonnelSpanRow.Columns.validUntil > date))
            .filter(holders.contains(PersonnelSpanRow.Columns.holderUnit))
            .fetchAll(db)
    }

    /// The records held for `holders` whose name's search key contains `key` (already a
    /// ``VietnameseText/searchKey(_:)``), by name, at most `limit`: their columns only, not
    /// the records themselves.
    public static func personnelHits(matching key: String, holders: [UnitCode], limit: Int, in db: Database) throws -> [PersonnelSearchHit] {
        // `+holderUnit`: the holder is checked on each name the search key index finds, never
        // used to pick rows (that would read every record of the holders, documents and all).
        let placeholders = Array(repeating: "?", count: holders.count).joined(separator: ",")
        var request = PersonnelRecordRow.select(PersonnelSearchHit.columns)
            .filter(sql: "+holderUnit IN (\(placeholders))", arguments: StatementArguments(holders.map(\.rawValue)))
        if !key.isEmpty {
            let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            request = request.filter(sql: "searchKey LIKE ? ESCAPE '\\'", arguments: ["%" + escaped + "%"])
        }
        return try request.order(PersonnelRecordRow.Columns.searchKey).limit(limit).asRequest(of: PersonnelSearchHit.self).fetchAll(db)
    }

    /// The units whose records this node holds (kept or copies).
    public static func personnelHolders(in db: Database) throws -> [UnitCode] {
        try UnitCode.fetchAll(db, PersonnelRecordRow.select(PersonnelRecordRow.Columns.holderUnit).distinct())
    }

    /// Every row held for `holders`, without decoding the records.
    public static func personnelRows(holders: [UnitCode], in db: Database) throws -> [PersonnelRecordRow] {
        try PersonnelRecordRow.filter(holders.contains(PersonnelRecordRow.Columns.holderUnit))
            .order(PersonnelRecordRow.Columns.searchKey).fetchAll(db)
    }

    public static func addPersonnelDeclaration(_ row: PersonnelDeclarationRow, in db: Database) throws {
        try row.insert(db, onConflict: .ignore)
    }

    /// Marks every outstanding declaration of the record declared by event `sequence`.
    public static func markPersonnelDeclared(recordId: PersonnelID, sequence: Int, at instant: Date, in db: Database) throws {
        try PersonnelDeclarationRow.filter(PersonnelDeclarationRow.Columns.recordId == recordId && PersonnelDeclarationRow.Columns.declaredAt == nil)
            .updateAll(db, [Column("declaredSequence").set(to: sequence), Column("declaredAt").set(to: StoredTime.text(instant))])
    }

    /// The declarations requested, outstanding first, for `year` or every year.
    public static func personnelDeclarations(year: Int?, in db: Database) throws -> [PersonnelDeclarationRow] {
        var request = PersonnelDeclarationRow.all()
        if let year { request = request.filter(PersonnelDeclarationRow.Columns.year == year) }
        return try request.order(sql: "declaredAt IS NOT NULL, year, recordId").fetchAll(db)
    }
}
