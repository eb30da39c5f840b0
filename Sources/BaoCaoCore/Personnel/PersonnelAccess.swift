/// Who may read whose records (seed 003 art. 7): the base unit its own people's; the level
/// that manages it — a department for its units, a district (before 2025) for its
/// communes — those of its subordinate units; the Sở Nội vụ (``PersonnelCatalog/authority``)
/// every unit's. Any other node a bundle passes (the province's own node, a district that
/// is not the unit's) carries what it cannot read: records are sealed to ``readers(ofRecordsAt:)``.
public struct PersonnelAccess: Sendable {
    public let topology: Topology
    public let authority: UnitCode

    public init(topology: Topology, authority: UnitCode) {
        self.topology = topology
        self.authority = authority
    }

    /// The units that manage `unit`'s staff: its ancestors that are districts or
    /// departments. Provinces and the national level relay, they do not read.
    public func managers(of unit: UnitCode) -> [UnitCode] {
        topology.ancestors(of: unit).filter { $0.kind == .district || $0.kind == .department }.map(\.code)
    }

    /// Every unit that may read the records kept at `unit`: itself, its managers, the
    /// authority; each once, in that order.
    public func readers(ofRecordsAt unit: UnitCode) -> [UnitCode] {
        var seen: Set<UnitCode> = []
        return ([unit] + managers(of: unit) + [authority]).filter { seen.insert($0).inserted }
    }

    /// Whether the node of `reader` may read records kept at `unit`.
    public func mayRead(_ reader: UnitCode, recordsAt unit: UnitCode) -> Bool {
        readers(ofRecordsAt: unit).contains(reader)
    }
}
