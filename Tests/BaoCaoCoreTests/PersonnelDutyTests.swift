import Foundation
import Testing
@testable import BaoCaoCore

/// The duties of art. 9–10, counted in working days by the node's calendar across Tết 2026
/// (16–20 February off, so Thursday 12 February's deadlines run into March).
@Suite("Personnel duties and deadlines")
struct PersonnelDutyTests {
    typealias F = PersonnelFixtures
    let calendar = WorkingCalendar()

    func record(_ events: [PersonnelEvent]) -> PersonnelRecord {
        var record = F.record()
        record.events = events
        return record
    }

    @Test func newPerson_isDueTenWorkingDaysAfterTakingUpThePost_notCountingTet() throws {
        let onTime = record([F.event(1, "2026-02-12", .recruited(F.recruitment), recorded: "2026-03-05")])
        let duty = try #require(onTime.duties(in: calendar, today: F.date("2026-03-10")).first)
        #expect(duty.duty == .enterNewPerson && duty.eventSequence == 1)
        #expect(duty.dueOn == F.date("2026-03-05"))
        #expect(duty.isDone && !duty.wasLate && !duty.isOverdue)
        let late = record([F.event(1, "2026-02-12", .recruited(F.recruitment), recorded: "2026-03-06")])
        let lateDuty = try #require(late.duties(in: calendar, today: F.date("2026-03-10")).first)
        #expect(lateDuty.doneOn == F.date("2026-03-06") && lateDuty.wasLate)
    }

    @Test func eachEvent_owesItsDuty_withItsOwnNumberOfDays() throws {
        let events = [
            F.event(1, "2025-01-02", .recruited(F.recruitment)),
            F.event(2, "2026-02-12", .movedWithinUnit(section: "Phòng Tổng hợp"), recorded: "2026-02-24"),
            F.event(3, "2026-02-12", .evaluation(year: 2025, rating: "htt"), recorded: "2026-02-13"),
            F.event(4, "2026-02-12", .personalDetails(PersonalDetails(maritalStatus: "da-ket-hon")), decided: false),
            F.event(5, "2026-02-13", .left(Leaving(reason: .resigned)), recorded: "2026-02-27"),
        ]
        let duties = record(events).duties(in: calendar, today: F.date("2026-03-02"))
        #expect(duties.map(\.duty) == [.enterNewPerson, .recordMoveWithinUnit, .recordStateChange, .recordLeaving])
        #expect(duties.map(\.dueOn) == ["2025-01-16", "2026-02-23", "2026-03-05", "2026-02-27"].map(F.date))
        #expect(duties.map(\.wasLate) == [false, true, false, false])
    }

    /// A transfer is done when the exchange code says the bundle went: until then it is owed,
    /// and overdue once its day is past.
    @Test func transfer_owesSendingAndForwarding_doneWhenTheExchangeSaysSo() throws {
        let transfer = record([
            F.event(1, "2025-01-02", .recruited(F.recruitment)),
            F.event(2, "2026-02-12", .transferredOut(TransferOut(receivingUnit: "157", employingUnit: "05293"))),
        ])
        let sent = [PersonnelDutyKey(duty: .sendTransfer, eventSequence: 2): F.date("2026-02-25")]
        let duties = transfer.duties(in: calendar, today: F.date("2026-02-25"), transfersDone: sent).filter { $0.eventSequence == 2 }
        #expect(duties.map(\.duty) == [.sendTransfer, .forwardTransfer])
        #expect(duties.map(\.dueOn) == [F.date("2026-02-26"), F.date("2026-02-24")])
        #expect(duties[0].isDone && !duties[0].isOverdue)
        #expect(!duties[1].isDone && duties[1].isOverdue)
        let notYet = transfer.duties(in: calendar, today: F.date("2026-02-26")).filter { $0.eventSequence == 2 }
        #expect(notYet.map(\.isOverdue) == [false, true])
        let straight = record([
            F.event(1, "2025-01-02", .recruited(F.recruitment)),
            F.event(2, "2026-02-12", .transferredOut(TransferOut(receivingUnit: "05293", employingUnit: "05293"))),
        ])
        #expect(straight.duties(in: calendar, today: F.date("2026-02-27")).map(\.duty) == [.enterNewPerson, .sendTransfer])
    }
}
