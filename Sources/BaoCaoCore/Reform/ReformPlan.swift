/// What a succession means for the nodes that run (``baocao reform plan``): for each node,
/// continue as a unit of the new map, merge into one, or retire handing its archive over;
/// which units of the new map need a node enrolled; whose certificates are revoked; and
/// what cannot be compared across the break.
public struct ReformPlan: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// The node goes on as this unit of the new map (same code, new name or parent;
        /// or a department's new code in the merged province). Its history stays with it.
        case continueAs(ReportingUnit)
        /// The node hands its history (signed reports, decisions, audit head) and its staff
        /// records to the successor's node, then retires.
        case mergeInto(ReportingUnit)
        /// A level that ended: the node hands its archive to this unit's node and retires.
        case retire(handsArchiveTo: ReportingUnit)

        /// The unit of the new map the node's history goes to (or stays at).
        public var successor: ReportingUnit {
            switch self {
            case .continueAs(let unit), .mergeInto(let unit), .retire(let unit): unit
            }
        }

        public var continues: Bool {
            if case .continueAs = self { return true }
            return false
        }
    }

    public struct Step: Sendable, Hashable {
        /// The node's unit, as it was on the old map.
        public let node: ReportingUnit
        public let action: Action
        /// The former units whose history this node receives (from their nodes, or held
        /// already for codes it continues).
        public let receivesHistoryOf: [UnitCode]
        /// The divided former units a part of which went into this node's successor (the
        /// unit it continues as, or merges or hands its archive into): that unit's
        /// comparisons for periods before the reform are not all exact.
        public let notComparable: [UnitCode]
    }

    public let succession: Succession
    public let steps: [Step]
    /// Units of the new map that receive a node's history but that no node continues as:
    /// their node must be enrolled (certificates issued, node set up) before the handover.
    public let enrol: [ReportingUnit]
    /// Nodes' former units whose code is gone (or given to a unit they had no part in):
    /// their certificates are revoked as of the reform date (late reports for periods before it are still taken until the grace date).
    public let revoke: [UnitCode]

    /// The plan for the nodes of `nodes` (former unit codes), crossing to `newTopology`.
    ///
    /// A node whose code the new map keeps continues; a department whose code is gone
    /// continues as its successor department (a province's Sở under the merged province's
    /// code) unless a node already does; every other node whose code is gone merges into
    /// its successor or, for an ended level, retires handing its archive over.
    public init(succession: Succession, newTopology: Topology, nodes: [UnitCode]) throws {
        self.succession = try succession.validated(against: newTopology)
        // A code the new map keeps continues only if the unit went (wholly or in part) into
        // the unit of that code: the official table has a commune whose code the new map
        // gave to another unit it had no part in (its node then merges like the others).
        func keepsCode(_ code: UnitCode) -> Bool {
            newTopology.unit(code: code) != nil
                && (succession.formerUnit(code: code) == nil || succession.links(from: code).contains { $0.successor == code })
        }
        var continued: Set<UnitCode> = Set(nodes.filter(keepsCode))
        var steps: [Step] = []
        var receivers: [UnitCode: [UnitCode]] = [:]
        for code in nodes {
            let former = succession.formerUnit(code: code) ?? newTopology.unit(code: code)
            guard let former else {
                throw CoreError.succession("nút \(code) không có trong danh sách đơn vị trước sắp xếp lẫn danh sách mới")
            }
            let action: Action
            if keepsCode(code), let same = newTopology.unit(code: code) {
                action = .continueAs(same)
            } else {
                guard let target = succession.successor(of: code), let successor = newTopology.unit(code: target) else {
                    throw CoreError.succession("đơn vị \(code) (\(former.name)) không có đơn vị kế thừa")
                }
                let share = succession.links(from: code).first?.share
                if former.kind == .department, !continued.contains(target) {
                    continued.insert(target)
                    action = .continueAs(successor)
                } else if share == .archive {
                    action = .retire(handsArchiveTo: successor)
                } else {
                    action = .mergeInto(successor)
                }
            }
            receivers[action.successor.code, default: []].append(code)
            steps.append(Step(node: former, action: action, receivesHistoryOf: [], notComparable: []))
        }
        self.steps = steps.map { step in
            let successor = step.action.successor.code
            let received = step.action.continues ? (receivers[successor] ?? []).filter { $0 != step.node.code }.sorted() : []
            let divided = succession.predecessors(of: successor).filter { $0.share == .part }.map(\.former)
            return Step(node: step.node, action: step.action, receivesHistoryOf: received, notComparable: Array(Set(divided)).sorted())
        }
        self.enrol = Set(steps.map(\.action.successor.code)).subtracting(continued).sorted()
            .compactMap { newTopology.unit(code: $0) }
        self.revoke = nodes.filter { !keepsCode($0) }
    }

    /// The step of one node.
    public func step(of node: UnitCode) -> Step? {
        steps.first { $0.node.code == node }
    }
}
