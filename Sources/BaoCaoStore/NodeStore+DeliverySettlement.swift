import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// What a neighbour's answer does to one pending delivery.
    public enum Settlement: Sendable, Equatable {
        /// The neighbour has the bundle: the delivery is done.
        case acknowledged
        /// The neighbour refused it for good: it is not offered again.
        case refused(reason: String)
        /// ``postpone(bundleId:destination:answer:retryAt:unsettled:at:)``.
        case postponed(answer: String, retryAt: Date, unsettled: Bool)
    }

    /// Books a neighbour's answers to many deliveries in one transaction: a batch of
    /// hundreds answered at once is one commit and one flush, not one per bundle. A
    /// delivery no longer pending is left as it is.
    public func settle(_ answers: [(bundleId: String, settlement: Settlement)], destination: UnitCode, at instant: Date) throws {
        guard !answers.isEmpty else { return }
        let at = DatabaseDateText.text(instant)
        try writer.write { db in
            for (bundleId, settlement) in answers {
                switch settlement {
                case .acknowledged:
                    try db.cachedStatement(sql: """
                        UPDATE delivery SET state = 'acknowledged', acknowledgedAt = ?, retryAt = NULL, unsettledSince = NULL
                        WHERE bundleId = ? AND destination = ? AND state = 'pending'
                        """).execute(arguments: [at, bundleId, destination])
                case .refused(let reason):
                    try db.cachedStatement(sql: """
                        UPDATE delivery SET state = 'refused', acknowledgedAt = ?, refusal = ?, retryAt = NULL, unsettledSince = NULL
                        WHERE bundleId = ? AND destination = ? AND state = 'pending'
                        """).execute(arguments: [at, reason, bundleId, destination])
                case .postponed(let answer, let retryAt, let unsettled):
                    try db.cachedStatement(sql: """
                        UPDATE delivery SET attempts = attempts + 1, retryAt = ?, lastAnswer = ?,
                            unsettledSince = CASE WHEN ? THEN COALESCE(unsettledSince, ?) ELSE NULL END
                        WHERE bundleId = ? AND destination = ? AND state = 'pending'
                        """).execute(arguments: [DatabaseDateText.text(retryAt), answer, unsettled, at, bundleId, destination])
                }
            }
        }
    }
}
