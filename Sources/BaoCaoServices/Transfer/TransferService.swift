import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation

/// Bundles carried by hand when the link with the parent is down (DESIGN §9; seeds 000
/// art. 7.3, 001 art. 10.2d), as staff ask for them: who may is checked, and every copy
/// of the node's bundles that leaves by hand is in the audit log.
public struct TransferService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// The bundles still waiting to go up to the parent, as one ZIP file to download.
    public struct Archive: Sendable {
        /// The ZIP file: `baocao-<unit>/<bundle id>.bcb` for each bundle, oldest first
        /// (``USBTransfer/exportArchive(folder:)``).
        public let data: Data
        /// How many bundles it holds.
        public let count: Int
    }

    /// Every bundle the parent has not acknowledged yet, zipped to be downloaded and copied
    /// to a USB stick; the export is recorded in the audit log (object `web`: the archive
    /// leaves through the web interface, as the command line's `usb:<folder>` says where
    /// it wrote).
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` unless `actor` may send reports or change the node's
    /// configuration; a bundle file that cannot be read; a storage failure writing the
    /// audit entry (then nothing is handed out).
    public func exportArchive(by actor: Actor, at now: Date) throws -> Archive {
        guard actor.may(.sendReport) || actor.may(.changeConfiguration) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xuất gói tin.", log: "\(actor.login) may not export")
        }
        let (data, count) = try USBTransfer(store: work.store, files: work.runtime.files).exportArchive(folder: "baocao-\(work.home)")
        try AuditLog.append(to: work.store, actor: actor.login, action: .bundlesExported, object: "web", detail: "\(count) gói tin", at: now)
        return Archive(data: data, count: count)
    }
}
