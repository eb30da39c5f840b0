import Testing
@testable import BaoCaoCore

/// How a sender's measured clock skew reads on the completeness table.
@Suite("Clock skew note")
struct ClockSkewNoteTests {
    private func note(_ skew: Int?) -> String? {
        UnitCompleteness(unit: ReportingUnit(code: "04801", name: "Xã Một", kind: .commune), deadline: nil, received: false, accepted: false,
                         latestState: nil, revisions: 0, timeliness: .notYetDue, judgedAt: nil, bySigningTime: false, review: nil,
                         bundleId: nil, clockSkew: skew).clockSkewNote
    }

    @Test func smallOrUnmeasuredSkews_sayNothing() {
        #expect(note(nil) == nil)
        #expect(note(299) == nil && note(-299) == nil)
    }

    @Test func largerSkews_sayWhichWayAndHowFar() {
        #expect(note(300) == "đồng hồ nhanh 5 phút")
        #expect(note(-(2 * 3600 + 30 * 60)) == "đồng hồ chậm 2 giờ 30 phút")
        #expect(note(86_400) == "đồng hồ nhanh 1 ngày")
        #expect(note(-(3 * 86_400 + 4 * 3600 + 59)) == "đồng hồ chậm 3 ngày 4 giờ")
    }
}
