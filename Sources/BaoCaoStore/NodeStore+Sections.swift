import Foundation
import GRDB

/// The unit's sections (phòng, ban), their heads, members and the leader's delegations of
/// figure approval. Who may change them is the section service's to decide; these read
/// and write the rows inside the caller's transaction.
extension NodeStore {
    /// Every section, by code.
    public static func sections(in db: Database) throws -> [UnitSectionRecord] {
        // Read on every page a clerk opens: the statement is prepared once per connection.
        try SQLRequest<UnitSectionRecord>(sql: "SELECT * FROM unitSection ORDER BY code", cached: true).fetchAll(db)
    }

    /// The section with this code (compared without case), as stored.
    public static func section(code: String, in db: Database) throws -> UnitSectionRecord? {
        try UnitSectionRecord.fetchOne(db, key: code)
    }

    public static func addSection(_ section: UnitSectionRecord, in db: Database) throws {
        try section.insert(db)
    }

    /// Sets (or with nil clears) the account that heads a section.
    public static func setHead(ofSection code: String, userId: Int64?, in db: Database) throws {
        try UnitSectionRecord.filter(key: code).updateAll(db, UnitSectionRecord.Columns.headUserId.set(to: userId))
    }

    // MARK: Members

    /// Adds a person to a section; one already in it stays as they were.
    public static func addMember(userId: Int64, toSection code: String, at instant: Date, in db: Database) throws {
        try SectionMemberRecord(sectionCode: code, userId: userId, addedAt: instant).insert(db, onConflict: .ignore)
    }

    public static func removeMember(userId: Int64, fromSection code: String, in db: Database) throws {
        try SectionMemberRecord.all().filter(section: code, userId: userId).deleteAll(db)
    }

    /// The logins of a section's members, in order.
    public static func memberLogins(ofSection code: String, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT u.login FROM sectionMember m JOIN user u ON u.id = m.userId WHERE m.sectionCode = ? ORDER BY u.login
            """, arguments: [code])
    }

    /// The sections a person belongs to: as a member or as the head. Asked on every page
    /// (the person is re-read each time): the statement is prepared once per connection.
    public static func sectionCodes(ofUser id: Int64, in db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db.cachedStatement(sql: """
            SELECT sectionCode FROM sectionMember WHERE userId = ? UNION SELECT code FROM unitSection WHERE headUserId = ?
            """), arguments: [id, id]))
    }

    // MARK: Delegations

    /// Whether the clerk holds a delegation of the section that is still in force.
    public static func hasDelegationInForce(section code: String, userId: Int64, in db: Database) throws -> Bool {
        try SectionDelegationRecord.all().filter(section: code, userId: userId).inForce().fetchCount(db) > 0
    }

    public static func addDelegation(_ delegation: SectionDelegationRecord, in db: Database) throws {
        var delegation = delegation
        try delegation.insert(db)
    }

    /// Ends the clerk's delegation of the section that is in force, keeping the row with
    /// who revoked it and when; `false` when there was none.
    public static func revokeDelegation(section code: String, userId: Int64, by login: String, at instant: Date,
                                        in db: Database) throws -> Bool {
        try SectionDelegationRecord.all().filter(section: code, userId: userId).inForce().updateAll(db, [
            SectionDelegationRecord.Columns.revokedBy.set(to: login),
            SectionDelegationRecord.Columns.revokedAt.set(to: StoredTime.text(instant)),
        ]) > 0
    }

    /// The logins of the clerks a section's figures are delegated to, in force, in order.
    public static func delegateLogins(ofSection code: String, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT u.login FROM sectionDelegation d JOIN user u ON u.id = d.userId
            WHERE d.sectionCode = ? AND d.revokedAt IS NULL ORDER BY u.login
            """, arguments: [code])
    }

    // MARK: Who works on a section

    /// Whether an account that is not locked holds the leader's delegation of the
    /// section's figures in force: who, besides the leader, approves them (seed 002 art.
    /// 10.2b, "nếu được ủy quyền"). Heading the section is not enough.
    public static func isDelegatedToApprove(userId: Int64, section code: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM sectionDelegation d JOIN user u ON u.id = d.userId
                           WHERE d.sectionCode = ? AND d.userId = ? AND d.revokedAt IS NULL AND u.locked = 0)
            """, arguments: [code, userId]) ?? false
    }

    /// The sections whose figures the leader delegated to this person, in force.
    public static func delegatedSectionCodes(ofUser id: Int64, in db: Database) throws -> Set<String> {
        Set(try SQLRequest<String>(sql: """
            SELECT d.sectionCode FROM sectionDelegation d JOIN user u ON u.id = d.userId
            WHERE d.userId = ? AND d.revokedAt IS NULL AND u.locked = 0
            """, arguments: [id], cached: true).fetchAll(db))
    }

    /// Whether the person is the section's head.
    public static func heads(userId: Int64, section code: String, in db: Database) throws -> Bool {
        try UnitSectionRecord.filter(key: code).fetchOne(db)?.headUserId == userId
    }

    /// Whether a person works on the section's figures: a member, the head, or a clerk
    /// with a delegation in force.
    public static func worksInSection(_ code: String, userId: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM sectionMember WHERE sectionCode = ? AND userId = ?)
                OR EXISTS (SELECT 1 FROM unitSection WHERE code = ? AND headUserId = ?)
                OR EXISTS (SELECT 1 FROM sectionDelegation WHERE sectionCode = ? AND userId = ? AND revokedAt IS NULL)
            """, arguments: [code, userId, code, userId, code, userId]) ?? false
    }
}
