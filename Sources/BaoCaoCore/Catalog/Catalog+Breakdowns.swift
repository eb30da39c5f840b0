extension Catalog {
    /// One breakdown (phân tổ) of an indicator: its value key, e.g. `LD01[GT=nam]`, and the
    /// names of its members in the order of the indicator's dimensions (`Nam`).
    public struct Breakdown: Sendable, Hashable {
        public let key: ValueKey
        public let memberNames: [String]
    }

    /// Every breakdown a figure of `indicator` may be given for: each member of each of
    /// its dimensions, combined across dimensions, in the catalog's order; none for an
    /// indicator without dimensions. A dimension the catalog does not define is skipped.
    public func breakdowns(of indicator: Indicator) -> [Breakdown] {
        guard !indicator.dimensions.isEmpty else { return [] }
        var combinations: [([String: String], [String])] = [([:], [])]
        for dimensionCode in indicator.dimensions {
            guard let dimension = dimensions.first(where: { $0.code == dimensionCode }) else { continue }
            combinations = combinations.flatMap { breakdown, names in
                dimension.members.map { member in (breakdown.merging([dimensionCode: member.code]) { $1 }, names + [member.name]) }
            }
        }
        return combinations.filter { !$0.0.isEmpty }.map { Breakdown(key: ValueKey(indicator.code, breakdown: $0.0), memberNames: $0.1) }
    }
}
