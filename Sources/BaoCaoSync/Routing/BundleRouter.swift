import BaoCaoCore
import BaoCaoStore

/// Where a bundle goes next from this node (DESIGN §8): a bundle travels up until it
/// reaches an ancestor of its recipient — the lowest common ancestor — and then down
/// that node's children towards the recipient. A bundle for every unit (`*`: releases,
/// local releases, broadcast notices) spreads to every neighbour but the one it came from.
public struct BundleRouter: Sendable {
    /// The next hops of one bundle.
    public struct Route: Sendable, Equatable {
        /// Whether this node is a recipient.
        public var deliverHere: Bool
        /// Neighbours the bundle must still reach.
        public var onward: [(destination: String, direction: Delivery.Direction)]

        public static func == (lhs: Route, rhs: Route) -> Bool {
            lhs.deliverHere == rhs.deliverHere
                && lhs.onward.map { "\($0.destination)/\($0.direction)" } == rhs.onward.map { "\($0.destination)/\($0.direction)" }
        }
    }

    public static let everyone = "*"

    public let home: String
    public let topology: Topology

    public init(home: String, topology: Topology) {
        self.home = home
        self.topology = topology
    }

    /// The route of a bundle from `sender` to `recipient`, or `nil` if the recipient is
    /// not a unit this network knows.
    public func route(sender: String, recipient: String) -> Route? {
        let parent = topology.unit(code: home)?.parentCode
        let children = topology.children(of: home).map(\.code)
        if recipient == Self.everyone {
            let fromBranch = branch(containing: sender)
            var onward = children.filter { $0 != fromBranch }.map { ($0, Delivery.Direction.down) }
            if let parent, sender == home || fromBranch != nil { onward.insert((parent, .up), at: 0) }
            return Route(deliverHere: true, onward: onward)
        }
        guard topology.unit(code: recipient) != nil else { return nil }
        if recipient == home { return Route(deliverHere: true, onward: []) }
        if let child = branch(containing: recipient) { return Route(deliverHere: false, onward: [(child, .down)]) }
        guard let parent else { return nil }
        return Route(deliverHere: false, onward: [(parent, .up)])
    }

    /// The child of this node whose subtree holds `unit`, if any.
    public func branch(containing unit: String) -> String? {
        guard unit != home else { return nil }
        var current = topology.unit(code: unit)
        while let node = current {
            if node.parentCode == home { return node.code }
            current = node.parentCode.flatMap(topology.unit(code:))
        }
        return nil
    }
}
