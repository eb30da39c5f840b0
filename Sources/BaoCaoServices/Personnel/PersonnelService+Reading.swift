import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// One line of the roster (danh sách cán bộ) on a date.
public struct PersonnelRosterLine: Sendable, Hashable, Encodable {
    public let id: PersonnelID
    public let fullName: String
    public let unit: UnitCode
    public let section: String?
    public let kind: PersonnelKind
    public let rank: String?
    public let status: PersonnelStatus
}

/// The roster of the units this node may read on a date: those on it, and apart, those
/// who have left (art. 12.3: their records are kept), with each unit's quota and count.
public struct PersonnelRoster: Sendable, Hashable, Encodable {
    public let date: CivilDate
    public let working: [PersonnelRosterLine]
    public let left: [PersonnelRosterLine]
    public let quotas: [PersonnelQuotaCount]
}

/// What a search looks for: a name (with or without diacritics) and the other criteria
/// of art. 5.2b; each `nil` matches everything.
public struct PersonnelQuery: Sendable, Hashable {
    public var name: String
    public var unit: UnitCode?
    public var rank: String?
    /// A position code held (any category).
    public var position: String?
    public var status: PersonnelStatus?
    public var limit: Int

    public init(name: String = "", unit: UnitCode? = nil, rank: String? = nil, position: String? = nil, status: PersonnelStatus? = nil,
                limit: Int = 200) {
        self.name = name
        self.unit = unit
        self.rank = rank
        self.position = position
        self.status = status
        self.limit = limit
    }
}

extension PersonnelService {
    /// One record on `date` (today by default) as `actor` may see it: the sensitive fields
    /// masked without the `sensitive` grant. Audited with the record number.
    public func read(_ id: PersonnelID, on date: CivilDate? = nil, by actor: StaffMember, at now: Date) throws -> PersonnelRecordView {
        let catalog = try? catalog()
        return try store.writer.write { db in
            try requireGrant(.read, actor, "xem hồ sơ cán bộ", in: db)
            let row = try readableRow(id, in: db)
            let record = try NodeStore.personnelRecord(id: id, in: db)!
            let sensitive = try scopes(of: actor, in: db).contains(.sensitive)
            let day = date ?? today(now)
            try AuditLog.append(db, actor: actor, action: .personnelRead, object: id.rawValue,
                                detail: "ngày \(day.personnelDisplayText)" + (sensitive ? "; có thông tin nhạy cảm" : ""), at: now)
            return PersonnelRecordView(record: record, row: row, on: day, catalog: catalog, showSensitive: sensitive)
        }
    }

    /// Several records in full for an export (print, Excel): each number in the audit
    /// entry.
    public func export(_ ids: [PersonnelID], on date: CivilDate? = nil, purpose: String, by actor: StaffMember, at now: Date) throws -> [PersonnelRecordView] {
        let catalog = try? catalog()
        return try store.writer.write { db in
            try requireGrant(.read, actor, "kết xuất hồ sơ cán bộ", in: db)
            let sensitive = try scopes(of: actor, in: db).contains(.sensitive)
            let day = date ?? today(now)
            let views = try ids.map { id in
                PersonnelRecordView(record: try NodeStore.personnelRecord(id: id, in: db)!, row: try readableRow(id, in: db), on: day,
                                    catalog: catalog, showSensitive: sensitive)
            }
            try AuditLog.append(db, actor: actor, action: .personnelExport, object: ids.map(\.rawValue).joined(separator: ","),
                                detail: purpose.nfc, at: now)
            return views
        }
    }

    /// The roster on `date`: who is on it (working or moved within the unit), by unit,
    /// section and name, and apart those who left. Audited with every number listed.
    public func roster(on date: CivilDate? = nil, by actor: StaffMember, at now: Date) throws -> PersonnelRoster {
        try store.writer.write { db in
            try requireGrant(.read, actor, "xem danh sách cán bộ", in: db)
            let day = date ?? today(now)
            let holders = try readableHolders(in: db)
            let names = Dictionary(try NodeStore.personnelRows(holders: holders, in: db).map { ($0.id, $0.fullName) }, uniquingKeysWith: { a, _ in a })
            let spans = try NodeStore.personnelSpans(on: day, holders: holders, in: db)
            let lines = spans.map { span in
                PersonnelRosterLine(id: span.recordId, fullName: names[span.recordId] ?? "", unit: span.unit, section: span.section, kind: span.kind,
                                    rank: span.rank, status: span.status)
            }.sorted { ($0.unit.rawValue, $0.section ?? "", VietnameseText.searchKey($0.fullName), $0.id) < ($1.unit.rawValue, $1.section ?? "", VietnameseText.searchKey($1.fullName), $1.id) }
            let working = lines.filter(\.status.isOnRoster)
            let quotas = try quotaCounts(units: Array(Set(working.map(\.unit) + [home])).sorted(), working: working, in: db)
            try AuditLog.append(db, actor: actor, action: .personnelRoster, object: nil,
                                detail: "ngày \(day.personnelDisplayText): " + lines.map(\.id.rawValue).joined(separator: ","), at: now)
            return PersonnelRoster(date: day, working: working, left: lines.filter { !$0.status.isOnRoster }, quotas: quotas)
        }
    }

    /// Records whose name contains `query.name` whatever the diacritics, matching the
    /// other criteria, by name. Audited with the numbers found (not the name searched).
    public func search(_ query: PersonnelQuery, by actor: StaffMember, at now: Date) throws -> [PersonnelRosterLine] {
        try store.writer.write { db in
            try requireGrant(.read, actor, "tìm kiếm hồ sơ cán bộ", in: db)
            let holders = try readableHolders(in: db)
            let key = VietnameseText.searchKey(query.name.nfc.trimmingCharacters(in: .whitespacesAndNewlines))
            let needsState = query.unit != nil || query.position != nil
            let rows = try NodeStore.personnelRows(matching: key, holders: holders, limit: needsState ? Int.max : query.limit, in: db)
            var found: [PersonnelRosterLine] = []
            for row in rows where found.count < query.limit {
                guard query.rank == nil || row.rank == query.rank, query.status == nil || row.status == query.status?.rawValue else { continue }
                var unit = row.holderUnit
                if needsState {
                    let record = try NodeStore.decodePersonnel(row)
                    guard let state = record.state(on: today(now)) ?? record.state(on: today(now), includingPending: true) else { continue }
                    unit = state.unit
                    if let wanted = query.unit, state.unit != wanted { continue }
                    if let position = query.position, !state.positions.contains(where: { $0.position == position }) { continue }
                }
                found.append(PersonnelRosterLine(id: row.id, fullName: row.fullName, unit: unit, section: row.section,
                                                 kind: PersonnelKind(rawValue: row.kind) ?? .civilServant, rank: row.rank,
                                                 status: PersonnelStatus(rawValue: row.status) ?? .working))
            }
            try AuditLog.append(db, actor: actor, action: .personnelSearch, object: nil,
                                detail: "\(found.count) kết quả: " + found.map(\.id.rawValue).joined(separator: ","), at: now)
            return found
        }
    }

    /// The names of the records the audit entries name, for someone who may read them;
    /// empty for anyone else (the audit view then shows numbers only).
    public func namesForAudit(_ ids: [PersonnelID], by actor: StaffMember) throws -> [PersonnelID: String] {
        try store.writer.read { db in
            guard try !scopes(of: actor, in: db).isDisjoint(with: [.read, .edit]) else { return [:] }
            let holders = Set(try readableHolders(in: db))
            var names: [PersonnelID: String] = [:]
            for id in Set(ids) {
                if let row = try NodeStore.personnelRow(id: id, in: db), holders.contains(row.holderUnit) { names[id] = row.fullName }
            }
            return names
        }
    }
}
