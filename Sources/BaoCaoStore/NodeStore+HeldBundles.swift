import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// The bundles of these kinds this node holds, in the order they reached it: what a
    /// node hands over to its successor across a reform (``HistoryHandover``).
    public func heldBundles(kinds: Set<BundleKind>) throws -> [StoredBundle] {
        try writer.read { db in
            try StoredBundle.filter(kinds.map(\.rawValue).contains(Column("kind")))
                .order(Column("receivedAt"), Column("id"))
                .fetchAll(db)
        }
    }
}
