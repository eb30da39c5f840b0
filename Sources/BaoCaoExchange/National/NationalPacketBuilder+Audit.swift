import BaoCaoCore
import BaoCaoServices
import Foundation

extension NationalPacketBuilder {
    /// Records in the audit log that the builder's person took these packets out of the node
    /// (seed 000 art. 4), naming the regime-period, the kinds and where they went.
    public func recordExport(_ documents: [NationalPacketDocument], regime: RegimeCode?, period: Period?, to place: String) throws {
        guard !documents.isEmpty else { return }
        let scope: FigureExport.Scope = period == nil ? .catalog : .consolidated
        try FigureExport(format: .national, regime: regime, period: period, scope: scope,
                         to: place + ": " + documents.map(\.kind.rawValue).joined(separator: ", "))
            .record(by: actor, in: store, at: now)
    }
}
