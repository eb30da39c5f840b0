import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// The repository functions the services compose their transactions from, each on the
/// real migrated schema in memory.
@Suite("Repositories")
struct RepositoryTests {
    static let day = Date(timeIntervalSince1970: 1_795_000_000)

    /// Adds an account with one role; returns its id.
    static func user(_ login: String, _ role: Role = .dataEntry, in db: Database) throws -> Int64 {
        try NodeStore.addUser(UserRecord(login: login, displayName: login, passwordHash: "x", at: day), roles: [role], in: db).id!
    }

    static func report(_ store: NodeStore, _ unit: UnitCode, revision: Int = 1, _ state: ReportState, relayedFor: UnitCode? = nil) throws -> Int64 {
        let id = try store.insertReportRevision(ReportHeader(regimeCode: "R1", period: "2026-11", unitCode: unit, revision: revision, state: state,
                                                             formCode: "F1"), values: [:])
        if let relayedFor {
            _ = try store.writer.write { try ReportRecord.filter(key: id).updateAll($0, ReportRecord.Columns.relayedFor.set(to: relayedFor)) }
        }
        return id
    }

    /// Given accounts one of which is locked, the ones work can be assigned to are the
    /// others, by login, and a login matches whatever the case of its ASCII letters.
    @Test func activeUsers_leaveOutLockedAccounts() throws {
        let store = try NodeStore.inMemory()
        try store.writer.write { db in
            _ = try Self.user("tonghop", in: db)
            let locked = try Self.user("cu", in: db)
            _ = try Self.user("an", in: db)
            try NodeStore.setLocked(true, userId: locked, in: db)
            #expect(try NodeStore.activeUsers(in: db).map(\.login) == ["an", "tonghop"])
            #expect(try NodeStore.users(in: db).map(\.login) == ["an", "cu", "tonghop"])
            #expect(try NodeStore.isActiveUser(login: "TongHop", in: db))
            #expect(try !NodeStore.isActiveUser(login: "cu", in: db))
        }
    }

    /// Wrong passwords count up; the lockout by time keeps the count for the admin, while an
    /// admin's unlock and a right password start it again from zero.
    @Test func failedSignIns_countUp_lockOutKeepsThem_unlockClears() throws {
        let store = try NodeStore.inMemory()
        try store.writer.write { db in
            let id = try Self.user("nhaplieu", in: db)
            #expect(try NodeStore.countFailedSignIn(userId: id, in: db) == 1)
            #expect(try NodeStore.countFailedSignIn(userId: id, in: db) == 2)
            let t0 = Date(timeIntervalSince1970: 1_790_000_000)
            try NodeStore.lockOut(userId: id, until: t0.addingTimeInterval(60), in: db)
            var user = try #require(try NodeStore.user(id: id, in: db))
            #expect(!user.locked && user.failedAttempts == 2 && user.lockedUntil == t0.addingTimeInterval(60))
            #expect(user.isLockedOut(at: t0) && !user.isLockedOut(at: t0.addingTimeInterval(60)))
            // Locked out by time, a running session goes on: only an admin's lock ends it.
            #expect(try NodeStore.activeUserName(id: id, in: db)?.login == "nhaplieu")
            try NodeStore.setLocked(true, userId: id, in: db)
            #expect(try NodeStore.activeUserName(id: id, in: db) == nil)
            try NodeStore.setLocked(false, userId: id, in: db)
            user = try #require(try NodeStore.user(id: id, in: db))
            #expect(!user.locked && user.failedAttempts == 0 && user.lockedUntil == nil)
            #expect(try NodeStore.activeUserName(id: id, in: db)?.login == "nhaplieu")
            _ = try NodeStore.countFailedSignIn(userId: id, in: db)
            try NodeStore.clearFailedSignIns(userId: id, in: db)
            #expect(try NodeStore.user(id: id, in: db)?.failedAttempts == 0)
        }
    }

    /// Replacing roles leaves exactly the new ones; only unlocked admins count as admins.
    @Test func roles_replaced_andActiveAdminsCounted() throws {
        let store = try NodeStore.inMemory()
        try store.writer.write { db in
            let first = try Self.user("quantri", .admin, in: db)
            let second = try Self.user("phu", .admin, in: db)
            #expect(try NodeStore.activeAdminCount(in: db) == 2)
            try NodeStore.setLocked(true, userId: second, in: db)
            #expect(try NodeStore.activeAdminCount(in: db) == 1)
            try NodeStore.setRoles([.viewer, .approver], ofUser: first, in: db)
            #expect(try NodeStore.roles(ofUser: first, in: db) == [.viewer, .approver])
            #expect(try NodeStore.activeAdminCount(in: db) == 0)
        }
    }

    /// Only a person with a delegation in force approves a section's figures, while their
    /// account is unlocked — its head without one does not (seed 002 art. 10.2b); a member
    /// works on them but does not approve; a revoked delegation counts for neither.
    @Test func sectionAuthority_followsDelegationsAndLocks() throws {
        let store = try NodeStore.inMemory()
        try store.writer.write { db in
            let head = try Self.user("truong", in: db), clerk = try Self.user("thuky", in: db), member = try Self.user("nhaplieu", in: db)
            try NodeStore.addSection(UnitSectionRecord(code: "NN", name: "Nông nghiệp", headUserId: head, createdAt: Self.day), in: db)
            try NodeStore.addMember(userId: member, toSection: "NN", at: Self.day, in: db)
            try NodeStore.addMember(userId: member, toSection: "NN", at: Self.day, in: db)
            try NodeStore.addDelegation(SectionDelegationRecord(sectionCode: "NN", userId: clerk, grantedBy: "lanhdao", grantedAt: Self.day), in: db)

            #expect(try !NodeStore.isDelegatedToApprove(userId: head, section: "NN", in: db))
            #expect(try NodeStore.heads(userId: head, section: "NN", in: db))
            #expect(try NodeStore.isDelegatedToApprove(userId: clerk, section: "NN", in: db))
            #expect(try NodeStore.delegatedSectionCodes(ofUser: clerk, in: db) == ["NN"])
            #expect(try !NodeStore.isDelegatedToApprove(userId: member, section: "NN", in: db))
            #expect(try NodeStore.worksInSection("NN", userId: member, in: db))
            #expect(try NodeStore.memberLogins(ofSection: "NN", in: db) == ["nhaplieu"])
            #expect(try NodeStore.sectionCodes(ofUser: head, in: db) == ["NN"])

            try NodeStore.setLocked(true, userId: clerk, in: db)
            #expect(try !NodeStore.isDelegatedToApprove(userId: clerk, section: "NN", in: db))
            try NodeStore.setLocked(false, userId: clerk, in: db)
            #expect(try NodeStore.revokeDelegation(section: "NN", userId: clerk, by: "lanhdao", at: Self.day, in: db))
            #expect(try !NodeStore.revokeDelegation(section: "NN", userId: clerk, by: "lanhdao", at: Self.day, in: db))
            #expect(try !NodeStore.hasDelegationInForce(section: "NN", userId: clerk, in: db))
            #expect(try !NodeStore.worksInSection("NN", userId: clerk, in: db))
            #expect(try NodeStore.delegateLogins(ofSection: "NN", in: db).isEmpty)
            #expect(try NodeStore.section(code: "nn", in: db)?.code == "NN")
        }
    }

    /// Notices received are listed unread first, newest first within each; marking one
    /// read twice keeps the first reading time; notices the node sent are not listed.
    @Test func noticesReceived_unreadFirst_readOnce() throws {
        let store = try NodeStore.inMemory()
        func notice(_ bundle: String, from sender: String, hoursAfter hours: Double) -> NoticeDocument {
            NoticeDocument(kind: .reminder, regime: "R1", period: "2026-11", text: bundle, sentBy: sender, sentAt: Self.day + hours * 3600)
        }
        let ids = try store.writer.write { db -> [Int64] in
            try NodeStore.recordNotice(notice("a", from: "17", hoursAfter: 1), bundleId: "a", sender: "17", recipient: "148", in: db)
            try NodeStore.recordNotice(notice("b", from: "17", hoursAfter: 2), bundleId: "b", sender: "17", recipient: "148", in: db)
            try NodeStore.recordNotice(notice("c", from: "17", hoursAfter: 3), bundleId: "c", sender: "17", recipient: "148", in: db)
            try NodeStore.recordNotice(notice("c", from: "17", hoursAfter: 3), bundleId: "c", sender: "17", recipient: "148", in: db)
            try NodeStore.recordNotice(notice("own", from: "148", hoursAfter: 4), bundleId: "own", sender: "148", recipient: "04789", in: db)
            return try NodeStore.notices(receivedBy: "148", in: db).map { $0.id! }
        }
        #expect(ids.count == 3)
        try store.writer.write { db in
            try NodeStore.markNoticesRead([ids[0]], at: Self.day, in: db)  // "c", the newest
            try NodeStore.markNoticesRead([ids[0]], at: Self.day + 60, in: db)
            let listed = try NodeStore.notices(receivedBy: "148", in: db)
            #expect(listed.map(\.text) == ["b", "a", "c"])
            #expect(listed.last?.readAt == Self.day)
        }
    }

    /// An attachment is removed by name; a name the revision does not have removes nothing.
    @Test func removeAttachment_byName() throws {
        let store = try NodeStore.inMemory()
        let id = try Self.report(store, "148", .draft)
        try store.writer.write { db in
            var file = ReportAttachment(reportId: id, name: "Thuyết minh.txt", contentType: "text/plain", data: Data("x".utf8), sha256: "0",
                                        addedBy: "nhaplieu", addedAt: Self.day)
            try file.insert(db)
            #expect(try !NodeStore.removeAttachment(named: "khac.txt", ofReport: id, in: db))
            #expect(try NodeStore.removeAttachment(named: "Thuyết minh.txt", ofReport: id, in: db))
            #expect(try NodeStore.attachments(ofReport: id, in: db).isEmpty)
        }
    }

    /// At a receiver: each unit's latest received revision waits for a decision (not an
    /// older one, not the node's own, not an archive copy); the units heard from are those
    /// with a revision in the states asked; a snapshot counts each unit's latest accepted one.
    @Test func receivedRevisions_waitingHeardAndAccepted() throws {
        let store = try NodeStore.inMemory()
        _ = try Self.report(store, "04801", revision: 1, .accepted)
        let waiting1 = try Self.report(store, "04801", revision: 2, .received)
        let old = try Self.report(store, "04802", revision: 1, .received)
        let waiting2 = try Self.report(store, "04802", revision: 2, .received)
        _ = try Self.report(store, "04803", revision: 1, .returned)
        _ = try Self.report(store, "148", .received)
        _ = try Self.report(store, "04901", .received, relayedFor: "149")
        try store.writer.write { db in
            #expect(try NodeStore.undecidedLatestRevisions(regime: "R1", period: "2026-11", excludingUnit: "148", in: db) == [waiting1, waiting2])
            #expect(!(try NodeStore.undecidedLatestRevisions(regime: "R1", period: "2026-11", excludingUnit: "148", in: db).contains(old)))
            #expect(try NodeStore.reportingUnits(regime: "R1", period: "2026-11", states: [.received, .accepted], in: db)
                    == ["04801", "04802", "148"])
            #expect(try NodeStore.latestAcceptedReports(regime: "R1", period: "2026-11", excludingUnit: "148", in: db).map(\.unitCode) == ["04801"])
            try NodeStore.assignRegime("R1", to: "tonghop", by: "quantri", at: Self.day, in: db)
            try NodeStore.assignReceivedReports(regime: "R1", to: "tonghop", excludingUnit: "148", in: db)
            #expect(try NodeStore.assignee(ofRegime: "R1", in: db) == "tonghop")
            let assigned = try ReportRecord.filter(ReportRecord.Columns.assignedTo == "tonghop").fetchAll(db).map(\.id!)
            #expect(Set(assigned) == [waiting1, old, waiting2])
        }
    }
}
