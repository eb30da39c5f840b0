extension Succession {
    /// The units a regime expected to report, before the reform, to the units a successor
    /// continues (its predecessors), on the old map: whom completeness and ranking of a
    /// period before the reform are judged over at the successor's node, as they were then.
    public func formerReporters(of regime: Regime, toSuccessorOf successor: UnitCode) -> [ReportingUnit] {
        guard let old = try? formerTopology() else { return [] }
        var seen: Set<UnitCode> = []
        return predecessors(of: successor).flatMap { regime.expectedReporters(at: $0.former, in: old) }
            .filter { seen.insert($0.code).inserted }
    }
}
