import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation

/// One report the node's unit must send: a regime-period, to whom, by when, and where
/// the unit's own report for it stands.
public struct Obligation: Sendable {
    public let regime: Regime
    public let period: Period
    public let receiver: ReportingUnit
    public let deadline: Deadline
    /// The unit's latest revision for the regime-period, if one was started.
    public let latest: ReportRecord?
    /// Days from today (Asia/Ho_Chi_Minh) to the due date; negative once it has passed.
    public let daysLeft: Int

    /// Whether the report has left the unit (sent, or accepted).
    public var isDelivered: Bool { [.sent, .accepted].contains(latest?.state) }
    /// Past its due date and not delivered.
    public var isOverdue: Bool { !isDelivered && daysLeft < 0 }
    /// Returned by the receiver, with its reason: the first thing a clerk must see.
    public var isReturned: Bool { latest?.state == .returned }
}

/// What the node's unit must report now (seed 002 art. 12: each unit knows its regimes,
/// periods and deadlines): every periodic regime that expects the unit, for the periods
/// whose deadline fell in the last `lookBackDays` or falls in the next `lookAheadDays`.
public struct ObligationService: Sendable {
    public let work: NodeWork
    public let calendar: WorkingCalendar
    public var lookBackDays = 92
    public var lookAheadDays = 45

    public init(work: NodeWork, calendar: WorkingCalendar = WorkingCalendar()) {
        self.work = work
        self.calendar = calendar
    }

    /// Returned and overdue reports first, then by due date.
    public func obligations(by actor: StaffMember, at now: Date) throws -> [Obligation] {
        try require(actor, .read, "xem các báo cáo phải gửi")
        let catalog = try work.catalog()
        let topology = try work.runtime.topology()
        guard let home = topology.unit(code: work.home) else { return [] }
        let today = VietnamTime.civilDate(at: now)
        let own = try ReportService(work: work).list(by: actor)
        var result: [Obligation] = []
        for regime in catalog.regimes where regime.type == .periodic {
            guard let frequency = regime.frequency, let receiverCode = regime.receiver(in: topology) ?? home.parentCode,
                  let receiver = topology.unit(code: receiverCode),
                  regime.expectedReporters(at: receiverCode, in: topology).contains(where: { $0.code == home.code }) else { continue }
            let periods = try Period.periods(of: frequency, in: today.year - 1) + Period.periods(of: frequency, in: today.year)
            for period in periods {
                guard let deadline = regime.deadline(for: period, senderKind: home.kind, calendar: calendar) else { continue }
                let days = deadline.dueDate.julianDayNumber - today.julianDayNumber
                guard days >= -lookBackDays, days <= lookAheadDays else { continue }
                let latest = own.first { $0.regimeCode == regime.code && $0.period == period }
                result.append(Obligation(regime: regime, period: period, receiver: receiver, deadline: deadline, latest: latest, daysLeft: days))
            }
        }
        return result.sorted { a, b in
            let rank = { (o: Obligation) in o.isReturned ? 0 : o.isOverdue ? 1 : o.isDelivered ? 3 : 2 }
            return (rank(a), a.deadline.dueInstant, a.regime.code) < (rank(b), b.deadline.dueInstant, b.regime.code)
        }
    }
}
