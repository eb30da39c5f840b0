import BaoCaoCore
import BaoCaoNode
import Foundation

extension ReportService {
    /// Refuses a new draft, submission or approval at a node whose unit merged into another
    /// or whose level ended (``NodeReformState``): it keeps serving what it holds, and names
    /// the successor where the report belongs now.
    func refuseIfRetired() throws {
        guard let reason = try NodeReformState.load(from: work.store)?.retirementReason else { return }
        throw ServiceError(.illegalTransition, message: reason, log: "report refused: the node's unit has retired")
    }
}
