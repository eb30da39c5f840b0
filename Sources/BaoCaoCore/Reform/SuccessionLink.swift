/// One row of a succession: a unit of the old map and one unit of the new map it went
/// into (seed data `units-2025-07-01-succession.csv`).
public struct SuccessionLink: Sendable, Hashable, Codable {
    /// The unit of the old map (its code before the reform; a code may be reused by its
    /// successor, which is then the same node continuing).
    public var former: UnitCode
    /// The unit of the new map.
    public var successor: UnitCode
    public var share: SuccessionShare
    /// For a ``SuccessionShare/part`` row: the piece that took the divided unit's seat.
    /// Always `false` for the other shares.
    public var isDefault: Bool

    public init(former: UnitCode, successor: UnitCode, share: SuccessionShare, isDefault: Bool = false) {
        self.former = former
        self.successor = successor
        self.share = share
        self.isDefault = share == .part && isDefault
    }

    /// Whether figures of the former unit are counted in the successor's history (a whole
    /// merge, or the default piece of a divided unit — indicator by indicator).
    public var carriesFigures: Bool { share == .whole || (share == .part && isDefault) }
}
