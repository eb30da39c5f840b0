import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation

/// Carrying bundles by hand when the link is down (DESIGN §9; seeds 000 art. 7.3, 001
/// art. 10.2d): who may, to whom, and the audit entry. The files themselves are
/// ``USBTransfer``'s.
///
/// The command line and the web interface's sync page both come here, so the same
/// people may do it and the log says the same thing whichever way it was done.
public struct TransferService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// Whether `actor` may carry bundles by hand: those who send reports (approver,
    /// aggregator) and the admin; the node itself (the command line) always.
    public static func mayTransfer(_ actor: StaffMember) -> Bool {
        actor.isNode || actor.may(.sendReport) || actor.may(.changeConfiguration)
    }

    /// Writes every bundle still waiting to go up to the parent, or (`child`) down to one
    /// direct child, into `directory` (a USB stick), one `<id>.bcb` each; `progress` hears
    /// after each file. Returns how many were written, and records that in the audit log.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` for someone who may not carry bundles;
    /// ``ErrorCode/invalidInput`` when `child` is not a direct child of this node.
    public func export(to directory: String, for child: UnitCode? = nil, by actor: StaffMember, at now: Date,
                       progress: (Int, Int) -> Void = { _, _ in }) throws -> Int {
        try requireTransfer(actor, "xuất gói tin")
        if let child {
            guard try work.store.topology().unit(code: child)?.parentCode == work.home else {
                throw ServiceError.invalid("Đơn vị \(child) không phải đơn vị cấp dưới trực tiếp của \(work.home).")
            }
        }
        let count = try USBTransfer(store: work.store, files: work.runtime.files)
            .export(to: URL(fileURLWithPath: directory), for: child, progress: progress)
        let target = child.map { "đơn vị \($0)" } ?? "cấp trên"
        try AuditLog.append(to: work.store, actor: actor.login, action: .bundlesExported, object: "usb:\(directory)",
                            detail: "\(count) gói tin cho \(target)", at: now)
        return count
    }

    /// Every bundle still waiting to go up to the parent, as one ZIP file to download and
    /// carry (each `baocao-<unit>/<id>.bcb`); recorded in the audit log.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` for someone who may not carry bundles.
    public func exportArchive(by actor: StaffMember, at now: Date) throws -> TransferArchive {
        try requireTransfer(actor, "xuất gói tin")
        let (data, count) = try USBTransfer(store: work.store, files: work.runtime.files).exportArchive(folder: "baocao-\(work.home)")
        try AuditLog.append(to: work.store, actor: actor.login, action: .bundlesExported, object: "web", detail: "\(count) gói tin", at: now)
        let day = VietnamTime.civilDate(at: now)
        return TransferArchive(data: data, count: count,
                               fileName: String(format: "baocao-%@-%04d%02d%02d.zip", work.home.rawValue, day.year, day.month, day.day))
    }

    /// Verifies and takes in every bundle in `paths` — `.bcb` files, or folders of them —
    /// exactly as bundles that came over HTTPS, each seeing the trust and topology the
    /// ones before it established. `each` hears every file's line as it is done, with its
    /// position and the count. The import is recorded in the audit log once every file is
    /// done; a file that could not be stored stays on the stick, to import again.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` for someone who may not carry bundles;
    /// ``ErrorCode/notFound`` when a path does not exist (then nothing is taken in).
    public func importBundles(from paths: [String], by actor: StaffMember, at now: Date,
                              each: (USBTransfer.ImportLine, Int, Int) -> Void = { _, _, _ in }) throws -> TransferImport {
        try requireTransfer(actor, "nhận gói tin")
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ServiceError(.notFound, message: "Không tìm thấy \(path).", log: "import path missing")
            }
            files += isDirectory.boolValue ? try USBTransfer.candidates(in: URL(fileURLWithPath: path)) : [URL(fileURLWithPath: path)]
        }
        var result = TransferImport(files: files.count)
        for (index, file) in files.enumerated() {
            let line = USBTransfer.importFile(file, into: work.runtime, now: now)
            switch line.outcome {
            case .accepted: result.accepted += 1
            case .rejected: result.rejected += 1
            default: break
            }
            if line.failure != nil { result.notStored += 1 }
            each(line, index + 1, files.count)
        }
        try AuditLog.append(to: work.store, actor: actor.login, action: .bundlesImported, object: "usb:\(paths.joined(separator: ","))",
                            detail: "\(result.files) tệp: \(result.accepted) nhận, \(result.rejected) từ chối", at: now)
        return result
    }

    private func requireTransfer(_ actor: StaffMember, _ what: String) throws {
        guard Self.mayTransfer(actor) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền \(what).", log: "\(actor.login) may not carry bundles")
        }
    }
}
