import BaoCaoCore

// Looking codes up both ways. Each lookup answers `nil` for a code the mapping does not
// list and refuses to keep; callers turn that into an error that says where the code stood.

extension AdxMapping {
    /// The receiver's code for `ours` in `table`, or ours when unmapped codes are kept.
    func outgoing(_ ours: String, in table: [String: String]) -> String? {
        table[ours] ?? (unmappedCodes == .keep ? ours : nil)
    }

    /// Our code for the receiver's `theirs` in `table`, or theirs when unmapped codes are kept.
    func incoming(_ theirs: String, in table: [String: String]) -> String? {
        if let ours = table.first(where: { $0.value == theirs })?.key { return ours }
        return unmappedCodes == .keep ? theirs : nil
    }

    public func dataSet(forRegime code: RegimeCode) -> String? { outgoing(code.rawValue, in: dataSets) }
    /// Our regime for the receiver's data set; `nil` too when what the table gives is no regime code.
    public func regime(forDataSet code: String) -> RegimeCode? { incoming(code, in: dataSets).flatMap { try? RegimeCode(parsing: $0) } }
    public func dataElement(forIndicator code: String) -> String? { outgoing(code, in: dataElements) }
    public func indicator(forDataElement code: String) -> String? { incoming(code, in: dataElements) }
    public func orgUnit(forUnit code: UnitCode) -> String? { outgoing(code.rawValue, in: orgUnits) }
    /// Our unit for the receiver's org unit; `nil` too when what the table gives is no unit code.
    public func unit(forOrgUnit code: String) -> UnitCode? { incoming(code, in: orgUnits).flatMap { try? UnitCode(parsing: $0) } }
    public func attribute(forDimension code: String) -> String? { outgoing(code, in: dimensions) }
    public func dimension(forAttribute name: String) -> String? { incoming(name, in: dimensions) }
    public func member(_ code: String, ofDimension dimension: String) -> String? { outgoing(code, in: members[dimension] ?? [:]) }
    public func ourMember(_ code: String, ofDimension dimension: String) -> String? { incoming(code, in: members[dimension] ?? [:]) }

    /// "có mục … trong bảng ánh xạ", for messages about a code that is not mapped.
    static func unmappedHint(_ table: String) -> String {
        "bảng ánh xạ ADX không có mục \(table) cho mã này (unmappedCodes là \"refuse\")"
    }
}
