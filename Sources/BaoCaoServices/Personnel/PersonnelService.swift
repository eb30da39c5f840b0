import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import GRDB

/// Personnel records (seed 003) at one node, as its staff use them: recruiting, events
/// and their approval by the unit head, reading (masked, audited), roster, search,
/// quota, deadlines, declarations and statistics.
///
/// Who may do what (art. 3.3, 6, 7, 13): entering and changing records needs an `edit`
/// grant, reading a `read` (or `edit`) grant, seeing sensitive fields a `sensitive` grant
/// — each given by an admin on a written approval (``grant(login:scope:documentNumber:documentDate:by:at:)``);
/// approving events is the unit head's (role approver). The node reads the records its own
/// unit keeps and the copies of its subordinate units' (``PersonnelAccess``), nobody else's.
/// A record's content never goes to a log or an error message: record numbers only.
public struct PersonnelService: Sendable {
    public let work: NodeWork
    /// The node's working calendar, for the deadlines of art. 9–10.
    public let calendar: WorkingCalendar
    private let fixedCatalog: PersonnelCatalog?

    /// `catalog` replaces the personnel catalog of the province release in force
    /// (``ReleaseContent/personnel``) — for a node whose release carries none yet.
    public init(work: NodeWork, calendar: WorkingCalendar = WorkingCalendar(), catalog: PersonnelCatalog? = nil) {
        self.work = work
        self.calendar = calendar
        self.fixedCatalog = catalog
    }

    var store: NodeStore { work.store }
    var home: UnitCode { work.home }

    /// The personnel catalog in force: the province release's, beside its catalog.
    ///
    /// #### Errors
    /// ``ServiceError/Code/notFound`` when the release in force carries none.
    public func catalog() throws -> PersonnelCatalog {
        if let fixedCatalog { return fixedCatalog }
        guard let catalog = try work.runtime.provinceRelease()?.content.personnel else {
            throw ServiceError(.notFound, message: "Bản phát hành của tỉnh đang dùng chưa có danh mục hồ sơ cán bộ (personnel); hãy nhận bản phát hành mới.",
                               log: "no personnel catalog in force")
        }
        return catalog
    }

    func access() throws -> PersonnelAccess {
        PersonnelAccess(topology: try store.topology(), authority: try catalog().authority)
    }

    /// The scopes granted to `actor` and not revoked.
    func scopes(of actor: StaffMember, in db: Database) throws -> Set<PersonnelScope> {
        guard actor.userId != 0 else { return [] }
        return Set(try NodeStore.personnelGrants(userId: actor.userId, in: db).map(\.scope))
    }

    /// The scopes of `actor`, for pages that show or hide what it may do.
    public func scopes(of actor: StaffMember) throws -> Set<PersonnelScope> {
        try store.writer.read { try scopes(of: actor, in: $0) }
    }

    /// Refuses unless `actor` holds `scope` (an `edit` grant also reads).
    func requireGrant(_ scope: PersonnelScope, _ actor: StaffMember, _ what: String, in db: Database) throws {
        let held = try scopes(of: actor, in: db)
        let allowed = scope == .read ? !held.isDisjoint(with: [.read, .edit]) : held.contains(scope)
        guard allowed else {
            throw ServiceError(.forbidden,
                               message: "\(actor.displayName) không có quyền \(what): cần được cấp quyền \"\(scope.vietnameseName)\" hồ sơ cán bộ bằng văn bản (số, ngày văn bản đồng ý).",
                               log: "\(actor.login) lacks personnel \(scope.rawValue)")
        }
    }

    /// The holders whose records this node may read: its own unit's, and those of units
    /// it manages or, as the authority, every unit's copies it holds.
    func readableHolders(in db: Database) throws -> [UnitCode] {
        let held = try NodeStore.personnelHolders(in: db)
        // The topology is read in this transaction: reading it through the store here
        // would re-enter the database (GRDB stops the process).
        let access = try? PersonnelAccess(topology: NodeStore.topology(in: db), authority: catalog().authority)
        return Array(Set(held.filter { $0 == home || (access?.mayRead(home, recordsAt: $0) ?? false) } + [home])).sorted()
    }

    /// The row of a record this node may read, or a refusal naming the number only.
    func readableRow(_ id: PersonnelID, in db: Database) throws -> PersonnelRecordRow {
        guard let row = try NodeStore.personnelRow(id: id, in: db), try readableHolders(in: db).contains(row.holderUnit) else {
            throw ServiceError(.notFound, message: "Không có hồ sơ \(id) mà đơn vị này được quản lý hoặc khai thác.", log: "personnel \(id) not readable here")
        }
        return row
    }

    /// A record this node keeps (its own unit's, not a copy), for a change.
    func keptRecord(_ id: PersonnelID, in db: Database) throws -> PersonnelRecord {
        guard let row = try NodeStore.personnelRow(id: id, in: db), row.holding == .kept, row.holderUnit == home else {
            throw ServiceError(.notFound, message: "Hồ sơ \(id) không do đơn vị này quản lý; chỉ đơn vị quản lý hồ sơ mới cập nhật được.",
                               log: "personnel \(id) not kept here")
        }
        return try NodeStore.personnelRecord(id: id, in: db)!
    }

    func today(_ now: Date) -> CivilDate { VietnamTime.civilDate(at: now) }
}
