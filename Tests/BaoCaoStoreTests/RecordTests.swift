import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// Every table has a record type, and records write exactly the text the raw statements
/// they replaced wrote: a node upgraded across the change reads its old rows unchanged.
@Suite("Records")
struct RecordTests {
    /// One record type per table (DESIGN §12), whatever the migrations create.
    static let recordTypes: [any TableRecord.Type] = [
        SettingRecord.self, UnitRecord.self, StoredRelease.self,
        IndicatorRecord.self, DimensionRecord.self, CrossRuleRecord.self, FormRecord.self, RegimeRecord.self, PlanTargetRecord.self,
        ReportRecord.self, ReportValueRecord.self, ReportEvent.self, SectionApprovalRecord.self, ReportAttachment.self,
        TimelinessRulingRecord.self, HeldDecision.self,
        StoredBundle.self, Delivery.self, UploadRecord.self, RefusedFeedItem.self,
        AuditEntry.self, AuditAnchorRecord.self,
        UserRecord.self, UserRoleRecord.self, UnitSectionRecord.self, SectionMemberRecord.self, SectionDelegationRecord.self,
        ReceivingWindow.self, SnapshotRecord.self, SnapshotValueRecord.self, SnapshotReportRecord.self,
        NoticeRecord.self, ClockSkewRecord.self, RegimeAssignmentRecord.self, PersonnelRecordRow.self,
        PersonnelTransferRow.self, PersonnelCustodyRow.self,
        PersonnelGrantRow.self, PersonnelSpanRow.self, PersonnelQuotaRow.self, PersonnelDeclarationRow.self,
        SuccessionRecord.self,
        PublicationRecord.self, DashboardItemRecord.self,
        SectionReturnRecord.self, OutsideReportRecord.self, WindowAnnouncementRecord.self,
        SoftwareUpdateRecord.self, UnitVersionRecord.self,
    ]

    /// Given the migrated schema, every table is one record type's and no record type
    /// names a table that does not exist.
    @Test func everyTable_hasOneRecordType() throws {
        let store = try NodeStore.inMemory()
        let tables = try store.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                """)
        }
        let named = Self.recordTypes.map { $0.databaseTableName }
        #expect(Set(tables) == Set(named))
        #expect(named.count == Set(named).count, "two record types for one table")
    }

    /// Accounts, sections and their delegations keep their instants as ``StoredTime``
    /// text (ISO 8601, UTC, milliseconds), as the statements before the records did.
    @Test func accountInstants_areStoredTimeText() throws {
        let store = try NodeStore.inMemory()
        let instant = Date(timeIntervalSince1970: 1_795_000_000.125)
        let text = try store.writer.write { db -> [String?] in
            let user = try NodeStore.addUser(UserRecord(login: "nhaplieu", displayName: "Nhập liệu", passwordHash: "x", at: instant),
                                             roles: [.dataEntry], in: db)
            try NodeStore.addSection(UnitSectionRecord(code: "NN", name: "Nông nghiệp", headUserId: user.id, createdAt: instant), in: db)
            try NodeStore.addDelegation(SectionDelegationRecord(sectionCode: "NN", userId: user.id!, grantedBy: "lanhdao", grantedAt: instant), in: db)
            #expect(try NodeStore.revokeDelegation(section: "NN", userId: user.id!, by: "lanhdao", at: instant, in: db))
            return try String?.fetchAll(db, sql: """
                SELECT passwordChangedAt FROM user UNION ALL SELECT createdAt FROM user UNION ALL SELECT createdAt FROM unitSection
                UNION ALL SELECT grantedAt FROM sectionDelegation UNION ALL SELECT revokedAt FROM sectionDelegation
                """)
        }
        #expect(text == Array(repeating: "2026-11-18T11:06:40.125Z", count: 5))
        let user = try #require(try store.user(login: "NHAPLIEU"))
        #expect(user.passwordChangedAt == StoredTime.date("2026-11-18T11:06:40.125Z"))
        #expect(try store.writer.read { try NodeStore.roles(ofUser: user.id!, in: $0) } == [.dataEntry])
    }

    /// The receiver's tables keep GRDB's own date text (`yyyy-MM-dd HH:mm:ss.SSS`), as the
    /// statements that bound a `Date` did.
    @Test func receiverInstants_areGRDBDateText() throws {
        let store = try NodeStore.inMemory()
        let instant = Date(timeIntervalSince1970: 1_795_000_000.125)
        try store.setClockSkew(unit: "04789", seconds: -90, measuredAt: instant)
        try store.setClockSkew(unit: "04789", seconds: 30, measuredAt: instant)
        let text = try store.writer.write { db -> [String?] in
            try NodeStore.assignRegime("R1", to: "tonghop", by: "quantri", at: instant, in: db)
            try NodeStore.recordSnapshot(regime: "R1", period: "2026-11", values: [:], reports: [], takenBy: "tonghop", cause: "đóng", at: instant, in: db)
            return try String?.fetchAll(db, sql: """
                SELECT measuredAt FROM clockSkew UNION ALL SELECT assignedAt FROM regimeAssignment UNION ALL SELECT takenAt FROM snapshot
                """)
        }
        #expect(text == Array(repeating: "2026-11-18 11:06:40.125", count: 3))
        #expect(try store.clockSkews() == ["04789": 30])
    }

    /// Snapshots of a regime-period are numbered from 1, each with its figures.
    @Test func snapshots_areNumberedPerRegimePeriod() throws {
        let store = try NodeStore.inMemory()
        let figures: [ValueKey: ExactDecimal] = [try ValueKey(parsing: "LD01"): try ExactDecimal(canonical: "12.5")]
        let numbers = try store.writer.write { db in
            [try NodeStore.recordSnapshot(regime: "R1", period: "2026-11", values: figures, reports: [], takenBy: "a", cause: "c", at: Date(), in: db),
             try NodeStore.recordSnapshot(regime: "R1", period: "2026-11", values: [:], reports: [], takenBy: "a", cause: "c", at: Date(), in: db),
             try NodeStore.recordSnapshot(regime: "R1", period: "2026-12", values: [:], reports: [], takenBy: "a", cause: "c", at: Date(), in: db)]
        }
        #expect(numbers == [1, 2, 1])
        #expect(try store.writer.read { try NodeStore.snapshotValues(regime: "R1", period: "2026-11", number: 1, in: $0) } == figures)
        #expect(try store.writer.read { try NodeStore.snapshots(regime: "R1", period: "2026-11", in: $0) }.map(\.number) == [1, 2])
    }

    /// A returned revision with every optional column given.
    static func everyColumnGiven(at instant: Date) -> ReportRecord {
        var full = ReportRecord(regimeCode: "KTXH-THANG", period: "2026-11", unitCode: "05290", revision: 3, state: .returned,
                                formCode: "F1", formVersion: 2, releaseVersion: 7, narrative: "Mưa lũ kéo dài", at: instant)
        full.updatedAt = instant.addingTimeInterval(60)
        full.signedAt = instant.addingTimeInterval(120)
        full.bundleId = String(repeating: "ab", count: 32)
        full.receivedAt = instant.addingTimeInterval(180)
        full.late = true
        full.assignedTo = "tonghop"
        full.reason = "Sai số liệu"
        full.decidedAt = instant.addingTimeInterval(240)
        full.decisionBundleId = String(repeating: "cd", count: 32)
        full.relayedFor = "157"
        full.clockSkewAtArrival = -42
        return full
    }

    /// A report revision reads back as it was written, every column — read column by
    /// column (`ReportRecord.init(row:)`), as the record decoder read it: with every
    /// optional given, and with none; and a column the table does not have (every column a
    /// query selected, and only those) reads as nothing.
    @Test func reportRecord_readsBackEveryColumn() throws {
        let store = try NodeStore.inMemory()
        let instant = Date(timeIntervalSince1970: 1_780_000_000.125)
        var full = Self.everyColumnGiven(at: instant)
        var bare = ReportRecord(regimeCode: "KTXH-THANG", period: "2026-12", unitCode: "05293", revision: 1, state: .draft,
                                formCode: "F1", formVersion: 1, releaseVersion: nil, at: instant)
        try store.writer.write { db in
            try full.insert(db)
            try bare.insert(db)
        }
        let read = try store.writer.read { try ReportRecord.fetchAll($0, sql: "SELECT * FROM report ORDER BY id") }
        #expect(read == [full, bare])
        let partial = try store.writer.read { try Row.fetchOne($0, sql: "SELECT id, regimeCode, period, unitCode, revision, state, formCode, formVersion, narrative, createdAt, updatedAt, late FROM report WHERE id = ?", arguments: [full.id]) }
        let fromPartial = try ReportRecord(row: try #require(partial))
        #expect(fromPartial.bundleId == nil && fromPartial.reason == nil && fromPartial.state == .returned && fromPartial.narrative == "Mưa lũ kéo dài")
        let unknown = try store.writer.read { try Row.fetchOne($0, sql: "SELECT 1 AS id, 'KTXH-THANG' AS regimeCode, '2026-11' AS period, '05290' AS unitCode, 1 AS revision, 'lost' AS state, 'F1' AS formCode, 1 AS formVersion, '' AS narrative, '2026-01-01 00:00:00.000' AS createdAt, '2026-01-01 00:00:00.000' AS updatedAt, 0 AS late") }
        #expect(throws: StoreError.self) { try ReportRecord(row: unknown!) }
    }

    /// A report row and its events hold the text they always held — dates as GRDB's date
    /// text, states by name, `late` as 0 or 1, nothing for what is not given — now that they
    /// are written column by column.
    @Test func reportAndEventRows_holdTheTextTheyAlwaysHeld() throws {
        let store = try NodeStore.inMemory()
        let instant = Date(timeIntervalSince1970: 1_780_000_000.125)
        var full = Self.everyColumnGiven(at: instant)
        var bare = ReportRecord(regimeCode: "KTXH-THANG", period: "2026-Q4", unitCode: "05293", revision: 1, state: .draft,
                                formCode: "F1", formVersion: 1, releaseVersion: nil, at: instant)
        let rows = try store.writer.write { db -> [String] in
            try full.insert(db)
            try bare.insert(db)
            var moved = ReportEvent(reportId: full.id!, at: instant, actor: "lanhdao", fromState: .sent, toState: .returned, reason: "Thiếu phụ lục")
            var made = ReportEvent(reportId: bare.id!, at: instant.addingTimeInterval(1), actor: "node", fromState: nil, toState: .draft)
            try moved.insert(db)
            try made.insert(db)
            #expect(moved.id != nil && made.id != nil && moved.id != made.id)
            return try String.fetchAll(db, sql: """
                SELECT id || '|' || regimeCode || '|' || period || '|' || unitCode || '|' || revision || '|' || state || '|' || formCode
                       || '|' || formVersion || '|' || COALESCE(releaseVersion, 'NULL') || '|' || narrative || '|' || createdAt || '|' || updatedAt
                       || '|' || COALESCE(signedAt, 'NULL') || '|' || COALESCE(bundleId, 'NULL') || '|' || COALESCE(receivedAt, 'NULL') || '|' || late
                       || '|' || COALESCE(assignedTo, 'NULL') || '|' || COALESCE(reason, 'NULL') || '|' || COALESCE(decidedAt, 'NULL')
                       || '|' || COALESCE(decisionBundleId, 'NULL') || '|' || COALESCE(relayedFor, 'NULL') || '|' || COALESCE(clockSkewAtArrival, 'NULL')
                FROM report
                UNION ALL
                SELECT reportId || '|' || at || '|' || actor || '|' || COALESCE(fromState, 'NULL') || '|' || toState || '|' || COALESCE(reason, 'NULL')
                FROM reportEvent
                """)
        }
        let (bundle, decision) = (String(repeating: "ab", count: 32), String(repeating: "cd", count: 32))
        #expect(rows == [
            "1|KTXH-THANG|2026-11|05290|3|returned|F1|2|7|Mưa lũ kéo dài|2026-05-28 20:26:40.125|2026-05-28 20:27:40.125|2026-05-28 20:28:40.125|\(bundle)|2026-05-28 20:29:40.125|1|tonghop|Sai số liệu|2026-05-28 20:30:40.125|\(decision)|157|-42",
            "2|KTXH-THANG|2026-Q4|05293|1|draft|F1|1|NULL||2026-05-28 20:26:40.125|2026-05-28 20:26:40.125|NULL|NULL|NULL|0|NULL|NULL|NULL|NULL|NULL|NULL",
            "1|2026-05-28 20:26:40.125|lanhdao|sent|returned|Thiếu phụ lục",
            "2|2026-05-28 20:26:41.125|node|NULL|draft|NULL",
        ])
    }

    /// A unit row read column by column gives back every field, with and without its
    /// optional English name and parent.
    @Test func unitRecord_readsBackEveryColumn() throws {
        let store = try NodeStore.inMemory()
        let province = ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", nameEn: "Hoa Binh Province", kind: .province)
        let commune = ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "17")
        try store.writer.write { db in
            try UnitRecord(province, position: 4).insert(db)
            try UnitRecord(commune, position: 9).insert(db)
        }
        let read = try store.writer.read { try UnitRecord.fetchAll($0, sql: "SELECT * FROM unit ORDER BY position") }
        #expect(try read.map { try $0.unit() } == [province, commune])
        #expect(read.map(\.position) == [4, 9])
        #expect(read[0].nameEn == "Hoa Binh Province" && read[0].parentCode == nil && read[1].nameEn == nil && read[1].parentCode == "17")
    }

    /// A bundle row keeps its manifest's facts as JSON that reads back to the same facts,
    /// whatever characters they hold, its keys in byte order.
    @Test func storedBundle_keepsItsFactsAsJSON() throws {
        let about = ["regime": "KTXH-THANG", "period": "2026-11", "auditHead": "a/b+c==", "ghiChu": "Dòng 1\n\"trích\"\t\\ \u{1}", "Z": ""]
        let bundle = StoredBundle(id: String(repeating: "ab", count: 32), kind: "report", sender: "05290", recipient: .unit("157"), size: 1,
                                  signer: String(repeating: "0", count: 64), signedAt: Date(), origin: .local, receivedAt: Date(), about: about)
        let read = try #require(try JSONSerialization.jsonObject(with: Data(bundle.about.utf8)) as? [String: String])
        #expect(read == about)
        #expect(bundle.about.hasPrefix(#"{"Z":"","auditHead":"a/b+c==","ghiChu":"#), "\(bundle.about)")
        let empty = StoredBundle(id: "x", kind: "report", sender: "05290", recipient: .unit("157"), size: 1, signer: "", signedAt: Date(),
                                 origin: .local, receivedAt: Date(), about: [:])
        #expect(empty.about == "{}")
    }

    /// A bundle row and its deliveries hold the text they always held: the names as text,
    /// GRDB's date text, the enumerations' raw values, absent optionals as NULL.
    @Test func bundleAndDeliveryRows_holdTheTextTheyAlwaysHeld() throws {
        let store = try NodeStore.inMemory()
        let instant = Date(timeIntervalSince1970: 1_795_000_000.125)
        let bundle = StoredBundle(id: String(repeating: "ab", count: 32), kind: "report", sender: "05290", recipient: .unit("157"), size: 4096,
                                  signer: String(repeating: "cd", count: 32), signedAt: instant, origin: .https,
                                  receivedAt: instant.addingTimeInterval(1), about: ["period": "2026-11", "regime": "R1"])
        let waiting = Delivery(bundleId: bundle.id, destination: "157", direction: .up, queuedAt: instant)
        var answered = Delivery(bundleId: bundle.id, destination: "04801", direction: .down, queuedAt: instant)
        answered.state = .refused
        answered.acknowledgedAt = instant.addingTimeInterval(2)
        answered.refusal = "Sai chữ ký"
        answered.attempts = 3
        answered.retryAt = instant.addingTimeInterval(3)
        answered.lastAnswer = "notStored"
        answered.unsettledSince = instant.addingTimeInterval(4)
        let rows = try store.writer.write { db -> [String] in
            try bundle.insert(db)
            try waiting.insert(db)
            try answered.insert(db)
            return try String.fetchAll(db, sql: """
                SELECT id || '|' || kind || '|' || sender || '|' || recipient || '|' || size || '|' || signer || '|' || signedAt || '|' || origin
                       || '|' || receivedAt || '|' || about FROM bundle
                UNION ALL
                SELECT bundleId || '|' || destination || '|' || direction || '|' || state || '|' || queuedAt || '|'
                       || COALESCE(acknowledgedAt, 'NULL') || '|' || COALESCE(refusal, 'NULL') || '|' || attempts || '|' || COALESCE(retryAt, 'NULL')
                       || '|' || COALESCE(lastAnswer, 'NULL') || '|' || COALESCE(unsettledSince, 'NULL') FROM delivery
                """)
        }
        let id = bundle.id, signer = bundle.signer
        #expect(rows == [
            "\(id)|report|05290|157|4096|\(signer)|2026-11-18 11:06:40.125|https|2026-11-18 11:06:41.125|{\"period\":\"2026-11\",\"regime\":\"R1\"}",
            "\(id)|157|up|pending|2026-11-18 11:06:40.125|NULL|NULL|0|NULL|NULL|NULL",
            "\(id)|04801|down|refused|2026-11-18 11:06:40.125|2026-11-18 11:06:42.125|Sai chữ ký|3|2026-11-18 11:06:43.125|notStored|2026-11-18 11:06:44.125",
        ])
        #expect(try store.writer.read { try StoredBundle.fetchOne($0) } == bundle)
        let read = try store.writer.read { try Delivery.fetchAll($0, sql: "SELECT * FROM delivery ORDER BY sequence") }
        #expect(read.allSatisfy { $0.sequence != nil })
        #expect(read.map { var delivery = $0; delivery.sequence = nil; return delivery } == [waiting, answered])
    }
}
