import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Who was expected to report a regime-period here, who sent, on time or late, who is missing.
public struct CompletenessReport: Sendable {
    public let regime: Regime
    public let period: Period
    public let units: [UnitCompleteness]
    public let summary: CompletenessSummary
    /// The receiving window's announcements (opening, extensions, closing) it rests on, in order.
    public var announcements: [WindowAnnouncement] = []
}

/// The yearly ranking with what it rests on: every regime-period counted whose receiving
/// window was announced, with its announcements (seed 000 arts. 18, 22).
public struct ComplianceRanking: Sendable {
    public let year: Int
    public let scores: [ComplianceScore]
    public let announcements: [(regime: RegimeCode, period: Period, announcements: [WindowAnnouncement])]
}

/// A report that should have arrived by now and has not.
public struct OverdueReport: Sendable, Hashable {
    public let regime: Regime
    public let period: Period
    public let unit: ReportingUnit
    public let deadline: Deadline
    /// Whole days since the deadline passed (Asia/Ho_Chi_Minh calendar days).
    public let daysOverdue: Int
}

/// Completeness, timeliness, the yearly compliance ranking and the overdue list
/// (DESIGN §4, §6; seed 000 arts. 18, 22).
public struct CompletenessService: Sendable {
    public let store: NodeStore
    public let home: UnitCode
    public let calendar: WorkingCalendar
    public let policy: TimelinessPolicy

    public init(store: NodeStore, home: UnitCode, calendar: WorkingCalendar = WorkingCalendar(), policy: TimelinessPolicy = .standard) {
        self.store = store
        self.home = home
        self.calendar = calendar
        self.policy = policy
    }

    /// Completeness and timeliness of one regime-period at this node, judged at `now`.
    public func completeness(regime regimeCode: RegimeCode, period: Period, by actor: StaffMember, now: Date = Date()) throws -> CompletenessReport {
        try require(actor, .read, "xem tình hình gửi báo cáo")
        let catalog = try store.catalog()
        guard let regime = catalog.regime(code: regimeCode) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo mã \(regimeCode).", log: "unknown regime \(regimeCode)")
        }
        let topology = try store.topology()
        let succession = try store.succession()
        let arrivals = try store.arrivals(regime: regimeCode, periods: [period], formerReceivers: formerReceivers(succession))
        let terms = try store.receivingTerms(regime: regimeCode, periods: [period])[period] ?? .none
        let units = assess(regime, period, expected: expected(regime, period, topology, succession), arrivals: arrivals[period] ?? [],
                           skews: try store.clockSkews(), now: now, terms: terms)
        return CompletenessReport(regime: regime, period: period, units: units, summary: CompletenessSummary(units),
                                  announcements: terms.announcements)
    }

    /// Rules on a report whose timeliness is flagged for review: the signing time stands
    /// (signed in time, held up on the way — a link down for months, a USB stick), or the
    /// arrival time stands, as flagged; or, for a unit whose first revision was returned,
    /// that first revision's arrival stands (the return asked only for a correction). The
    /// reason is required and goes to the audit log with the ruling; a later ruling
    /// replaces an earlier one.
    public func rule(regime: RegimeCode, period: Period, unit: UnitCode, _ ruling: TimelinessRuling, reason: String, by actor: StaffMember,
                     at now: Date = Date()) throws {
        try require(actor, .decideIncoming, "xem xét thời hạn gửi báo cáo")
        let reason = try requiredReason(reason)
        let report = try completeness(regime: regime, period: period, by: actor, now: now)
        guard let entry = report.units.first(where: { $0.unit.code == unit }), entry.received else {
            throw ServiceError(.notFound, message: "Không có báo cáo của \(unit) cho \(regime) kỳ \(period) để xem xét.",
                               log: "no report \(unit) \(regime) \(period)")
        }
        if ruling == .firstRevision {
            guard let returned = entry.returnedFirstBundleId else {
                throw ServiceError(.illegalTransition, message: "Lần gửi đầu của \(unit) không bị trả lại: không có gì để xem xét theo lần gửi đầu.",
                                   log: "first revision of \(unit) not returned")
            }
            return try record(ruling, bundleId: returned, regime: regime, period: period, unit: unit, reason: reason, by: actor, at: now)
        }
        guard let bundleId = entry.bundleId else {
            throw ServiceError(.notFound, message: "Không có báo cáo của \(unit) cho \(regime) kỳ \(period) để xem xét.",
                               log: "no judged report \(unit) \(regime) \(period)")
        }
        guard let flag = entry.flag else {
            throw ServiceError(.illegalTransition, message: "Thời hạn gửi báo cáo của \(unit) không có điểm nào cần xem xét.",
                               log: "nothing flagged for \(unit)")
        }
        guard ruling == .arrivalTime || flag.maySettleBySigningTime else {
            throw ServiceError(.invalidInput,
                message: "Không thể tính theo thời điểm ký: \(flag.vietnameseName). Chỉ có thể tính theo thời điểm nhận.",
                log: "signing time not trustworthy for \(unit): \(flag)")
        }
        try record(ruling, bundleId: bundleId, regime: regime, period: period, unit: unit, reason: reason, by: actor, at: now)
    }

    private func record(_ ruling: TimelinessRuling, bundleId: String, regime: RegimeCode, period: Period, unit: UnitCode, reason: String,
                        by actor: StaffMember, at now: Date) throws {
        try store.writer.write { db in
            try NodeStore.recordTimelinessRuling(ruling, bundleId: bundleId, regime: regime, period: period, unit: unit, reason: reason,
                                                 by: actor.login, at: now, in: db)
            try AuditLog.append(db, actor: actor, action: AuditAction("timeliness.\(ruling.rawValue)"),
                                object: "report:\(regime)/\(period)/\(unit)", detail: reason, at: now)
        }
    }

    /// Every expected sender of every regime received here, ranked by its compliance over
    /// the periods of `year` whose deadlines have passed at `now`.
    public func ranking(year: Int, by actor: StaffMember, now: Date = Date()) throws -> [ComplianceScore] {
        try rankingWithAnnouncements(year: year, by: actor, now: now).scores
    }

    /// The ranking with the receiving windows' announcements it rests on (extensions move
    /// what is on time, closings make what came after late).
    public func rankingWithAnnouncements(year: Int, by actor: StaffMember, now: Date = Date()) throws -> ComplianceRanking {
        try require(actor, .read, "xem xếp hạng chấp hành chế độ báo cáo")
        let catalog = try store.catalog()
        let topology = try store.topology()
        let skews = try store.clockSkews()
        let succession = try store.succession()
        var scores: [UnitCode: ComplianceScore] = [:]
        var basis: [(regime: RegimeCode, period: Period, announcements: [WindowAnnouncement])] = []
        for regime in catalog.regimes where regime.type == .periodic {
            guard let frequency = regime.frequency else { continue }
            let periods = try Period.periods(of: frequency, in: year)
            let arrivals = try store.arrivals(regime: regime.code, periods: periods, formerReceivers: formerReceivers(succession))
            let windows = try store.receivingTerms(regime: regime.code, periods: periods)
            for period in periods {
                let expected = expected(regime, period, topology, succession)
                for unit in expected where scores[unit.code] == nil { scores[unit.code] = ComplianceScore(unit: unit) }
                let terms = windows[period] ?? .none
                if !expected.isEmpty, !terms.announcements.isEmpty { basis.append((regime.code, period, terms.announcements)) }
                for entry in assess(regime, period, expected: expected, arrivals: arrivals[period] ?? [], skews: skews, now: now, terms: terms) {
                    scores[entry.unit.code]?.count(entry)
                }
            }
        }
        return ComplianceRanking(year: year, scores: ComplianceScore.ranked(Array(scores.values)), announcements: basis)
    }

    /// What is overdue now: expected reports whose deadline passed within the last year
    /// and of which no revision has arrived, most overdue first.
    public func overdue(by actor: StaffMember, now: Date = Date()) throws -> [OverdueReport] {
        try require(actor, .read, "xem báo cáo quá hạn")
        let catalog = try store.catalog()
        let topology = try store.topology()
        let year = VietnamTime.civilDate(at: now).year
        let today = VietnamTime.civilDate(at: now)
        let succession = try store.succession()
        var result: [OverdueReport] = []
        for regime in catalog.regimes where regime.type == .periodic {
            guard let frequency = regime.frequency else { continue }
            let periods = try Period.periods(of: frequency, in: year - 1) + Period.periods(of: frequency, in: year)
            let arrivals = try store.arrivals(regime: regime.code, periods: periods, formerReceivers: formerReceivers(succession))
            let windows = try store.receivingTerms(regime: regime.code, periods: periods)
            for period in periods {
                // A former unit's report for a period before the reform can be sent only until
                // the succession's grace date: after it, there is nothing left to chase.
                if let succession, succession.isBeforeReform(period), today > succession.graceUntil { continue }
                let expected = expected(regime, period, topology, succession)
                guard !expected.isEmpty else { continue }
                let arrived = Set((arrivals[period] ?? []).map(\.unitCode))
                for unit in expected where !arrived.contains(unit.code) {
                    // An announced extension still running: not overdue yet.
                    guard let deadline = regime.deadline(for: period, senderKind: unit.kind, calendar: calendar),
                          now >= (windows[period] ?? .none).onTimeBefore(deadline),
                          today.julianDayNumber - deadline.dueDate.julianDayNumber <= 366 else { continue }
                    result.append(OverdueReport(regime: regime, period: period, unit: unit, deadline: deadline,
                                                daysOverdue: today.julianDayNumber - deadline.dueDate.julianDayNumber))
                }
            }
        }
        return result.sorted {
            ($0.deadline.dueInstant, $0.regime.code, $0.unit.code) < ($1.deadline.dueInstant, $1.regime.code, $1.unit.code)
        }
    }

    /// Who was expected to report a regime-period here: the units of the map in force, or,
    /// for a period before the reform at a unit that succeeded former units, the former
    /// units expected then (completeness and ranking of 2025 stay as they were judged).
    func expected(_ regime: Regime, _ period: Period, _ topology: Topology, _ succession: Succession?) -> [ReportingUnit] {
        if let succession, succession.isBeforeReform(period), !succession.predecessors(of: home).isEmpty {
            return succession.formerReporters(of: regime, toSuccessorOf: home)
        }
        // A retired unit's own node keeps judging its periods before the reform on the old map.
        if let succession, succession.isBeforeReform(period), succession.isRetired(home, in: topology),
           let old = try? succession.formerTopology() {
            return regime.expectedReporters(at: home, in: old)
        }
        return regime.expectedReporters(at: home, in: topology)
    }

    /// The former receivers this node succeeded: their archive copies are the arrivals of
    /// the periods before the reform (what reached them then).
    func formerReceivers(_ succession: Succession?) -> Set<UnitCode> {
        Set(succession?.predecessors(of: home).map(\.former) ?? []).subtracting([home])
    }

    func assess(_ regime: Regime, _ period: Period, expected: [ReportingUnit], arrivals: [ReportArrival], skews: [UnitCode: Int],
                now: Date, terms: ReceivingTerms) -> [UnitCompleteness] {
        Completeness.assess(
            expected: expected,
            deadline: { regime.deadline(for: period, senderKind: $0.kind, calendar: calendar) },
            arrivals: arrivals, skews: skews, now: now, policy: policy, terms: terms)
    }
}
