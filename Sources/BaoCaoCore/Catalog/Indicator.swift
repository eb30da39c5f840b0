/// An indicator (chỉ tiêu): one figure units report, defined once in the catalog.
public struct Indicator: Sendable, Hashable, Codable, Identifiable {
    /// Stable code, e.g. `NN01`; local releases namespace theirs (`148.XD01`).
    public var code: String
    public var name: String
    public var nameEn: String?
    /// The sector (lĩnh vực) it belongs to, e.g. "Nông nghiệp".
    public var sector: String?
    /// Đơn vị tính: "người", "ha", "triệu đồng", "%".
    public var unitOfMeasure: String
    public var valueType: ValueType
    /// How many decimals values carry. The default is 0 for integers, 2 for decimals and percentages.
    public var decimals: Int
    /// Phương pháp tính, in words.
    public var method: String?
    /// For computed indicators: a formula over other indicators (`NN03 / NN02 * 10`).
    /// A computed indicator is never entered; it is computed from the values it reads,
    /// and at every level it is recomputed from the consolidated values, not combined.
    public var formula: String?
    /// How children's values combine. The default is `sum` for numbers and `none` for text and yes/no.
    public var aggregation: AggregationRule
    /// Whether a report may be sent without this value. The default is `false`.
    public var required: Bool
    /// Inclusive bounds, if any.
    public var min: ExactDecimal?
    public var max: ExactDecimal?
    /// Codes of the disaggregation dimensions (phân tổ) values are broken down by.
    public var dimensions: [String]
    /// Whether the province's public page shows it (seed 000 art. 12.3). The default is `false`.
    public var published: Bool
    /// How the figure accumulates over the periods of a year (lũy kế, and the quarter or
    /// year it is read for): a flow (what happened during the period) adds up; a stock (a
    /// level at the cut-off instant — a herd, a headcount, an area planted on a date — or a
    /// figure already cumulative from the start of a season) is the latest period's value;
    /// an average is weighted by its declared weight. `nil` means flow; written only when
    /// given, so older catalogs read and hash the same.
    public var measure: Measure?
    /// Whether, across a reorganisation (``Succession``), a divided unit's whole figure
    /// may be attributed to the piece that took its seat — true where the figure belongs
    /// to the seat (its budget, its own staff), false where it belongs to the territory
    /// (population, area, households), which cannot be split without shares. `nil` means
    /// false: the comparison is then marked as not exact. Written only when given, so
    /// older catalogs read and hash the same.
    public var carriesToDefaultPiece: Bool?

    /// Flow, stock or average: how the year-to-date (lũy kế) column reads the periods.
    public enum Measure: String, Sendable, Hashable, Codable, CaseIterable {
        /// Phát sinh trong kỳ: adds up over the periods of a year.
        case flow
        /// Tại thời điểm (or already cộng dồn): the latest period's value, never a sum.
        case stock
        /// Bình quân: Σ(value × weight) ÷ Σ(weight) over the periods, the weight being the
        /// indicator of its `weightedAverage` rule (each period weighing the same under
        /// `average`).
        case average

        /// How the catalog and the regime page name it.
        public var vietnameseName: String {
            switch self {
            case .flow: "phát sinh trong kỳ (lũy kế là tổng các kỳ)"
            case .stock: "tại thời điểm (lũy kế là số của kỳ gần nhất)"
            case .average: "bình quân (lũy kế là bình quân gia quyền các kỳ)"
            }
        }
    }

    /// The measure in force: flow unless the catalog says otherwise.
    public var effectiveMeasure: Measure { measure ?? .flow }

    /// Whether the year-to-date column adds this figure up over the year's periods.
    public var isFlow: Bool { effectiveMeasure == .flow }

    public var id: String { code }
    public var isComputed: Bool { formula != nil }

    public init(
        code: String, name: String, nameEn: String? = nil, sector: String? = nil, unitOfMeasure: String,
        valueType: ValueType, decimals: Int? = nil, method: String? = nil, formula: String? = nil,
        aggregation: AggregationRule? = nil, required: Bool = false, min: ExactDecimal? = nil, max: ExactDecimal? = nil,
        dimensions: [String] = [], published: Bool = false, measure: Measure? = nil,
        carriesToDefaultPiece: Bool? = nil
    ) {
        self.code = code
        self.name = name.nfc
        self.nameEn = nameEn
        self.sector = sector?.nfc
        self.unitOfMeasure = unitOfMeasure.nfc
        self.valueType = valueType
        self.decimals = decimals ?? valueType.defaultDecimals
        self.method = method?.nfc
        self.formula = formula
        self.aggregation = aggregation ?? (valueType.isNumeric ? .sum : .none)
        self.required = required
        self.min = min
        self.max = max
        self.dimensions = dimensions
        self.published = published
        self.measure = measure
        self.carriesToDefaultPiece = carriesToDefaultPiece
    }

    private enum CodingKeys: String, CodingKey {
        case code, name, nameEn, sector, unitOfMeasure, valueType, decimals, method, formula, aggregation, required, min, max, dimensions, published, measure, carriesToDefaultPiece
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code),
            name: try c.decode(String.self, forKey: .name),
            nameEn: try c.decodeIfPresent(String.self, forKey: .nameEn),
            sector: try c.decodeIfPresent(String.self, forKey: .sector),
            unitOfMeasure: try c.decode(String.self, forKey: .unitOfMeasure),
            valueType: try c.decode(ValueType.self, forKey: .valueType),
            decimals: try c.decodeIfPresent(Int.self, forKey: .decimals),
            method: try c.decodeIfPresent(String.self, forKey: .method),
            formula: try c.decodeIfPresent(String.self, forKey: .formula),
            aggregation: try c.decodeIfPresent(AggregationRule.self, forKey: .aggregation),
            required: try c.decodeIfPresent(Bool.self, forKey: .required) ?? false,
            min: try c.decodeIfPresent(ExactDecimal.self, forKey: .min),
            max: try c.decodeIfPresent(ExactDecimal.self, forKey: .max),
            dimensions: try c.decodeIfPresent([String].self, forKey: .dimensions) ?? [],
            published: try c.decodeIfPresent(Bool.self, forKey: .published) ?? false,
            measure: try c.decodeIfPresent(Measure.self, forKey: .measure),
            carriesToDefaultPiece: try c.decodeIfPresent(Bool.self, forKey: .carriesToDefaultPiece))
    }
}

/// A disaggregation dimension (phân tổ), e.g. sex: nam, nữ.
public struct Dimension: Sendable, Hashable, Codable, Identifiable {
    public struct Member: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name.nfc
        }
    }

    public var code: String
    public var name: String
    public var members: [Member]
    public var id: String { code }

    public init(code: String, name: String, members: [Member]) {
        self.code = code
        self.name = name.nfc
        self.members = members
    }
}

/// A yearly plan target (kế hoạch) of one unit for one indicator.
public struct PlanTarget: Sendable, Hashable, Codable {
    public var unit: UnitCode
    public var year: Int
    public var indicator: String
    public var value: ExactDecimal

    public init(unit: UnitCode, year: Int, indicator: String, value: ExactDecimal) {
        self.unit = unit
        self.year = year
        self.indicator = indicator
        self.value = value
    }
}
