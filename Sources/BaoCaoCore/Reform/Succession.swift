/// A reorganisation of administrative units (the 2025 reform, DESIGN §13): which unit of
/// the old map went into which unit of the new map, from which date, published by the
/// province in a signed release (``ReleaseContent/succession``) together with the new
/// topology.
///
/// Nothing signed before ``effective`` is altered: a former unit's reports stay under its
/// own code, verifiable, and a successor's history for periods before the reform is a
/// derived view over them (``CarriedFigures``).
public struct Succession: Sendable, Hashable, Codable {
    /// The first day of the new map (1 July 2025).
    public var effective: CivilDate
    /// The last day a former unit's late report for a period before ``effective`` is still
    /// accepted (it joins its successor's history); after it, such a report is refused.
    public var graceUntil: CivilDate
    /// The legal basis, as people cite it (a resolution's number and date).
    public var basis: String
    /// Every unit of the old map the succession names, as it was (code, name, kind, parent
    /// on the old map): names stay readable after the units are gone from the topology.
    public var formerUnits: [ReportingUnit]
    /// One row per (former unit, successor) pair.
    public var links: [SuccessionLink]

    public init(effective: CivilDate, graceUntil: CivilDate, basis: String, formerUnits: [ReportingUnit], links: [SuccessionLink]) {
        self.effective = effective
        self.graceUntil = graceUntil
        self.basis = basis.nfc
        self.formerUnits = formerUnits
        self.links = links
    }

    /// The former unit with this code, as it was on the old map.
    public func formerUnit(code: UnitCode) -> ReportingUnit? {
        formerUnits.first { $0.code == code }
    }

    /// A former unit as people read it, its name and code ("Xã Vầy Nưa (04891)"); the code
    /// alone when the succession does not name it.
    public func formerLabel(_ code: UnitCode) -> String {
        formerUnit(code: code).map { "\($0.name) (\($0.code))" } ?? code.rawValue
    }

    /// The rows naming this former unit (several for a divided unit).
    public func links(from former: UnitCode) -> [SuccessionLink] {
        links.filter { $0.former == former }
    }

    /// The rows naming this successor whose former unit's figures it may carry (whole and
    /// part rows, not archive rows), in table order.
    public func predecessors(of successor: UnitCode) -> [SuccessionLink] {
        links.filter { $0.successor == successor && $0.share != .archive }
    }

    /// Where a former unit now belongs: its whole successor, the default piece of a divided
    /// unit, or the unit that took its archive. `nil` when the succession does not name it.
    public func successor(of former: UnitCode) -> UnitCode? {
        let rows = links(from: former)
        return (rows.first { $0.share == .whole } ?? rows.first { $0.isDefault } ?? rows.first { $0.share == .archive }
                ?? rows.first)?.successor
    }

    /// Whether a period lies wholly before the reform: its figures were reported by the
    /// units of the old map, and a successor's view carries them.
    public func isBeforeReform(_ period: Period) -> Bool {
        period.lastDay < effective
    }

    /// Whether a former unit's code is gone from the new map (it merged, was divided under
    /// other codes, or its level ended). A code the new map reuses continues.
    public func isRetired(_ code: UnitCode, in newTopology: Topology) -> Bool {
        formerUnit(code: code) != nil && newTopology.unit(code: code) == nil
    }
}
