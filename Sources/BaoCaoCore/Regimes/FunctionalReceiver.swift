/// A regime's receiver named by what it does, not by a fixed code: "Văn phòng UBND
/// tỉnh", "cơ quan chuyên trách công nghệ thông tin của tỉnh". The province's rules name
/// the body by its function, and which unit holds that function changes (after 2025 some
/// provinces have no Sở Thông tin và Truyền thông: its duties went to the Sở Khoa học và
/// Công nghệ), so the catalog lists the units that may hold it, in order, and the first
/// one the topology has is the receiver.
///
/// Written `receiverByFunction: { function: "Văn phòng UBND tỉnh", units: [66-VPUBND] }`.
public struct FunctionalReceiver: Sendable, Hashable, Codable {
    /// The function, as the province's text names it (NFC).
    public var function: String
    /// The units that may hold the function, in order of preference.
    public var units: [UnitCode]

    public init(function: String, units: [UnitCode]) {
        self.function = function.nfc
        self.units = units
    }

    /// The unit of `topology` that holds the function: the first of ``units`` it has.
    public func unit(in topology: Topology) -> ReportingUnit? {
        units.lazy.compactMap { topology.unit(code: $0) }.first
    }
}
