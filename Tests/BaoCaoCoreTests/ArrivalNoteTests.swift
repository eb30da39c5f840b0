import Foundation
import Testing
@testable import BaoCaoCore

/// What the staff who receive a report are told about its signing time.
@Suite("Signing time note at arrival")
struct ArrivalNoteTests {
    let received = Date(timeIntervalSince1970: 1_795_000_000)
    let day: TimeInterval = 86_400

    @Test func signedImplausiblyLongBefore_isFlagged_butAFewDaysIsNot() {
        let policy = TimelinessPolicy.standard
        #expect(policy.arrivalNote(signedAt: received.addingTimeInterval(-45 * day), receivedAt: received)
            == "Thời điểm ký sớm hơn thời điểm nhận 45 ngày: bất thường (quá 30 ngày), cần xem xét — đúng hạn hay trễ hạn được tính theo thời điểm nhận.")
        #expect(policy.arrivalNote(signedAt: received.addingTimeInterval(-29 * day), receivedAt: received) == nil)
        #expect(policy.arrivalNote(signedAt: received.addingTimeInterval(-60), receivedAt: received) == nil)
    }

    @Test func theThresholdIsConfigurable() {
        let strict = TimelinessPolicy(implausibleSigningAge: 7 * day)
        #expect(strict.arrivalNote(signedAt: received.addingTimeInterval(-8 * day), receivedAt: received)?
            .hasPrefix("Thời điểm ký sớm hơn thời điểm nhận 8 ngày: bất thường (quá 7 ngày)") == true)
    }

    @Test func signedAfterArrival_beyondTheTolerance_isFlagged() {
        #expect(TimelinessPolicy.standard.arrivalNote(signedAt: received.addingTimeInterval(3600), receivedAt: received)
            == "Thời điểm ký muộn hơn thời điểm nhận: đồng hồ bên gửi chạy nhanh, cần xem xét.")
        #expect(TimelinessPolicy.standard.arrivalNote(signedAt: received.addingTimeInterval(120), receivedAt: received) == nil)
    }

    /// The skew measured at arrival corrects the signing time; the last measured skew,
    /// stated by the sender since, does not (it would make the report look signed in time).
    @Test func skewAtArrival_isUsed_notTheLastMeasured() throws {
        let unit = ReportingUnit(code: "04801", name: "Xã Một", kind: .commune)
        let date = try CivilDate(year: 2026, month: 11, day: 18)
        let due = Deadline(nominalDate: date, dueDate: date)
        let signed = due.dueInstant.addingTimeInterval(2 * 3600)
        let arrival = ReportArrival(unitCode: "04801", revision: 1, state: .received, signedAt: signed,
                                    receivedAt: signed.addingTimeInterval(600), bundleId: "b", clockSkewAtArrival: 0)
        let judged = Completeness.assess(expected: [unit], deadline: { _ in due }, arrivals: [arrival], skews: ["04801": 86_400],
                                         now: signed.addingTimeInterval(86_400))
        #expect(judged.first?.timeliness == .late)
        #expect(judged.first?.judgedAt == signed.addingTimeInterval(600))   // by its arrival (seed 002 art. 14.4)
        // Corrected by the last measured skew it would seem signed a day before the deadline, in time.
        #expect(judged.first?.review == nil)
    }
}
