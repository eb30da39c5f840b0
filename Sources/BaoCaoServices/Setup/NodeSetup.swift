import BaoCaoCore
import BaoCaoStore
import Foundation

extension AuditAction {
    public static let nodeInit = Self("node.init")
}

/// Setting a node up from its configuration (`baocao init`): the first topology and
/// catalog, the first audit entry, and the configuration's text to notice later edits by.
public enum NodeSetup {
    /// Sets the node up for `unit`, once: running it again changes nothing. The audit log's
    /// first entry names what was loaded and from which configuration `file`; `text` (the
    /// file's content) is remembered so an edit before the next run is audited
    /// (``ConfigurationAudit``).
    ///
    /// #### Errors
    /// A ``StoreError`` when the database belongs to another unit.
    public static func initialize(_ store: NodeStore, unit: ReportingUnit, topology: Topology, catalog: Catalog,
                                  configuration text: String, file: String, at now: Date) throws -> NodeStore.InitializationOutcome {
        let outcome = try store.initialize(homeUnit: unit.code, topology: topology, catalog: catalog, at: now)
        guard outcome == .initialized else { return outcome }
        try AuditLog.append(to: store, actor: StaffMember.node.login, action: .nodeInit, object: "unit:\(unit.code)",
                            detail: "\(topology.units.count) đơn vị, \(catalog.indicators.count) chỉ tiêu, cấu hình \(file)", at: now)
        try ConfigurationAudit.note(text, file: file, store: store, at: now)
        return outcome
    }
}
