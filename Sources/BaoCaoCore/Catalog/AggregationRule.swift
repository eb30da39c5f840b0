/// How the values of children combine into their parent's consolidated value.
///
/// Percentages must never be averaged: a commune of 100 households and one of 10,000
/// do not weigh the same. Declare them as ``ratio(numerator:denominator:factor:)`` of
/// two summed indicators, and the consolidated percentage is the ratio of the sums.
public enum AggregationRule: Sendable, Hashable {
    case sum
    /// The arithmetic mean of the children that reported, rounded half-even.
    case average
    case min
    case max
    /// Σ(value × weight) ÷ Σ(weight), the weight being another indicator's value.
    case weightedAverage(by: String)
    /// Σ(numerator) ÷ Σ(denominator) × factor (100 for a percentage).
    case ratio(numerator: String, denominator: String, factor: ExactDecimal)
    /// Not combined: each unit's own value stands alone (text, or figures that do not add up).
    case none

    /// The indicators this rule reads besides the indicator itself.
    public var referencedIndicators: [String] {
        switch self {
        case .weightedAverage(let weight): [weight]
        case .ratio(let numerator, let denominator, _): [numerator, denominator]
        default: []
        }
    }
}

/// In catalog files a rule is written `sum`, `average`, `min`, `max`, `none`,
/// `{ weightedAverage: CT10 }` or `{ ratio: { numerator: CT11, denominator: CT12, factor: "100" } }`.
extension AggregationRule: Codable {
    private enum CodingKeys: String, CodingKey { case weightedAverage, ratio }
    private struct Ratio: Codable {
        var numerator: String
        var denominator: String
        var factor: ExactDecimal?
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            switch text {
            case "sum": self = .sum
            case "average": self = .average
            case "min": self = .min
            case "max": self = .max
            case "none": self = .none
            default:
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "unknown aggregation rule \(text); use sum, average, min, max, none, weightedAverage or ratio"))
            }
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let weight = try container.decodeIfPresent(String.self, forKey: .weightedAverage) {
            self = .weightedAverage(by: weight)
        } else if let ratio = try container.decodeIfPresent(Ratio.self, forKey: .ratio) {
            self = .ratio(numerator: ratio.numerator, denominator: ratio.denominator, factor: ratio.factor ?? 1)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown aggregation rule"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .sum, .average, .min, .max, .none:
            var container = encoder.singleValueContainer()
            try container.encode(name)
        case .weightedAverage(let weight):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(weight, forKey: .weightedAverage)
        case .ratio(let numerator, let denominator, let factor):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Ratio(numerator: numerator, denominator: denominator, factor: factor), forKey: .ratio)
        }
    }

    /// The rule's name as written in files.
    public var name: String {
        switch self {
        case .sum: "sum"
        case .average: "average"
        case .min: "min"
        case .max: "max"
        case .none: "none"
        case .weightedAverage: "weightedAverage"
        case .ratio: "ratio"
        }
    }

    /// How the rule is described to a person.
    public var vietnameseDescription: String {
        switch self {
        case .sum: "cộng"
        case .average: "bình quân"
        case .min: "nhỏ nhất"
        case .max: "lớn nhất"
        case .none: "không tổng hợp"
        case .weightedAverage(let weight): "bình quân gia quyền theo \(weight)"
        case .ratio(let numerator, let denominator, let factor): "tỷ lệ tổng \(numerator) / tổng \(denominator) × \(VietnameseNumberFormat.format(factor))"
        }
    }
}
