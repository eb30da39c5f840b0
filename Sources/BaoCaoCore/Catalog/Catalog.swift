/// The metadata the province publishes and every node shares: indicators, their
/// disaggregation dimensions and cross-indicator rules, forms, regimes and yearly plans.
///
/// It travels inside releases (DESIGN §3) and is authored as a file at the province.
public struct Catalog: Sendable, Hashable, Codable {
    public var indicators: [Indicator] {
        didSet {
            indicatorPositions = Self.positions(of: indicators)
            computations = Self.computationOrder(of: indicators)
        }
    }
    /// Where each code stands in `indicators` (the first, if a code were repeated): every
    /// validation and every page looks indicators up by code, hundreds of times.
    private var indicatorPositions: [String: Int]
    /// The computed indicators, inputs before results (``computationOrder``).
    private(set) var computations: [Indicator]
    public var dimensions: [Dimension]
    public var rules: [CrossRule]
    public var forms: [Form]
    public var regimes: [Regime]
    public var plans: [PlanTarget]

    public init(
        indicators: [Indicator] = [], dimensions: [Dimension] = [], rules: [CrossRule] = [],
        forms: [Form] = [], regimes: [Regime] = [], plans: [PlanTarget] = []
    ) {
        self.indicators = indicators
        self.indicatorPositions = Self.positions(of: indicators)
        self.computations = Self.computationOrder(of: indicators)
        self.dimensions = dimensions
        self.rules = rules
        self.forms = forms
        self.regimes = regimes
        self.plans = plans
    }

    private enum CodingKeys: String, CodingKey { case indicators, dimensions, rules, forms, regimes, plans }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            indicators: try c.decodeIfPresent([Indicator].self, forKey: .indicators) ?? [],
            dimensions: try c.decodeIfPresent([Dimension].self, forKey: .dimensions) ?? [],
            rules: try c.decodeIfPresent([CrossRule].self, forKey: .rules) ?? [],
            forms: try c.decodeIfPresent([Form].self, forKey: .forms) ?? [],
            regimes: try c.decodeIfPresent([Regime].self, forKey: .regimes) ?? [],
            plans: try c.decodeIfPresent([PlanTarget].self, forKey: .plans) ?? [])
    }

    public func indicator(code: String) -> Indicator? {
        indicatorPositions[code].map { indicators[$0] }
    }

    private static func positions(of indicators: [Indicator]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (position, indicator) in indicators.enumerated() where positions[indicator.code] == nil {
            positions[indicator.code] = position
        }
        return positions
    }

    /// The form with this code: the given version, or the latest when none is given.
    public func form(code: String, version: Int? = nil) -> Form? {
        let candidates = forms.filter { $0.code == code && (version == nil || $0.version == version) }
        return candidates.max { $0.version < $1.version }
    }

    public func regime(code: RegimeCode) -> Regime? {
        regimes.first { $0.code == code }
    }

    /// The plan target of a unit for an indicator in a year, if one was set.
    public func plan(unit: UnitCode, indicator: String, year: Int) -> ExactDecimal? {
        plans.first { $0.unit == unit && $0.indicator == indicator && $0.year == year }?.value
    }
}
