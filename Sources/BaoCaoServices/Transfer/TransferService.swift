import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import GRDB

/// Bundles carried by hand (DESIGN §9), when a person asks for them rather than the
/// command line: what may leave is checked against their roles, and the export is audited.
public struct TransferService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// Every bundle the parent has not yet acknowledged, zipped in a folder named after
    /// the unit, for a USB stick; with how many there are. The export is audited in its own
    /// transaction once the archive is made (making it writes nothing).
    ///
    /// Whoever sends reports or configures the node may export: a report goes up by hand
    /// when the link is down, and so does anything else that waits.
    public func exportArchive(by actor: Actor, at now: Date) throws -> (archive: Data, count: Int) {
        guard actor.may(.sendReport) || actor.may(.changeConfiguration) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xuất gói tin.", log: "\(actor.login) may not export")
        }
        let exported = try USBTransfer(store: work.store, files: work.runtime.files).exportArchive(folder: "baocao-\(work.home)")
        try work.store.writer.write { db in
            _ = try AuditLog.append(db, actor: actor, action: .bundlesExported, object: "web", detail: "\(exported.count) gói tin", at: now)
        }
        return exported
    }
}
