import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// The reform demo's nodes opened in this process, each with its services and the demo's
/// staff (``DemoHistory/Node``), to generate history and carry bundles between them.
struct DemoReformNodes {
    let nodes: [DemoNetwork.Node]
    private let opened: [UnitCode: DemoHistory.Node]
    private let contexts: [UnitCode: NodeContext]

    init(nodes: [DemoNetwork.Node]) throws {
        self.nodes = nodes
        var opened: [UnitCode: DemoHistory.Node] = [:]
        var contexts: [UnitCode: NodeContext] = [:]
        for node in nodes {
            let context = try NodeContext(configFile: node.config)
            let work = try context.work(signing: .required)
            let accounts = AccountService(store: context.store, policy: context.configuration.effectiveSecurity)
            func staff(_ login: String) throws -> StaffMember {
                guard let account = try accounts.account(login: login) else {
                    throw CLIError("Nút thử nghiệm \(node.unit.code) không có tài khoản \(login).")
                }
                return StaffMember(userId: account.id, login: account.login, displayName: account.displayName, roles: account.roles)
            }
            opened[node.unit.code] = DemoHistory.Node(work: work, clerk: try staff("nhaplieu"), leader: try staff("lanhdao"), aggregator: try staff("tonghop"),
                                                     admin: try staff("quantri"))
            contexts[node.unit.code] = context
        }
        self.opened = opened
        self.contexts = contexts
    }

    func node(_ code: UnitCode) throws -> DemoHistory.Node {
        guard let node = opened[code] else { throw CLIError("Mạng thử nghiệm không có nút \(code).") }
        return node
    }

    func config(_ code: UnitCode) throws -> String {
        guard let node = nodes.first(where: { $0.unit.code == code }) else { throw CLIError("Mạng thử nghiệm không có nút \(code).") }
        return node.config
    }

    /// The working calendar of the province's node (the official days off its release carries).
    func calendar() throws -> WorkingCalendar {
        guard let province = nodes.first(where: { $0.unit.parentCode == nil }) else { throw CLIError("Mạng thử nghiệm không có nút tỉnh.") }
        return try node(province.unit.code).work.runtime.calendar
    }

    /// What waits in every parent's feed, carried down level by level (parents first).
    func carryDown(at now: Date) async throws {
        for child in nodes.sorted(by: { $0.level < $1.level }) {
            guard let parent = child.unit.parentCode, opened[parent] != nil else { continue }
            try await DemoCourier.down(from: node(parent).work, to: node(child.unit.code).work, at: now)
        }
    }
}
