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

    public func dataSet(forRegime code: String) -> String? { outgoing(code, in: dataSets) }
    public func regime(forDataSet code: String) -> String? { incoming(code, in: dataSets) }
    public func dataElement(forIndicator code: String) -> String? { outgoing(code, in: dataElements) }
    public func indicator(forDataElement code: String) -> String? { incoming(code, in: dataElements) }
    public func orgUnit(forUnit code: String) -> String? { outgoing(code, in: orgUnits) }
    public func unit(forOrgUnit code: String) -> String? { incoming(code, in: orgUnits) }
    public func attribute(forDimension code: String) -> String? { outgoing(code, in: dimensions) }
    public func dimension(forAttribute name: String) -> String? { incoming(name, in: dimensions) }
    public func member(_ code: String, ofDimension dimension: String) -> String? { outgoing(code, in: members[dimension] ?? [:]) }
    public func ourMember(_ code: String, ofDimension dimension: String) -> String? { incoming(code, in: members[dimension] ?? [:]) }

    /// "có mục … trong bảng ánh xạ", for messages about a code that is not mapped.
    static func unmappedHint(_ table: String) -> String {
        "bảng ánh xạ ADX không có mục \(table) cho mã này (unmappedCodes là \"refuse\")"
    }
}
