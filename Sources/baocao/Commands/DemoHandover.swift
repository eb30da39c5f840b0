import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// The reform demo's nodes crossing with `baocao reform apply`'s own service
/// (``ReformService``), once 25's first release is out: each node of the old map takes that
/// release from a USB stick (as a node whose parent is gone would), then applies the
/// succession — 04792 and 04891 continue under 25; 04813 and 04825 hand their signed history
/// to 04792, 04888 to 04891, the districts 148 and 150 and the province 17 their archives to 25 — and the successor takes each handover file in, as `baocao import` does.
struct DemoHandover {
    /// Who hands over to whom, in order (a district after its communes, the province last).
    static let handovers: [(former: UnitCode, successor: UnitCode)] = [
        ("04813", "04792"), ("04825", "04792"), ("04888", "04891"), ("148", "25"), ("150", "25"), ("17", "25"),
    ]

    let old: DemoReformNodes
    let new: DemoReformNodes
    /// Where the handover files are written, one folder per former unit (the sticks).
    let sticks: URL

    /// Applies the succession at every node that has not applied it yet.
    func run(release: Data, at now: Date) throws {
        for code in DemoReform.continuing {
            let node = try new.node(code)
            guard try NodeReformState.load(from: node.work.store) == nil else { continue }
            _ = try ReformService(work: node.work).apply(out: nil, by: node.admin, at: now)
        }
        for (former, successor) in Self.handovers {
            // Opened afresh: the province's closing release was published by its own command
            // (as `baocao release close` would be), after this process opened the node.
            let node = try DemoReformNodes(nodes: old.nodes.filter { $0.unit.code == former }).node(former)
            guard try NodeReformState.load(from: node.work.store) == nil else { continue }
            // The new province's release, from a stick: this node's parent no longer relays it.
            switch try ReleaseService(work: node.work, settings: ReleaseSettings()).importRelease(release, at: now) {
            case .accepted, .duplicate: break
            case let outcome: throw CLIError("Nút \(former) không nhận bản phát hành của tỉnh \(DemoReform.newProvince): \(outcome)")
            }
            let stick = sticks.appendingPathComponent(former.rawValue)
            let applied = try ReformService(work: node.work).apply(out: stick.path, by: node.admin, at: now.addingTimeInterval(600))
            let receiver = try new.node(successor)
            for file in applied.handover {
                let line = USBTransfer.importFile(URL(fileURLWithPath: file.path), into: receiver.work.runtime, now: now.addingTimeInterval(1800))
                guard let outcome = line.outcome, outcome == .accepted || outcome == .duplicate else {
                    throw CLIError("Nút \(successor) không nhận gói bàn giao của \(former): \(line.text)")
                }
            }
        }
    }
}
