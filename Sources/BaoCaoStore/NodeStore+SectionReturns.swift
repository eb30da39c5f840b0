import Foundation
import GRDB

/// The leader's returns of one section's figures (seed 002 art. 12.4a), inside the
/// caller's transaction. Who may return or approve is the report service's to decide.
extension NodeStore {
    /// Records a return; one already open for the same section of the report is refused
    /// by the table's unique index.
    public static func addSectionReturn(_ sectionReturn: SectionReturnRecord, in db: Database) throws {
        var sectionReturn = sectionReturn
        try sectionReturn.insert(db)
    }

    /// The returns of a revision still open (the section not yet approved again), by section.
    public static func openSectionReturns(ofReport id: Int64, in db: Database) throws -> [SectionReturnRecord] {
        // Read on every opening of a report: the statement is prepared once per connection.
        try SQLRequest<SectionReturnRecord>(sql: "SELECT * FROM sectionReturn WHERE reportId = ? AND resolvedAt IS NULL ORDER BY sectionCode",
                                            arguments: [id], cached: true).fetchAll(db)
    }

    /// Every return of a revision, open or closed, oldest first.
    public static func sectionReturns(ofReport id: Int64, in db: Database) throws -> [SectionReturnRecord] {
        try SectionReturnRecord.filter(SectionReturnRecord.Columns.reportId == id).order(Column("id")).fetchAll(db)
    }

    /// Closes the open return of a section (its figures were approved again); `false`
    /// when none was open.
    @discardableResult
    public static func resolveSectionReturn(_ sectionCode: String, ofReport id: Int64, by login: String, at instant: Date,
                                            in db: Database) throws -> Bool {
        try SectionReturnRecord.filter(SectionReturnRecord.Columns.reportId == id && SectionReturnRecord.Columns.sectionCode == sectionCode
                                       && SectionReturnRecord.Columns.resolvedAt == nil)
            .updateAll(db, [SectionReturnRecord.Columns.resolvedBy.set(to: login),
                            SectionReturnRecord.Columns.resolvedAt.set(to: StoredTime.text(instant))]) > 0
    }

    /// The open returns of the unit's own draft reports, newest first: what the sections
    /// must correct.
    public static func openSectionReturns(in db: Database) throws -> [SectionReturnRecord] {
        try SectionReturnRecord.filter(SectionReturnRecord.Columns.resolvedAt == nil).order(Column("id").desc).fetchAll(db)
    }
}
