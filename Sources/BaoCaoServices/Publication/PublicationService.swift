import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// The publish step behind the province's public page (seed 000 art. 12.3: Sở TT&TT reviews
/// and publishes monthly). A person with the publisher role (công bố) freezes a period's
/// consolidated figures into a snapshot, reviews them with the completeness behind them,
/// and publishes them; only published periods are public, each with its date; a
/// correction is a new numbered publication saying what changed. Every step is audited.
public struct PublicationService: Sendable {
    public let work: NodeWork
    public let calendar: WorkingCalendar

    public init(work: NodeWork, calendar: WorkingCalendar = WorkingCalendar()) {
        self.work = work
        self.calendar = calendar
    }

    /// What the publisher reviews before publishing: the latest snapshot, whether it may be
    /// published (and why not), the completeness behind it, and what would change from
    /// the publication in force.
    public struct Review: Sendable {
        public let regime: Regime
        public let period: Period
        /// The latest snapshot, nil when none was taken.
        public let snapshot: WindowService.Snapshot?
        /// Why the snapshot may not be published, in Vietnamese; nil when it may.
        public let refusal: String?
        public let completeness: PublishedCompleteness?
        /// The publication in force, if any.
        public let current: Publication?
        /// What publishing the snapshot would change from ``current``.
        public let changes: [PublishedChange]
    }

    /// Refuses, in Vietnamese, anyone who may not publish here (the publisher role, at the province).
    public func requirePublisher(_ actor: StaffMember) throws {
        try require(actor, .publishFigures, "công bố số liệu")
        try requireProvince()
    }

    /// Freezes a snapshot of the regime-period's figures to publish from; returns its number.
    @discardableResult
    public func freeze(regime: RegimeCode, period: Period, by actor: StaffMember, at now: Date) throws -> Int {
        try require(actor, .publishFigures, "chốt số liệu để công bố")
        try requireProvince()
        let catalog = try work.catalog()
        return try work.store.writer.write { db in
            try Snapshots.take(regime: regime, period: period, catalog: catalog, home: work.home, cause: "chốt để công bố",
                               by: actor, at: now, in: db)
        }
    }

    /// The review of a regime-period's latest snapshot.
    public func review(regime regimeCode: RegimeCode, period: Period, by actor: StaffMember, at now: Date) throws -> Review {
        try require(actor, .publishFigures, "xem xét số liệu để công bố")
        try requireProvince()
        let regime = try knownRegime(regimeCode)
        let snapshot = try WindowService(work: work).snapshots(regime: regimeCode, period: period, by: actor).last
        let current = try publications(regime: regimeCode, period: period).last
        guard let snapshot else {
            return Review(regime: regime, period: period, snapshot: nil,
                          refusal: "Chưa có số liệu chốt của \(regimeCode) kỳ \(period): hãy đóng tiếp nhận hoặc chốt số liệu để công bố.",
                          completeness: nil, current: current, changes: [])
        }
        let refusal = try work.store.writer.read { db in
            try Self.refusal(snapshot: snapshot.number, regime: regimeCode, period: period, home: work.home, current: current, in: db)
        }
        return Review(regime: regime, period: period, snapshot: snapshot, refusal: refusal,
                      completeness: try completeness(regime: regimeCode, period: period, snapshot: snapshot, by: actor, at: now),
                      current: current, changes: PublishedChange.between(current?.values ?? [:], snapshot.values))
    }

    /// Publishes snapshot `snapshotNumber` — which must be the latest, the one reviewed —
    /// as the next publication of the regime-period. A correction needs its reason.
    @discardableResult
    public func publish(regime regimeCode: RegimeCode, period: Period, snapshot snapshotNumber: Int, reason: String?, by actor: StaffMember,
                        at now: Date) throws -> Publication {
        let review = try review(regime: regimeCode, period: period, by: actor, at: now)
        guard let snapshot = review.snapshot, let completeness = review.completeness else {
            throw ServiceError(.illegalTransition, message: review.refusal ?? "Chưa có số liệu chốt.", log: "publish: no snapshot")
        }
        guard snapshot.number == snapshotNumber else {
            throw ServiceError(.illegalTransition,
                               message: "Số liệu chốt số \(snapshotNumber) không phải lần chốt mới nhất (số \(snapshot.number)) của \(regimeCode) kỳ \(period): hãy xem lại số liệu mới nhất trước khi công bố.",
                               log: "publish: snapshot \(snapshotNumber) is not the latest \(snapshot.number)")
        }
        if let refusal = review.refusal {
            throw ServiceError(.illegalTransition, message: refusal, log: "publish refused: snapshot \(snapshot.number)")
        }
        var why: String? = nil
        if review.current != nil {
            why = try requiredReason(reason ?? "")
        }
        let record = PublicationRecord(
            regimeCode: regimeCode, period: period, number: 0, snapshotNumber: snapshot.number, publishedAt: now, publishedBy: actor.login,
            expectedUnits: completeness.expected, reportedUnits: completeness.reported, onTimeUnits: completeness.onTime,
            lateUnits: completeness.late, reason: why)
        let number = try work.store.writer.write { db in
            // Checked again inside the transaction: nothing published or frozen meanwhile.
            guard try NodeStore.snapshots(regime: regimeCode, period: period, in: db).last?.number == snapshot.number,
                  try NodeStore.publications(regime: regimeCode, period: period, in: db).last?.number == review.current?.number else {
                throw ServiceError(.illegalTransition, message: "Số liệu của \(regimeCode) kỳ \(period) vừa được chốt hoặc công bố lại: hãy xem lại trước khi công bố.",
                                   log: "publish: changed meanwhile")
            }
            let number = try NodeStore.recordPublication(record, in: db)
            let changed = review.changes.map(\.vietnameseText).joined(separator: "; ")
            try AuditLog.append(db, actor: actor.login, action: AuditAction("publication.publish"), object: "publication:\(regimeCode)/\(period)/\(number)",
                                detail: "số liệu chốt số \(snapshot.number); \(completeness.vietnameseText)"
                                    + (why.map { "; lý do đính chính: \($0); thay đổi: \(changed.isEmpty ? "không" : changed)" } ?? ""),
                                at: now)
            return number
        }
        guard let published = try publications(regime: regimeCode, period: period).first(where: { $0.number == number }) else {
            throw ServiceError(.notFound, message: "Không đọc lại được lần công bố vừa ghi.", log: "publish: not read back")
        }
        return published
    }

    /// Every publication of a regime-period, oldest first, each with what it changed. Public:
    /// what is published may be read by anyone.
    public func publications(regime: RegimeCode, period: Period) throws -> [Publication] {
        try work.store.writer.read { db in
            var previous: [ValueKey: ExactDecimal] = [:]
            return try NodeStore.publications(regime: regime, period: period, in: db).map { record in
                let values = try NodeStore.publicationValues(regime: regime, period: period, number: record.number, in: db)
                defer { previous = values }
                return Self.publication(record, values: values, changes: record.number == 1 ? [] : PublishedChange.between(previous, values))
            }
        }
    }

    /// The publication in force of every published period of a regime, oldest period first. Public.
    public func published(regime: RegimeCode) throws -> [Publication] {
        let periods = try work.store.writer.read { db in try NodeStore.latestPublications(regime: regime, in: db).map(\.period) }
        return try periods.sorted().compactMap { try publications(regime: regime, period: $0).last }
    }

    // MARK: - What it rests on

    /// Why a snapshot may not be published: it counted a revision of the node's own report
    /// that is not approved (a draft is never public), or it is already the publication in force.
    static func refusal(snapshot number: Int, regime: RegimeCode, period: Period, home: UnitCode, current: Publication?,
                        in db: Database) throws -> String? {
        let unapproved: Set<ReportState> = [.draft, .submitted, .returned]
        if let own = try NodeStore.snapshotReportRecords(regime: regime, period: period, number: number, in: db)
            .first(where: { $0.unitCode == home && unapproved.contains($0.state) }) {
            return "Số liệu chốt số \(number) có tính báo cáo của chính đơn vị lần \(own.revision) đang ở trạng thái \"\(own.state.displayName)\": "
                + "số liệu chưa duyệt không được công bố. Hãy duyệt báo cáo rồi chốt lại số liệu."
        }
        if let current, current.snapshotNumber == number {
            return "Số liệu chốt số \(number) đã được công bố (lần \(current.number)); chỉ công bố lại khi có số liệu chốt mới."
        }
        return nil
    }

    /// The completeness behind a snapshot: who was expected, whose accepted report it
    /// counted, and of those who reported on time or late (judged now).
    private func completeness(regime: RegimeCode, period: Period, snapshot: WindowService.Snapshot, by actor: StaffMember,
                              at now: Date) throws -> PublishedCompleteness {
        let table = try CompletenessService(store: work.store, home: work.home, calendar: calendar)
            .completeness(regime: regime, period: period, by: actor, now: now)
        let counted = Set(snapshot.reports.map(\.unit)).subtracting([work.home])
        let reported = table.units.filter { counted.contains($0.unit.code) }
        return PublishedCompleteness(expected: table.units.count, reported: reported.count,
                                     onTime: reported.filter { $0.timeliness == .onTime }.count,
                                     late: reported.filter { $0.timeliness == .late }.count)
    }

    private static func publication(_ record: PublicationRecord, values: [ValueKey: ExactDecimal], changes: [PublishedChange]) -> Publication {
        Publication(regime: record.regimeCode, period: record.period, number: record.number, snapshotNumber: record.snapshotNumber,
                    publishedAt: record.publishedAt, publishedBy: record.publishedBy,
                    completeness: PublishedCompleteness(expected: record.expectedUnits, reported: record.reportedUnits,
                                                        onTime: record.onTimeUnits, late: record.lateUnits),
                    reason: record.reason, values: values, changes: changes)
    }

    private func knownRegime(_ code: RegimeCode) throws -> Regime {
        guard let regime = try work.catalog().regime(code: code) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo mã \(code).", log: "publication: unknown regime \(code)")
        }
        return regime
    }

    /// Only the province publishes on the public page.
    private func requireProvince() throws {
        guard try work.runtime.topology().unit(code: work.home)?.parentCode == nil else {
            throw ServiceError(.forbidden, message: "Chỉ cấp tỉnh công bố số liệu trên trang công khai; đơn vị \(work.home) không công bố.",
                               log: "publication at a non-province node \(work.home)")
        }
    }
}
