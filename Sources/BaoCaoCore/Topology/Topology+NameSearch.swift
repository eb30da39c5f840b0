/// Finding units by name as people type them. Official lists keep some names with the
/// old tone placement ("Tỉnh Hoà Bình") beside others with the new ("Thành phố Hòa
/// Bình"); people type either, with or without diacritics. Names are compared through
/// ``VietnameseText/matchKey(_:)`` and ``VietnameseText/searchKey(_:)``.
extension Topology {
    /// The units whose name (or code) matches `query`: the same name whatever the tone
    /// placement first, then names containing it, then names containing it without
    /// diacritics ("hoa binh"); in list order within each.
    public func units(matching query: String) -> [ReportingUnit] {
        let match = VietnameseText.matchKey(query)
        let search = VietnameseText.searchKey(query)
        guard !search.isEmpty else { return [] }
        var exact: [ReportingUnit] = [], containing: [ReportingUnit] = [], loose: [ReportingUnit] = []
        for unit in units {
            let name = VietnameseText.matchKey(unit.name)
            if unit.code.rawValue == query.trimmingSpaces() || name == match {
                exact.append(unit)
            } else if name.contains(match) {
                containing.append(unit)
            } else if VietnameseText.searchKey(unit.name).contains(search) {
                loose.append(unit)
            }
        }
        return exact + containing + loose
    }
}
