import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// What the receiver's window changes in completeness and the ranking (seed 002 art. 14.4;
/// seed 000 arts. 18, 22): an announced extension, arrivals after closure, the arrival
/// time as the system records it, a returned first revision.
@Suite("Receiving windows and timeliness by arrival")
struct ReceivingWindowTimelinessTests {
    let nodes: SignedNodes
    let windows: WindowService
    let completeness: CompletenessService
    let aggregator = SignedNodes.person("tonghop", [.aggregator])
    let period: Period = "2026-05"
    /// The end of Monday 18 May 2026: the communes' deadline (the 16th is a Saturday, a periodic deadline rolls).
    let due = Fixtures.instant("2026-05-19T00:00:00+07:00")

    init() throws {
        // Keys valid from before the times the window is opened, extended and closed at.
        nodes = try SignedNodes(certificatesFrom: Fixtures.instant("2026-01-01T00:00:00Z"))
        windows = WindowService(work: nodes.work("148"))
        completeness = CompletenessService(store: nodes.work("148").store, home: "148")
    }

    /// A commune's report as it arrives at the district: recorded with the arrival time
    /// the district's clock gives it, late if the window was closed by then.
    private func arrive(_ unit: UnitCode, revision: Int = 1, signedAt: Date, receivedAt: Date) throws {
        let document = ReportDocument(regime: "KTXH-THANG", period: period, unit: unit, revision: revision, form: "KTXH", formVersion: 1,
                                      releaseVersion: 1, values: [ValueKey("NN02"): ReportValue(text: "10")], narrative: "",
                                      sectionApprovals: [], approvedBy: "lanhdao-xa")
        try nodes.work("148").store.writer.write { db in
            try NodeStore.recordReceivedReport(document, bundleId: "goi-\(unit)-\(revision)", signedAt: signedAt, receivedAt: receivedAt, in: db)
        }
    }

    private func standing(_ unit: UnitCode, at now: Date) throws -> UnitCompleteness {
        try #require(try completeness.completeness(regime: "KTXH-THANG", period: period, by: aggregator, now: now).units.first { $0.unit.code == unit })
    }

    /// 002 art. 14.4: a report arriving inside an announced extension (gia hạn) is on time,
    /// one arriving after it is late; the completeness table and the ranking (000 arts. 18,
    /// 22) list the opening and the extension with its document; nothing is overdue while
    /// the extension runs.
    @Test func reportInsideAnnouncedExtension_isOnTime() throws {
        try windows.open(regime: "KTXH-THANG", period: period, by: aggregator, at: due.addingTimeInterval(-10 * 86_400))
        let until = Fixtures.instant("2026-05-22T17:00:00+07:00")
        let document = WindowService.ExtensionDocument(number: "15/TB-UBND", date: "2026-05-18", reason: "Mưa lũ làm gián đoạn đường truyền")
        try windows.extend(regime: "KTXH-THANG", period: period, until: until, document: document, by: aggregator, at: due.addingTimeInterval(-3600))
        try arrive("04801", signedAt: Fixtures.instant("2026-05-21T09:55:00+07:00"), receivedAt: Fixtures.instant("2026-05-21T10:00:00+07:00"))
        try arrive("04802", signedAt: Fixtures.instant("2026-05-23T07:55:00+07:00"), receivedAt: Fixtures.instant("2026-05-23T08:00:00+07:00"))
        let now = Fixtures.instant("2026-05-25T09:00:00+07:00")

        let report = try completeness.completeness(regime: "KTXH-THANG", period: period, by: aggregator, now: now)
        #expect(try standing("04801", at: now).timeliness == .onTime)
        #expect(try standing("04801", at: now).onTimeBefore == until)
        #expect(try standing("04802", at: now).timeliness == .late)
        #expect(try standing("04803", at: now).timeliness == .missing)
        #expect(report.announcements.map(\.kind) == [.opened, .extended])
        let extension_ = try #require(report.announcements.last)
        #expect(extension_.until == until && extension_.documentNumber == "15/TB-UBND" && extension_.documentDate == "2026-05-18")
        #expect(extension_.vietnameseText.hasPrefix("gia hạn tiếp nhận đến 22/05/2026 17:00 (giờ Việt Nam) (văn bản số 15/TB-UBND ngày 18/05/2026: "
            + "Mưa lũ làm gián đoạn đường truyền)"))

        let ranking = try completeness.rankingWithAnnouncements(year: 2026, by: aggregator, now: now)
        let score = try #require(ranking.scores.first { $0.unit.code == "04801" })
        #expect(score.onTime == 1 && score.late == 0)
        #expect(try #require(ranking.scores.first { $0.unit.code == "04802" }).late == 1)
        #expect(ranking.announcements.map { "\($0.regime) \($0.period)" } == ["KTXH-THANG 2026-05"])
        #expect(ranking.announcements.first?.announcements.map(\.kind) == [.opened, .extended])

        // While the extension runs, the commune that has not sent is not overdue yet; after, it is.
        let during = Fixtures.instant("2026-05-20T09:00:00+07:00")
        #expect(try completeness.overdue(by: aggregator, now: during).filter { $0.period == period }.isEmpty)
        #expect(try standing("04803", at: during).timeliness == .notYetDue)
        #expect(try completeness.overdue(by: aggregator, now: now).filter { $0.period == period }.map(\.unit.code) == ["04803"])

        // The extension is audited and announced to the communes by a signed notice.
        let notices = try nodes.work("148").store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM notice WHERE regimeCode = 'KTXH-THANG' ORDER BY id")
        }
        #expect(notices.filter { $0 == "windowExtended" }.count == 3)
        #expect(try nodes.audit("148").contains { $0.action == "window.extend" })
    }

    /// An extension needs its document and a reason, must end in the future, and a closed
    /// window cannot be extended; nothing is recorded then.
    @Test func extension_refusedWithoutItsDocument_orOnAClosedWindow() throws {
        let now = due.addingTimeInterval(-3600)
        try windows.open(regime: "KTXH-THANG", period: period, by: aggregator, at: now.addingTimeInterval(-86_400))
        let noNumber = #expect(throws: ServiceError.self) {
            try windows.extend(regime: "KTXH-THANG", period: period, until: due.addingTimeInterval(86_400),
                               document: .init(number: " ", date: "2026-05-18", reason: "Mưa lũ"), by: aggregator, at: now)
        }
        #expect(noNumber?.message == "Phải ghi số văn bản thông báo gia hạn.")
        let past = #expect(throws: ServiceError.self) {
            try windows.extend(regime: "KTXH-THANG", period: period, until: now.addingTimeInterval(-60),
                               document: .init(number: "15/TB-UBND", date: "2026-05-18", reason: "Mưa lũ"), by: aggregator, at: now)
        }
        #expect(past?.message == "Thời điểm gia hạn đến 18/05/2026 22:59 (giờ Việt Nam) đã qua.")
        let viewer = #expect(throws: ServiceError.self) {
            try windows.extend(regime: "KTXH-THANG", period: period, until: due.addingTimeInterval(86_400),
                               document: .init(number: "15/TB-UBND", date: "2026-05-18", reason: "Mưa lũ"), by: Fixtures.reader, at: now)
        }
        #expect(viewer?.code == .forbidden)
        try windows.close(regime: "KTXH-THANG", period: period, by: aggregator, at: now)
        let closed = #expect(throws: ServiceError.self) {
            try windows.extend(regime: "KTXH-THANG", period: period, until: due.addingTimeInterval(86_400),
                               document: .init(number: "15/TB-UBND", date: "2026-05-18", reason: "Mưa lũ"), by: aggregator, at: now)
        }
        #expect(closed?.message == "Tiếp nhận báo cáo KTXH-THANG kỳ 2026-05 đã đóng; mở lại trước khi gia hạn.")
        #expect(try windows.announcements(regime: "KTXH-THANG", period: period, by: aggregator).map(\.kind) == [.opened, .closed])
    }

    /// 002 art. 14.4: after the window closed, what still arrives is kept and shown, marked
    /// as arriving after closure, and counted late — even before the deadline; the table
    /// lists the closing it rests on.
    @Test func reportAfterClosure_isKept_andCountedLate() throws {
        try windows.open(regime: "KTXH-THANG", period: period, by: aggregator, at: due.addingTimeInterval(-10 * 86_400))
        try arrive("04802", signedAt: due.addingTimeInterval(-3 * 86_400), receivedAt: due.addingTimeInterval(-3 * 86_400 + 60))
        try windows.close(regime: "KTXH-THANG", period: period, by: aggregator, at: due.addingTimeInterval(-2 * 86_400))
        try arrive("04801", signedAt: due.addingTimeInterval(-86_400 - 60), receivedAt: due.addingTimeInterval(-86_400))
        let now = due.addingTimeInterval(5 * 86_400)

        let kept = try InboxService(work: nodes.work("148")).list(regime: "KTXH-THANG", period: period, by: aggregator)
        #expect(kept.map(\.report.unitCode).sorted() == ["04801", "04802"])
        #expect(kept.first { $0.report.unitCode == "04801" }?.report.late == true)
        let after = try standing("04801", at: now)
        #expect(after.received && after.arrivedAfterClosure)
        #expect(after.timeliness == .late)
        #expect(after.notes.contains("đến sau khi đã đóng tiếp nhận"))
        #expect(try standing("04802", at: now).timeliness == .onTime)
        let report = try completeness.completeness(regime: "KTXH-THANG", period: period, by: aggregator, now: now)
        #expect(report.announcements.map(\.kind) == [.opened, .closed])
        #expect(try completeness.ranking(year: 2026, by: aggregator, now: now).first { $0.unit.code == "04801" }?.late == 1)
    }

    /// 002 art. 14.4: timeliness goes by the time the receiving system recorded the
    /// arrival; a report signed in time that arrived after the deadline is late and flagged,
    /// and only a reviewer's ruling lets its signing time stand.
    @Test func timeliness_byArrival_signingTimeOnlyByRuling() throws {
        try arrive("04801", signedAt: due.addingTimeInterval(-600), receivedAt: due.addingTimeInterval(6 * 3600))
        let now = due.addingTimeInterval(5 * 86_400)
        let flagged = try standing("04801", at: now)
        #expect(flagged.timeliness == .late && !flagged.bySigningTime)
        #expect(flagged.judgedAt == due.addingTimeInterval(6 * 3600))
        #expect(flagged.review == .signedInTimeArrivedLate)
        try completeness.rule(regime: "KTXH-THANG", period: period, unit: "04801", .signingTime,
                              reason: "Xã ký trước hạn, đường truyền gián đoạn đến sáng hôm sau", by: aggregator, at: now)
        let ruled = try standing("04801", at: now)
        #expect(ruled.timeliness == .onTime && ruled.bySigningTime && ruled.ruling == .signingTime)
    }

    /// 002 art. 14.4: a first revision returned as incomplete does not make the unit on
    /// time: its accepted revision's arrival does — unless the reviewer rules the first
    /// revision's arrival stands.
    @Test func returnedThenRevised_isLateByTheRevisionsArrival() throws {
        let store = nodes.work("148").store
        try Fixtures.report(store, "04801", period, revision: 1, state: .returned, signedAt: due.addingTimeInterval(-3600),
                            receivedAt: due.addingTimeInterval(-3500), [:])
        let revised = due.addingTimeInterval(2 * 86_400)
        try Fixtures.report(store, "04801", period, revision: 2, state: .accepted, signedAt: revised.addingTimeInterval(-60), receivedAt: revised, [:])
        let now = due.addingTimeInterval(5 * 86_400)

        let judged = try standing("04801", at: now)
        #expect(judged.timeliness == .late)
        #expect(judged.judgedAt == revised && judged.judgedRevision == 2 && judged.revisions == 2 && judged.accepted)
        #expect(judged.notes.contains("lần gửi đầu bị trả lại, tính theo lần 2"))
        #expect(try completeness.ranking(year: 2026, by: aggregator, now: now).first { $0.unit.code == "04801" }?.late == 1)

        // Returned and not yet revised: nothing acceptable arrived, late once the deadline passed.
        try Fixtures.report(store, "04802", period, revision: 1, state: .returned, signedAt: due.addingTimeInterval(-3600),
                            receivedAt: due.addingTimeInterval(-3500), [:])
        #expect(try standing("04802", at: due.addingTimeInterval(-60)).timeliness == .notYetDue)
        #expect(try standing("04802", at: now).timeliness == .late)

        // The reviewer rules the return asked only for a correction: the first arrival stands.
        try completeness.rule(regime: "KTXH-THANG", period: period, unit: "04801", .firstRevision,
                              reason: "Trả lại chỉ để sửa lỗi chính tả", by: aggregator, at: now)
        let ruled = try standing("04801", at: now)
        #expect(ruled.timeliness == .onTime && ruled.judgedAt == due.addingTimeInterval(-3500) && ruled.judgedRevision == nil)
        #expect(ruled.ruling == .firstRevision && ruled.notes.contains("đã xem xét: tính theo lần gửi đầu bị trả lại"))
        // Only a returned first revision can be ruled so.
        let notReturned = #expect(throws: ServiceError.self) {
            try completeness.rule(regime: "KTXH-THANG", period: period, unit: "04803", .firstRevision, reason: "x", by: aggregator, at: now)
        }
        #expect(notReturned?.code == .notFound)
    }
}
