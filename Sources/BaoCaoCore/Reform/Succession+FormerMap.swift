/// The old map as the succession keeps it (``Succession/formerUnits``): what a handed-over
/// original is checked against, since the units that signed it are gone from the map in force.
extension Succession {
    /// The units of the old map as a topology.
    public func formerTopology() throws -> Topology {
        try Topology(units: formerUnits, fileName: "succession")
    }

    /// The map in force with the former units it no longer has (a code both maps hold is
    /// the new map's unit): every unit a record written before the reform may name — the
    /// commune that recruited a person who now works for its successor.
    public func topology(joining current: Topology) throws -> Topology {
        try Topology(units: current.units + formerUnits.filter { current.unit(code: $0.code) == nil }, fileName: "succession")
    }

    /// Whether `unit` is `root` or lay below it on the old map.
    public func isWithinFormerSubtree(_ unit: UnitCode, of root: UnitCode) -> Bool {
        var current: UnitCode? = unit
        var seen: Set<UnitCode> = []
        while let code = current, seen.insert(code).inserted {
            if code == root { return true }
            current = formerUnit(code: code)?.parentCode
        }
        return false
    }

    /// The unit of the new map a former unit's history goes to, when it hands it over: its
    /// successor (``successor(of:)``), unless it continues under its own code.
    public func handoverRecipient(of former: UnitCode) -> UnitCode? {
        guard let successor = successor(of: former), successor != former else { return nil }
        return successor
    }
}
