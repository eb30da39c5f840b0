import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Whole records for a document a person takes away — the printed curriculum vitae, the
/// roster as Excel — as the reader may see them: without the `sensitive` grant the art.
/// 8.1e data are not in them at all (the document masks them too), so nothing built from
/// them can show what the reader may not see.
public struct PersonnelDocumentSource: Sendable {
    public let records: [PersonnelRecord]
    /// Whether the reader holds the `sensitive` grant.
    public let showsSensitive: Bool
    public let catalog: PersonnelCatalog
    public let topology: Topology
}

extension PersonnelService {
    /// The records numbered `ids`, whole, for a document: each number in one audit entry
    /// (`personnel.export`) with `purpose`. Needs a `read` (or `edit`) grant; a record this
    /// node may not read is refused with its number only.
    public func documentRecords(_ ids: [PersonnelID], purpose: String, by actor: StaffMember, at now: Date) throws -> PersonnelDocumentSource {
        let catalog = try catalog()
        let topology = try store.topology()
        return try store.writer.write { db in
            try requireGrant(.read, actor, "kết xuất hồ sơ cán bộ", in: db)
            let sensitive = try scopes(of: actor, in: db).contains(.sensitive)
            let records = try ids.map { id -> PersonnelRecord in
                _ = try readableRow(id, in: db, catalog: catalog)
                return Self.withoutSensitive(try NodeStore.personnelRecord(id: id, in: db)!, unless: sensitive)
            }
            try AuditLog.append(db, actor: actor, action: .personnelExport, object: ids.map(\.rawValue).joined(separator: ","),
                                detail: purpose, at: now)
            return PersonnelDocumentSource(records: records, showsSensitive: sensitive, catalog: catalog, topology: topology)
        }
    }

    /// Every record this node keeps for its own unit, whole, for the roster as a document
    /// on `date`: audited (`personnel.export`) with every number in it and `purpose`.
    public func unitDocumentRecords(on date: CivilDate, purpose: String, by actor: StaffMember, at now: Date) throws -> PersonnelDocumentSource {
        let catalog = try catalog()
        let topology = try store.topology()
        return try store.writer.write { db in
            try requireGrant(.read, actor, "kết xuất danh sách cán bộ", in: db)
            let sensitive = try scopes(of: actor, in: db).contains(.sensitive)
            let rows = try PersonnelRecordRow.filter(PersonnelRecordRow.Columns.holderUnit == home).fetchAll(db)
            let records = try rows.map { Self.withoutSensitive(try NodeStore.decodePersonnel($0), unless: sensitive) }
                .filter { $0.state(on: date)?.unit == home }
            try AuditLog.append(db, actor: actor, action: .personnelExport, object: nil,
                                detail: "\(purpose), ngày \(date.personnelDisplayText): " + records.map(\.id.rawValue).joined(separator: ","), at: now)
            return PersonnelDocumentSource(records: records, showsSensitive: sensitive, catalog: catalog, topology: topology)
        }
    }

    /// The record with its sensitive data (``PersonnelField/isSensitive``) removed unless `shown`.
    static func withoutSensitive(_ record: PersonnelRecord, unless shown: Bool) -> PersonnelRecord {
        guard !shown else { return record }
        var record = record
        let titles = record.personal.titles
        record.personal = PersonalDetails(titles: titles)
        record.events = record.events.map { event in
            guard case .personalDetails(let declared) = event.change else { return event }
            var event = event
            event.change = .personalDetails(PersonalDetails(titles: declared.titles))
            return event
        }
        return record
    }
}
