import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

extension ReportService {
    /// Figures for the draft of one regime-period, as a file brings them.
    public struct DraftFigures: Sendable {
        enum Figures {
            case values([ValueKey: ReportValue])
            /// Each checked on its own already, in the file's order.
            case checked(CheckedFigures)
        }

        public let regime: RegimeCode
        public let period: Period
        let figures: Figures

        public init(regime: RegimeCode, period: Period, values: [ValueKey: ReportValue]) {
            self.regime = regime
            self.period = period
            self.figures = .values(values)
        }

        public init(regime: RegimeCode, period: Period, checked: CheckedFigures) {
            self.regime = regime
            self.period = period
            self.figures = .checked(checked)
        }
    }

    /// What filling one draft did: the draft as stored, and what is still wrong with it as
    /// a whole (required figures, rules).
    public struct FilledDraft: Sendable {
        public let report: ReportRecord
        public let remaining: [ValueProblem]
    }

    /// Puts each entry's figures into the draft of its regime-period — the latest revision
    /// if it is a draft, a new revision if there is none yet or the last was returned — all
    /// in one transaction: when any entry cannot take its figures (a report already past its
    /// draft, a section the person does not work in, the database failing), none is stored.
    ///
    /// #### Errors
    /// ``DraftsNotFilled`` naming the entry that could not take its figures, with why:
    /// ``ServiceError`` `.illegalTransition` for a report past its draft, `.forbidden` for a
    /// section the person may not enter, and whatever `create` and `setValues` refuse.
    public func fillDrafts(_ entries: [DraftFigures], by actor: StaffMember, at now: Date) throws -> [FilledDraft] {
        try require(actor, .enterValues, "nhập số liệu")
        let catalog = try work.catalog()
        let reporter = try homeKind()
        // Read before the transaction: what a new draft starts from.
        var plans: [DraftPlan] = []
        for (index, entry) in entries.enumerated() {
            do { plans.append(try draftPlan(regime: entry.regime, period: entry.period)) } catch { throw DraftsNotFilled(entry: index, error: error) }
        }
        return try work.store.writer.write { db in
            try zip(entries, plans).enumerated().map { index, pair in
                let (entry, plan) = pair
                do {
                    let draft = try openDraft(plan, by: actor, at: now, in: db)
                    let remaining: [ValueProblem]
                    switch entry.figures {
                    case .values(let values):
                        remaining = try setValues(report: draft.id!, values.mapValues { Optional($0) }, catalog: catalog, reporter: reporter,
                                                  by: actor, at: now, in: db)
                    case .checked(let figures):
                        remaining = try setValues(report: draft.id!, figures, catalog: catalog, reporter: reporter, by: actor, at: now, in: db)
                    }
                    return FilledDraft(report: try NodeStore.report(id: draft.id!, in: db) ?? draft, remaining: remaining)
                } catch {
                    throw DraftsNotFilled(entry: index, error: error)
                }
            }
        }
    }

    /// The draft a plan's regime-period takes figures in, made if need be.
    private func openDraft(_ plan: DraftPlan, by actor: StaffMember, at now: Date, in db: Database) throws -> ReportRecord {
        let revisions = try NodeStore.revisions(regime: plan.regime.code, period: plan.period, unit: work.home, in: db)
        guard let latest = revisions.last else { return try createDraft(plan, by: actor, at: now, in: db) }
        switch latest.state {
        case .draft: return latest
        case .returned: return try createDraft(plan, by: actor, at: now, in: db)
        default:
            throw ServiceError(.illegalTransition,
                message: "Báo cáo \(plan.regime.code) kỳ \(plan.period.description) lần \(latest.revision) đang ở trạng thái \"\(latest.state.displayName)\", không còn nhận số liệu nhập từ tệp.",
                log: "report \(latest.id ?? 0) is \(latest.state.rawValue)")
        }
    }
}

/// No draft was filled, because the entry at `entry` (0-based) could not take its figures,
/// for the reason `error` gives.
public struct DraftsNotFilled: Error, Sendable {
    public let entry: Int
    public let error: any Error
}
