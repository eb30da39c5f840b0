/// One line of a consolidated table: a figure with the columns Vietnamese reports carry
/// beside it — year to date (lũy kế), the same period last year (cùng kỳ) and the plan
/// (kế hoạch), each comparison in percent.
public struct ConsolidatedRow: Sendable, Hashable {
    public let key: ValueKey
    /// The figure for the period; `nil` when nobody reported it.
    public let value: ExactDecimal?
    /// Lũy kế từ đầu năm, as the indicator accumulates: for flows the sum of the year's
    /// periods up to this one, for stocks the latest of them, for averages their weighted
    /// average.
    public let yearToDate: ExactDecimal?
    /// The same figure for the same period last year (cùng kỳ năm trước).
    public let samePeriodLastYear: ExactDecimal?
    /// `value ÷ samePeriodLastYear × 100` (so với cùng kỳ, %).
    public let versusLastYear: ExactDecimal?
    /// The yearly plan (kế hoạch năm) of the node's unit, totals only.
    public let plan: ExactDecimal?
    /// `yearToDate ÷ plan × 100` for flows and averages, `value ÷ plan × 100` for stocks (so với kế hoạch, %).
    public let versusPlan: ExactDecimal?
    /// For a column whose figure is carried from the units of the old map (a period before
    /// the reform, ``CarriedFigures``): how it compares. Absent for a column that is the
    /// unit's own figures.
    public var comparisons: [ConsolidatedColumn: CarriedComparison] = [:]

    public init(key: ValueKey, value: ExactDecimal?, yearToDate: ExactDecimal?, samePeriodLastYear: ExactDecimal?,
                versusLastYear: ExactDecimal?, plan: ExactDecimal?, versusPlan: ExactDecimal?) {
        self.key = key
        self.value = value
        self.yearToDate = yearToDate
        self.samePeriodLastYear = samePeriodLastYear
        self.versusLastYear = versusLastYear
        self.plan = plan
        self.versusPlan = versusPlan
    }
}

extension Consolidation {
    /// The year-to-date values (lũy kế) from the consolidated values of each period of
    /// the year so far, in order, this one last.
    ///
    /// Each indicator accumulates as the catalog says (``Indicator/Measure``): summed flows
    /// add up; a stock is the latest period's value (a herd counted in March and again in
    /// November is November's herd, never the two added); an average is weighted over the
    /// periods by its declared weight's value in each. A ratio of two flows is the ratio of
    /// their year-to-date sums; computed indicators are recomputed from the year-to-date
    /// values they read. Flows combined by average, minimum or maximum have none.
    public func yearToDate(_ periods: [[ValueKey: ExactDecimal]]) throws -> [ValueKey: ExactDecimal] {
        var result: [ValueKey: ExactDecimal] = [:]
        var flows: Set<String> = []
        for code in indicatorCodes {
            guard let indicator = catalog.indicator(code: code), indicator.valueType.isNumeric, !indicator.isComputed,
                  indicator.isFlow, indicator.aggregation == .sum else { continue }
            flows.insert(code)
        }
        // Flows read by ratios count even when the ratio's parts are not on the form.
        for code in indicatorCodes {
            guard case .ratio(let n, let d, _)? = catalog.indicator(code: code)?.aggregation else { continue }
            for part in [n, d] where catalog.indicator(code: part).map({ $0.isFlow && $0.aggregation == .sum }) == true {
                flows.insert(part)
            }
        }
        var sums: [ValueKey: ExactDecimal] = [:]
        for values in periods {
            for (key, value) in values where flows.contains(key.indicator) {
                sums[key] = try (sums[key] ?? .zero).adding(value)
            }
        }
        let wanted = Set(indicatorCodes)
        for (key, value) in sums where wanted.contains(key.indicator) { result[key] = value }
        for code in indicatorCodes {
            guard let indicator = catalog.indicator(code: code), indicator.isFlow,
                  case .ratio(let numerator, let denominator, let factor) = indicator.aggregation,
                  flows.contains(numerator), flows.contains(denominator) else { continue }
            for (key, top) in sums where key.indicator == numerator {
                guard let bottom = sums[key.with(indicator: denominator)], !bottom.isZero else { continue }
                result[key.with(indicator: code)] = try top.multiplied(by: factor).divided(by: bottom).rounded(toDecimals: indicator.decimals)
            }
        }
        for code in indicatorCodes {
            guard let indicator = catalog.indicator(code: code), indicator.valueType.isNumeric, !indicator.isComputed else { continue }
            switch indicator.effectiveMeasure {
            case .flow:
                continue
            case .stock:
                // The latest period that gave the figure.
                for values in periods {
                    for (key, value) in values where key.indicator == code { result[key] = value }
                }
            case .average:
                for (key, value) in try weightedOverPeriods(indicator, periods) { result[key] = value }
            }
        }
        let accumulated = Set(result.keys.map(\.indicator))
        let totals = result.filter { $0.key.isTotal }.reduce(into: [String: ExactDecimal]()) { $0[$1.key.indicator] = $1.value }
        let totalsRead = totals.merging(sums.filter { $0.key.isTotal }.map { ($0.key.indicator, $0.value) }) { own, _ in own }
        for (code, value) in catalog.computedValues(from: totalsRead) where wanted.contains(code) {
            guard let formula = catalog.indicator(code: code)?.formula, let parsed = try? Formula(parsing: formula),
                  parsed.referencedIndicators.allSatisfy({ flows.contains($0) || accumulated.contains($0) }) else { continue }
            result[ValueKey(code)] = value
        }
        return result
    }

    /// An average's year-to-date: Σ(value × weight) ÷ Σ(weight) over the periods, the
    /// weight being its `weightedAverage` indicator's value in the same period (a period
    /// without it does not count); under any other rule each period weighs one.
    private func weightedOverPeriods(_ indicator: Indicator, _ periods: [[ValueKey: ExactDecimal]]) throws -> [ValueKey: ExactDecimal] {
        var weighted: [ValueKey: ExactDecimal] = [:]
        var weights: [ValueKey: ExactDecimal] = [:]
        for values in periods {
            for (key, value) in values where key.indicator == indicator.code {
                let weight: ExactDecimal
                if case .weightedAverage(let by) = indicator.aggregation {
                    guard let w = values[key.with(indicator: by)] ?? values[ValueKey(by)] else { continue }
                    weight = w
                } else {
                    weight = 1
                }
                weighted[key] = try (weighted[key] ?? .zero).adding(value.multiplied(by: weight))
                weights[key] = try (weights[key] ?? .zero).adding(weight)
            }
        }
        var result: [ValueKey: ExactDecimal] = [:]
        for (key, total) in weighted {
            guard let weight = weights[key], !weight.isZero else { continue }
            result[key] = try total.divided(by: weight).rounded(toDecimals: indicator.decimals)
        }
        return result
    }

    /// The consolidated table in form order: each figure with its comparison columns.
    ///
    /// - Parameters:
    ///   - current: the consolidated values of the period.
    ///   - yearToDate: from ``yearToDate(_:)``.
    ///   - lastYear: the consolidated values of the same period last year.
    ///   - plans: the unit's yearly plan per indicator code.
    public func rows(current: [ValueKey: ExactDecimal], yearToDate: [ValueKey: ExactDecimal],
                     lastYear: [ValueKey: ExactDecimal], plans: [String: ExactDecimal]) -> [ConsolidatedRow] {
        var keysByIndicator: [String: Set<ValueKey>] = [:]
        for key in Set(current.keys).union(yearToDate.keys).union(lastYear.keys) {
            keysByIndicator[key.indicator, default: []].insert(key)
        }
        var rows: [ConsolidatedRow] = []
        for code in indicatorCodes {
            guard let indicator = catalog.indicator(code: code), indicator.valueType.isNumeric else { continue }
            var keys = keysByIndicator[code] ?? []
            if plans[code] != nil { keys.insert(ValueKey(code)) }
            for key in keys.sorted() {
                let value = current[key]
                let ytd = yearToDate[key]
                let base = lastYear[key]
                let plan = key.isTotal ? plans[code] : nil
                rows.append(ConsolidatedRow(
                    key: key, value: value, yearToDate: ytd, samePeriodLastYear: base,
                    versusLastYear: Comparison.percent(value, of: base),
                    plan: plan, versusPlan: Comparison.percent(indicator.effectiveMeasure == .stock ? value : ytd, of: plan)))
            }
        }
        return rows
    }
}
