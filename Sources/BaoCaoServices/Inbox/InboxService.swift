import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// The receiver's side (DESIGN §5): reports that arrived from reporting units, assigned
/// to named staff, accepted or returned with a reason. Both decisions are signed bundles
/// that reach the sender through the feed. Accepting a report that came after its window
/// closed freezes a new snapshot that counts it.
public struct InboxService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// One received revision and the bundle it came in.
    public struct Entry: Sendable {
        public let report: ReportRecord
        public let bundle: StoredBundle?
    }

    /// Received revisions, newest arrival first; optionally one regime, one period, one state.
    public func list(regime: RegimeCode? = nil, period: Period? = nil, state: ReportState? = nil, by actor: StaffMember) throws -> [Entry] {
        try require(actor, .read, "xem báo cáo đã nhận")
        return try work.store.writer.read { db in
            var request = ReportRecord.all().receivedHere(excludingUnit: work.home)
            if let regime { request = request.filter(ReportRecord.Columns.regimeCode == regime) }
            if let period { request = request.filter(ReportRecord.Columns.period == period) }
            if let state { request = request.filter(ReportRecord.Columns.state == state.rawValue) }
            return try request.order(ReportRecord.Columns.receivedAt.desc, ReportRecord.Columns.id.desc).fetchAll(db).map { report in
                Entry(report: report, bundle: try report.bundleId.flatMap { try NodeStore.bundle(id: $0, in: db) })
            }
        }
    }

    /// The subject of the certificate that signed an entry's bundle, read from the bundle
    /// file (so only when asked: a list of thousands should not open every file).
    public func signerSubject(of entry: Entry) -> String? {
        guard let bundle = entry.bundle else { return nil }
        return (try? work.runtime.files.read(bundle.id))
            .flatMap { try? BundleArchive(reading: $0).contents(of: Manifest.signatureFileName) }
            .flatMap { try? DetachedSignature(der: $0) }?
            .certificates.first { $0.fingerprint == bundle.signer }?.subject
    }

    /// Assigns a received report to a named member of staff.
    public func assign(report id: Int64, to login: String, by actor: StaffMember, at now: Date) throws {
        try require(actor, .assignIncoming, "phân công xử lý báo cáo")
        try work.store.writer.write { db in
            var record = try receivedReport(id, in: db)
            guard try NodeStore.isActiveUser(login: login, in: db) else {
                throw ServiceError(.notFound, message: "Không có tài khoản đang hoạt động \"\(login)\" để phân công.", log: "no user \(login)")
            }
            record.assignedTo = login
            record.updatedAt = now
            try record.update(db)
            try audit(db, actor, "inbox.assign", record, login, now)
        }
    }

    /// Assigns an incoming regime to a named member of staff: its reports that arrive from
    /// now on are assigned to them, and so are those already waiting.
    public func assign(regime: RegimeCode, to login: String, by actor: StaffMember, at now: Date) throws {
        try require(actor, .assignIncoming, "phân công xử lý chế độ báo cáo")
        guard try work.catalog().regime(code: regime) != nil else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo \(regime).", log: "unknown regime \(regime)")
        }
        try work.store.writer.write { db in
            guard try NodeStore.isActiveUser(login: login, in: db) else {
                throw ServiceError(.notFound, message: "Không có tài khoản đang hoạt động \"\(login)\" để phân công.", log: "no user \(login)")
            }
            try NodeStore.assignRegime(regime, to: login, by: actor.login, at: now, in: db)
            try NodeStore.assignReceivedReports(regime: regime, to: login, excludingUnit: work.home, in: db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("inbox.assignRegime"), object: "regime:\(regime)", detail: login, at: now)
        }
    }

    /// Accepts a received report; a signed decision goes down to its sender.
    /// `personalSignature`: the deciding officer's own key, signing beside the unit's.
    public func accept(report id: Int64, by actor: StaffMember, personalSignature: SigningIdentity? = nil, at now: Date) throws {
        try decide(id, .accepted, reason: nil, by: actor, person: personalSignature, at: now)
    }

    /// Returns a received report with what to correct; a signed decision goes down.
    public func giveBack(report id: Int64, reason: String, by actor: StaffMember, personalSignature: SigningIdentity? = nil, at now: Date) throws {
        try decide(id, .returned, reason: try requiredReason(reason), by: actor, person: personalSignature, at: now)
    }

    /// Accepts many received reports at once — the inbox's "accept all" for a regime and
    /// period, or a province taking in its communes' month: the decisions are signed on
    /// every core, their files flushed together, and all of them recorded in one
    /// transaction, so either every report is accepted or none is. Returns how many. With
    /// `personalSignature`, the officer signs every decision with one key opened once (one
    /// PIN for the batch).
    @discardableResult
    public func accept(reports ids: [Int64], by actor: StaffMember, personalSignature: SigningIdentity? = nil, at now: Date) throws -> Int {
        try require(actor, .decideIncoming, "chấp nhận báo cáo")
        guard !ids.isEmpty else { return 0 }
        let catalog = try work.catalog()
        let records = try work.store.writer.read { db in try decidable(ids, .accepted, in: db) }
        let made = try work.makeBundles(records.map {
            var request = try decisionRequest(for: $0, .accepted, reason: nil, by: actor, at: now)
            request.person = personalSignature
            return request
        }, at: now, queue: true)
        try work.store.writer.write { db in
            var frozen: Set<String> = []
            // Checked again under the write lock: someone may have decided meanwhile.
            let current = try decidable(ids, .accepted, in: db)
            for (current, made) in zip(current, made) {
                let decided = try self.record(made, on: current, .accepted, reason: nil, by: actor, at: now, in: db)
                if try needsSnapshot(decided, in: db), frozen.insert("\(decided.regimeCode)/\(decided.period)").inserted {
                    try Snapshots.take(regime: decided.regimeCode, period: decided.period, catalog: catalog, home: work.home,
                                       cause: "chấp nhận báo cáo nộp muộn", by: actor, at: now, in: db)
                }
            }
        }
        return records.count
    }

    /// Accepts every report of a regime and period still waiting for a decision — each
    /// unit's latest revision — as ``accept(reports:by:at:)`` does. Returns how many.
    @discardableResult
    public func acceptAll(regime: RegimeCode, period: Period, by actor: StaffMember, personalSignature: SigningIdentity? = nil,
                          at now: Date) throws -> Int {
        try require(actor, .decideIncoming, "chấp nhận báo cáo")
        let waiting = try work.store.writer.read { db in
            try NodeStore.undecidedLatestRevisions(regime: regime, period: period, excludingUnit: work.home, in: db)
        }
        return try accept(reports: waiting, by: actor, personalSignature: personalSignature, at: now)
    }

    private func decide(_ id: Int64, _ outcome: ReportDecision.Outcome, reason: String?, by actor: StaffMember, person: SigningIdentity?,
                        at now: Date) throws {
        try require(actor, .decideIncoming, outcome == .accepted ? "chấp nhận báo cáo" : "trả lại báo cáo")
        let catalog = try work.catalog()
        try work.store.writer.write { db in
            let record = try decidable(id, outcome, in: db)
            var request = try decisionRequest(for: record, outcome, reason: reason, by: actor, at: now)
            request.person = person
            let made = try work.makeBundle(request, at: now, queue: true)
            let decided = try self.record(made, on: record, outcome, reason: reason, by: actor, at: now, in: db)
            if try needsSnapshot(decided, in: db) {
                try Snapshots.take(regime: decided.regimeCode, period: decided.period, catalog: catalog, home: work.home,
                                   cause: "chấp nhận báo cáo nộp muộn của \(decided.unitCode) lần \(decided.revision)", by: actor, at: now, in: db)
            }
        }
    }

    /// A received report that can still be decided: received, with its signed bundle, and
    /// no newer revision waiting.
    private func decidable(_ id: Int64, _ outcome: ReportDecision.Outcome, in db: Database) throws -> ReportRecord {
        try decidable([id], outcome, in: db)[0]
    }

    /// The same for many reports, in their order, read in one query: the first that cannot
    /// be decided refuses them all.
    private func decidable(_ ids: [Int64], _ outcome: ReportDecision.Outcome, in db: Database) throws -> [ReportRecord] {
        let found = try NodeStore.reportsWithNewestRevision(ids: ids, in: db)
        return try ids.map { id in
            let record = try received(found[id]?.report, id)
            let newest = found[id]?.newestRevision ?? record.revision
            try expect(record, in: [.received], to: outcome == .accepted ? "chấp nhận" : "trả lại")
            guard record.bundleId != nil else {
                throw ServiceError(.notFound, message: "Báo cáo không có gói tin đã ký.", log: "no bundle")
            }
            if newest > record.revision {
                throw ServiceError(.illegalTransition,
                    message: "Đã có lần \(newest) mới hơn của báo cáo này; hãy xem xét lần mới nhất.", log: "newer revision exists")
            }
            return record
        }
    }

    /// The signed decision on a report, going down to its sender.
    private func decisionRequest(for record: ReportRecord, _ outcome: ReportDecision.Outcome, reason: String?, by actor: StaffMember,
                                 at now: Date) throws -> NodeWork.BundleRequest {
        let decision = ReportDecision(regime: record.regimeCode, period: record.period, unit: record.unitCode, revision: record.revision,
                                      reportBundle: record.bundleId!, outcome: outcome, reason: reason, decidedBy: actor.login, decidedAt: now)
        return NodeWork.BundleRequest(kind: .decision, recipient: .unit(record.unitCode),
                                      parts: [BundleWriter.Part(path: ReportDecision.partPath, data: try decision.encoded())],
                                      about: ["regime": record.regimeCode.rawValue, "period": record.period.id, "unit": record.unitCode.rawValue,
                                              "revision": String(record.revision), "decision": outcome.rawValue])
    }

    /// Records a signed decision: the bundle queued down, the report's new state, its
    /// event and the audit line.
    private func record(_ made: NodeWork.MadeBundle, on report: ReportRecord, _ outcome: ReportDecision.Outcome, reason: String?,
                        by actor: StaffMember, at now: Date, in db: Database) throws -> ReportRecord {
        var record = report
        try made.bundle.insert(db)
        for delivery in made.deliveries { try delivery.insert(db) }
        let from = record.state
        record.state = outcome == .accepted ? .accepted : .returned
        record.reason = reason
        record.decidedAt = now
        record.decisionBundleId = made.id
        record.updatedAt = now
        try NodeStore.recordDecision(onReport: record.id!, state: record.state, reason: reason, decisionBundle: made.id, at: now, in: db)
        var event = ReportEvent(reportId: record.id!, at: now, actor: actor.login, fromState: from, toState: record.state, reason: reason)
        try event.insert(db)
        try audit(db, actor, "inbox.\(outcome.rawValue)", record, reason, now)
        return record
    }

    /// Whether accepting this report reopens a closed window's figures: a late report
    /// accepted after the window closed freezes a new snapshot that counts it.
    private func needsSnapshot(_ record: ReportRecord, in db: Database) throws -> Bool {
        guard record.state == .accepted, record.late,
              let window = try ReceivingWindow.fetchOne(db, key: ["regimeCode": record.regimeCode, "period": record.period]) else { return false }
        return window.state == .closed
    }

    private func receivedReport(_ id: Int64, in db: Database) throws -> ReportRecord {
        try received(try NodeStore.report(id: id, in: db), id)
    }

    /// `record` if it is a report this node received from a unit below (not its own, not an
    /// archive copy relayed past it).
    private func received(_ record: ReportRecord?, _ id: Int64) throws -> ReportRecord {
        guard let record, record.unitCode != work.home, record.relayedFor == nil else {
            throw ServiceError(.notFound, message: "Không có báo cáo đã nhận số \(id).", log: "no received report \(id)")
        }
        return record
    }
}
