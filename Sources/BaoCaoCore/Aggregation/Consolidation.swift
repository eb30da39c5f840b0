/// Combines the values of several contributors (a node's children, plus the node's own
/// values) into consolidated values, indicator by indicator, by each indicator's rule.
///
/// Everything is exact. Sums keep every digit; averages, weighted averages and ratios
/// are rounded half-even to the indicator's declared decimals once, at the end.
/// Computed indicators are not combined: they are recomputed from the consolidated
/// values they read. A contributor that did not report a figure is simply absent from
/// it: an average is over those who reported, a ratio over those who gave both parts.
public struct Consolidation: Sendable {
    public let catalog: Catalog
    /// The indicators to consolidate (a form's rows).
    public let indicatorCodes: [String]

    public init(catalog: Catalog, form: Form) {
        self.catalog = catalog
        self.indicatorCodes = form.indicatorCodes
    }

    public init(catalog: Catalog, indicatorCodes: [String]) {
        self.catalog = catalog
        self.indicatorCodes = indicatorCodes
    }

    /// The consolidated values of the contributors.
    ///
    /// Throws ``CoreError/Code/numberOverflow`` if a sum leaves the representable range.
    public func combine(_ contributions: [[ValueKey: ExactDecimal]]) throws -> [ValueKey: ExactDecimal] {
        var result: [ValueKey: ExactDecimal] = [:]
        let wanted = Set(indicatorCodes)

        // Gather each key's values across contributors, once.
        var columns: [ValueKey: [ExactDecimal]] = [:]
        for contribution in contributions {
            for (key, value) in contribution where wanted.contains(key.indicator) {
                columns[key, default: []].append(value)
            }
        }

        for code in indicatorCodes {
            guard let indicator = catalog.indicator(code: code), indicator.valueType.isNumeric, !indicator.isComputed else { continue }
            switch indicator.aggregation {
            case .none:
                continue
            case .sum, .average, .min, .max:
                for (key, values) in columns where key.indicator == code {
                    result[key] = try Self.combine(values, by: indicator.aggregation, decimals: indicator.decimals)
                }
            case .weightedAverage(let weight):
                for key in Set(contributions.flatMap(\.keys)).filter({ $0.indicator == code }) {
                    var weighted = ExactDecimal.zero
                    var weights = ExactDecimal.zero
                    for contribution in contributions {
                        guard let value = contribution[key],
                              let w = contribution[key.with(indicator: weight)] ?? contribution[ValueKey(weight)] else { continue }
                        weighted = try weighted.adding(value.multiplied(by: w))
                        weights = try weights.adding(w)
                    }
                    if !weights.isZero {
                        result[key] = try weighted.divided(by: weights).rounded(toDecimals: indicator.decimals)
                    }
                }
            case .ratio(let numerator, let denominator, let factor):
                let breakdowns = Set(contributions.flatMap(\.keys).filter { $0.indicator == numerator }.map(\.breakdown))
                for breakdown in breakdowns {
                    var top = ExactDecimal.zero
                    var bottom = ExactDecimal.zero
                    var any = false
                    for contribution in contributions {
                        guard let n = contribution[ValueKey(numerator, breakdown: breakdown)],
                              let d = contribution[ValueKey(denominator, breakdown: breakdown)] else { continue }
                        top = try top.adding(n)
                        bottom = try bottom.adding(d)
                        any = true
                    }
                    if any, !bottom.isZero {
                        result[ValueKey(code, breakdown: breakdown)] = try top.multiplied(by: factor)
                            .divided(by: bottom).rounded(toDecimals: indicator.decimals)
                    }
                }
            }
        }

        // Computed indicators, from the consolidated totals.
        let totals = result.filter { $0.key.isTotal }.reduce(into: [String: ExactDecimal]()) { $0[$1.key.indicator] = $1.value }
        for (code, value) in catalog.computedValues(from: totals) where wanted.contains(code) {
            result[ValueKey(code)] = value
        }
        return result
    }

    /// Combines one figure's values by a simple rule.
    static func combine(_ values: [ExactDecimal], by rule: AggregationRule, decimals: Int) throws -> ExactDecimal? {
        guard !values.isEmpty else { return nil }
        switch rule {
        case .sum:
            return try ExactDecimal.sum(values)
        case .average:
            return try ExactDecimal.sum(values).divided(by: ExactDecimal(values.count)).rounded(toDecimals: decimals)
        case .min:
            return values.min()
        case .max:
            return values.max()
        default:
            return nil
        }
    }
}

/// The comparison columns Vietnamese reports carry beside a figure.
public enum Comparison {
    /// `current ÷ base × 100`, in percent, rounded half-even to `decimals` (so sánh
    /// cùng kỳ, so sánh kế hoạch). `nil` when there is no base or the base is zero.
    public static func percent(_ current: ExactDecimal?, of base: ExactDecimal?, decimals: Int = 1) -> ExactDecimal? {
        guard let current, let base, !base.isZero else { return nil }
        return try? current.multiplied(by: 100).divided(by: base).rounded(toDecimals: decimals)
    }

    /// Year to date (lũy kế): the sum of a summed indicator over the periods so far.
    public static func yearToDate(_ values: [ExactDecimal]) throws -> ExactDecimal? {
        values.isEmpty ? nil : try ExactDecimal.sum(values)
    }
}
