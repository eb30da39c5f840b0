/// How one node is set up: which unit it serves and where its files are.
///
/// Written by an administrator as a YAML file (see `Config/` for commented samples);
/// relative paths are relative to the directory of that file.
public struct NodeConfiguration: Sendable, Hashable, Codable {
    /// The code of the unit this node serves (its home unit). Required.
    public var unit: String
    /// Where the node keeps its database and bundle store.
    /// The default is `data/<unit>` beside the configuration file.
    public var dataDirectory: String?
    /// The topology file (CSV) the node starts from, until a release replaces it. Required.
    public var topology: String
    /// The catalog file (YAML or JSON) the node starts from, until a release replaces it. Required.
    public var catalog: String
    /// Yearly plan targets of the province's units (CSV: unit,year,indicator,value). Optional;
    /// added to the catalog's own plans.
    public var plans: String?
    /// Yearly calendar overrides (official days off, make-up working days). Optional;
    /// the default is the Labour Code's holidays alone.
    public var calendarOverrides: String?

    public init(unit: String, dataDirectory: String? = nil, topology: String, catalog: String, plans: String? = nil, calendarOverrides: String? = nil) {
        self.unit = unit
        self.dataDirectory = dataDirectory
        self.topology = topology
        self.catalog = catalog
        self.plans = plans
        self.calendarOverrides = calendarOverrides
    }

    /// The data directory in force.
    public var effectiveDataDirectory: String { dataDirectory ?? "data/\(unit)" }

    /// The database file inside the data directory.
    public static let databaseFileName = "baocao.sqlite"
}
