import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

extension PersonnelService {
    /// Fills this node's own unit with `count` synthetic people (``SyntheticStaff``, from
    /// `seed`): for the demo, training and benchmarks, never beside real records. Each
    /// record is checked like any record entered here; the events come approved (the
    /// generator's history is the unit's past). An admin's act, or the node's.
    ///
    /// #### Errors
    /// ``ServiceError/Code/forbidden`` for anyone but an admin; ``ServiceError/Code/conflict``
    /// when the node already keeps records and `force` is not set (synthetic people are
    /// never mixed with real ones by accident); a record the catalog refuses, naming the field.
    @discardableResult
    public func generateSynthetic(count: Int, seed: UInt64, force: Bool = false, by actor: StaffMember, at now: Date) throws -> [PersonnelID] {
        guard actor.isNode || actor.may(.changeConfiguration) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không phải quản trị: chỉ quản trị tạo hồ sơ mẫu.",
                               log: "\(actor.login) may not generate synthetic staff")
        }
        guard (1...100_000).contains(count) else {
            throw ServiceError.invalid("Số người cần tạo phải từ 1 đến 100.000, không phải \(count).")
        }
        let catalog = try catalog()
        let topology = try store.topology()
        let day = today(now)
        let records = SyntheticStaff.roster(for: home, count: count, seed: seed, catalog: catalog, today: day)
        for record in records { try PersonnelRules.check(record, catalog: catalog, topology: topology, today: day) }
        try store.writer.write { db in
            let kept = try NodeStore.personnelRows(holders: [home], in: db).filter { $0.holding == .kept }
            guard kept.isEmpty || force else {
                throw ServiceError(.illegalTransition, message: "Nút đã có \(kept.count) hồ sơ cán bộ; không thêm hồ sơ mẫu bên cạnh hồ sơ thật (dùng --force nếu đây là nút thử nghiệm).",
                                   log: "synthetic staff refused beside \(kept.count) records")
            }
            for record in records {
                try NodeStore.storePersonnelRecord(record, holder: home, holding: .kept, today: day, at: now, in: db)
            }
            try AuditLog.append(db, actor: actor, action: .personnelGenerate, object: nil,
                                detail: "\(records.count) hồ sơ mẫu (tổng hợp, không phải người thật), hạt giống \(seed)", at: now)
        }
        return records.map(\.id)
    }
}
