import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore

/// Where a bundle goes next from this node (DESIGN §8): a bundle travels up until it
/// reaches an ancestor of its recipient — the lowest common ancestor — and then down
/// that node's children towards the recipient. A bundle for every unit (`*`: releases,
/// local releases, broadcast notices) spreads to every neighbour but the one it came from.
///
/// Reports and decisions also travel on above their receiver as **archive copies**
/// (DESIGN §6): a district relays each commune report it receives, and each decision it
/// makes on one, byte for byte to the province, which keeps them so that any unit's
/// figures can be drilled into and re-checked against the commune's own signature.
/// The archive ends at the province: a province (or a national node) keeps the copies of
/// what was exchanged below it and passes none of them further up — above the province
/// only its own consolidated reports travel, signed by the province.
public struct BundleRouter: Sendable {
    /// The next hops of one bundle.
    public struct Route: Sendable, Equatable {
        /// Whether this node is a recipient.
        public var deliverHere: Bool
        /// Neighbours the bundle must still reach.
        public var onward: [(destination: UnitCode, direction: Delivery.Direction)]
        /// Whether this node keeps the bundle as an archive copy of an exchange between two
        /// of its descendants (a commune's report to its district, the district's decision).
        public var keepsCopy: Bool = false

        public static func == (lhs: Route, rhs: Route) -> Bool {
            lhs.deliverHere == rhs.deliverHere && lhs.keepsCopy == rhs.keepsCopy
                && lhs.onward.map { "\($0.destination)/\($0.direction)" } == rhs.onward.map { "\($0.destination)/\($0.direction)" }
        }
    }

    public let home: UnitCode
    public let topology: Topology
    /// The succession in force (the 2025 reform): a unit it retired is routed as if it
    /// stood below its successor, so a late report it hands in reaches the successor and
    /// travels up from there like any report (``AcceptanceTable/lineage(of:)``).
    public let succession: Succession?

    public init(home: UnitCode, topology: Topology, succession: Succession? = nil) {
        self.home = home
        self.topology = topology
        self.succession = succession
    }

    /// The codes above a unit, nearest first (a retired unit: its successor's line).
    func lineage(of unit: UnitCode) -> [UnitCode] {
        AcceptanceTable(topology: topology, succession: succession).lineage(of: unit)
    }

    /// The kinds whose exchanges below a node are archived at every node above.
    public static let archivedKinds: Set<BundleKind> = [.report, .decision]

    /// The route of a bundle of `kind` from `sender` to `recipient`, or `nil` if the
    /// recipient is not a unit this network knows: its ordinary route, plus the archive
    /// copy up to the parent for a report or decision exchanged at or below this node.
    public func route(sender: UnitCode, recipient: BundleRecipient, kind: BundleKind) -> Route? {
        guard Self.archivedKinds.contains(kind), let unit = recipient.unit, let upper = upperEndpoint(sender, unit) else {
            return route(sender: sender, recipient: recipient)
        }
        let upward = keepsArchiveAtHome ? [] : topology.unit(code: home)?.parentCode.map { [($0, Delivery.Direction.up)] } ?? []
        if upper == home {
            // Received here (a report) or made here (a decision): its ordinary route, and up.
            guard var route = route(sender: sender, recipient: recipient) else { return nil }
            if !route.onward.contains(where: { $0.direction == .up }) { route.onward += upward }
            return route
        }
        if branch(containing: upper) != nil {
            // Exchanged between two descendants: it came up as a copy; keep it, pass it up.
            return Route(deliverHere: false, onward: upward, keepsCopy: true)
        }
        return route(sender: sender, recipient: recipient)
    }

    /// Whether this node is where archive copies end: a province or a national node.
    var keepsArchiveAtHome: Bool {
        guard let kind = topology.unit(code: home)?.kind else { return false }
        return kind == .province || kind == .national
    }

    /// Of two units where one is an ancestor of (or is) the other, the upper one.
    func upperEndpoint(_ a: UnitCode, _ b: UnitCode) -> UnitCode? {
        if a == b { return nil }
        if lineage(of: a).contains(b) { return b }
        if lineage(of: b).contains(a) { return a }
        return nil
    }

    /// The ordinary route of a bundle from `sender` to `recipient` (no archive copies),
    /// or `nil` if the recipient is not a unit this network knows.
    public func route(sender: UnitCode, recipient: BundleRecipient) -> Route? {
        let parent = topology.unit(code: home)?.parentCode
        let children = topology.children(of: home).map(\.code)
        guard let recipient = recipient.unit else {
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
    public func branch(containing unit: UnitCode) -> UnitCode? {
        guard unit != home else { return nil }
        if topology.unit(code: unit) == nil, let successor = lineage(of: unit).first {
            return successor == home ? nil : branch(containing: successor)
        }
        var current = topology.unit(code: unit)
        while let node = current {
            if node.parentCode == home { return node.code }
            current = node.parentCode.flatMap(topology.unit(code:))
        }
        return nil
    }
}
