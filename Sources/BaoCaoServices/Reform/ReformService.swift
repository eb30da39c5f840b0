import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import GRDB

extension AuditAction {
    public static let reformApply = Self("reform.apply")
}

/// A node crossing a reform (DESIGN §13; `baocao reform apply`): the succession it took
/// from the province release in force, applied as the plan says for this node
/// (``ReformPlan/step(of:)``):
///
/// - continue as a unit of the new map: its new code (the node's home unit), name and
///   parent — the unit table already holds the new map; its history stays, nothing
///   signed is altered;
/// - merge into its successor, or retire handing its archive over: every signed original
///   it holds goes to the successor's node in ``HistoryHandover`` bundles written for USB,
///   and the node then refuses new reports, naming its successor, while serving reads. The
///   people still on its roster go with it: their records, sealed, in the first batch
///   (``ReformPersonnelMove``), kept here marked transferred.
///
/// Refused, with nothing changed: a node that has received no succession, one the
/// succession does not name, one that already applied it.
public struct ReformService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// Applies the succession in force at this node; handover files go to `directory`.
    public func apply(out directory: String?, by actor: StaffMember, at now: Date) throws -> ReformApplication {
        try require(actor, .changeConfiguration, "áp dụng phương án sắp xếp đơn vị hành chính")
        let store = work.store, home = work.home
        guard let succession = try store.succession() else {
            throw ServiceError(.notFound,
                message: "Nút \(home) chưa nhận phương án sắp xếp đơn vị hành chính nào: chỉ áp dụng được phương án có trong bản phát hành của tỉnh mà nút đã nhận (đồng bộ với cấp trên hoặc nhập bản phát hành qua USB trước). Không thay đổi gì.",
                log: "reform apply without a succession")
        }
        if let done = try NodeReformState.load(from: store), done.effective == succession.effective {
            throw ServiceError(.illegalTransition,
                message: "Nút \(home) đã áp dụng phương án sắp xếp có hiệu lực từ ngày \(succession.effective.vietnameseText) lúc \(VietnamTime.displayText(done.appliedAt)) (\(Self.words(done))). Không áp dụng lại; không thay đổi gì.",
                log: "reform already applied at \(done.appliedAt)")
        }
        guard let former = succession.formerUnit(code: home) else {
            throw ServiceError(.notFound,
                message: "Đơn vị \(home) không có tên trong phương án sắp xếp có hiệu lực từ ngày \(succession.effective.vietnameseText) (\(succession.basis)): nút này không có gì để áp dụng. Không thay đổi gì.",
                log: "reform apply at \(home), not named by the succession")
        }
        let topology = try store.topology()
        guard let step = try ReformPlan(succession: succession, newTopology: topology, nodes: [home]).step(of: home) else {
            throw ServiceError(.notFound, message: "Phương án không có bước nào cho đơn vị \(home). Không thay đổi gì.", log: "no step for \(home)")
        }
        switch step.action {
        case .continueAs(let unit):
            return try continueAs(unit, former: former, succession: succession, by: actor, at: now)
        case .mergeInto(let successor), .retire(let successor):
            return try handOver(to: successor, action: step.action, former: former, succession: succession, directory: directory, by: actor, at: now)
        }
    }

    private func continueAs(_ unit: ReportingUnit, former: ReportingUnit, succession: Succession, by actor: StaffMember, at now: Date) throws -> ReformApplication {
        let state = NodeReformState(effective: succession.effective, crossing: .continued, former: former.code, successor: unit.code,
                                    successorName: unit.name, appliedAt: now)
        let release = try work.runtime.ingestor().trust.provinceRelease?.content
        try work.store.writer.write { db in
            if unit.code != former.code { try NodeStore.set(.homeUnit, to: unit.code.rawValue, in: db) }
            try state.record(in: db)
            try AuditLog.append(db, actor: actor, action: .reformApply, object: "unit:\(former.code)",
                                detail: "tiếp tục là \(unit.code) (\(unit.name)), cấp trên \(unit.parentCode?.rawValue ?? "không có"); phương án từ \(succession.effective)",
                                at: now)
        }
        var todo: [String] = []
        if unit.code != former.code {
            todo.append("Xin tỉnh cấp chứng thư ký số cho mã mới \(unit.code) và khai báo nó ở mục signing của tệp cấu hình; chứng thư cũ của \(former.code) bị thu hồi từ ngày \(succession.effective.vietnameseText).")
        }
        if let parent = unit.parentCode, parent != former.parentCode {
            if let url = release?.endpoint(of: parent) {
                todo.append("Đặt network.parentURL của tệp cấu hình là \(url) (nút của đơn vị cấp trên mới \(parent), theo bản phát hành của tỉnh).")
            } else {
                todo.append("Hỏi tỉnh địa chỉ nút của đơn vị cấp trên mới \(parent) và đặt nó vào network.parentURL của tệp cấu hình.")
            }
        }
        return ReformApplication(former: former, action: .continueAs(unit), succession: succession, handover: [], personnelRecords: 0, stillToDo: todo)
    }

    private func handOver(to successor: ReportingUnit, action: ReformPlan.Action, former: ReportingUnit, succession: Succession,
                          directory: String?, by actor: StaffMember, at now: Date) throws -> ReformApplication {
        guard let directory else {
            throw ServiceError(.invalidInput,
                message: "Đơn vị \(former.code) bàn giao dữ liệu lịch sử cho \(successor.code) (\(successor.name)): hãy chỉ thư mục ghi các gói bàn giao (--out, ví dụ trên thẻ nhớ USB). Không thay đổi gì.",
                log: "handover without an output directory")
        }
        guard let identity = work.identity else {
            throw ServiceError(.invalidInput, message: "Nút chưa khai báo khóa ký số của đơn vị (mục signing): không ký được gói bàn giao. Không thay đổi gì.",
                               log: "handover without a signing identity")
        }
        let staff = try leavingStaff(to: successor, former: former, succession: succession, topology: try work.store.topology(), by: actor, at: now)
        let batches = try HistoryHandoverWriter(runtime: work.runtime, identity: identity)
            .batches(to: successor.code, under: succession, personnel: staff?.sealed, at: now)
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [ReformApplication.HandoverFile] = []
        for batch in batches {
            let url = folder.appendingPathComponent("\(batch.id).bcb")
            try DurableFile.write(batch.data, to: url)
            files.append(.init(path: url.path, bundleId: batch.id, originals: batch.originals))
        }
        let crossing: NodeReformState.Crossing = action.continues ? .continued : (action == .retire(handsArchiveTo: successor) ? .retired : .merged)
        let state = NodeReformState(effective: succession.effective, crossing: crossing, former: former.code, successor: successor.code,
                                    successorName: successor.name, appliedAt: now)
        let originals = files.map(\.originals).reduce(0, +)
        let staffWords = staff.map { "; \($0.records.count) hồ sơ cán bộ (\($0.records.map(\.id.rawValue).joined(separator: ","))) niêm phong cho \($0.readers.map(\.rawValue).joined(separator: ",")) trong gói đầu" } ?? ""
        try work.store.writer.write { db in
            try state.record(in: db)
            if let staff, let first = files.first { try staff.record(sentIn: first.bundleId, today: VietnamTime.civilDate(at: now), at: now, in: db) }
            try AuditLog.append(db, actor: actor, action: .reformApply, object: "unit:\(former.code)",
                                detail: "\(Self.words(state)); \(originals) bản gốc trong \(files.count) gói bàn giao (\(files.map { String($0.bundleId.prefix(12)) }.joined(separator: ", "))) ghi vào \(directory)\(staffWords)",
                                at: now)
        }
        let todo = [
            "Mang thư mục \(directory) tới nút của \(successor.code) (\(successor.name)) và nhận bằng: baocao import --config <tệp cấu hình của nút đó> \(directory)",
            "Nút này từ nay chỉ để tra cứu: không lập hay gửi báo cáo mới; chứng thư của \(former.code) bị thu hồi từ ngày \(succession.effective.vietnameseText).",
        ]
        return ReformApplication(former: former, action: action, succession: succession, handover: files, personnelRecords: staff?.records.count ?? 0,
                                 stillToDo: todo)
    }

    static func words(_ state: NodeReformState) -> String {
        switch state.crossing {
        case .continued: "tiếp tục là \(state.successor) (\(state.successorName))"
        case .merged: "nhập vào \(state.successor) (\(state.successorName))"
        case .retired: "kết thúc, bàn giao lưu trữ cho \(state.successor) (\(state.successorName))"
        }
    }
}
