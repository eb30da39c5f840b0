/// Checks a report's values against its form and the catalog.
///
/// Returns every problem (never only the first), each naming its indicator and saying
/// in Vietnamese what to fix, so the data-entry page can mark every wrong cell at once.
extension Catalog {
    public func validate(_ values: [ValueKey: ReportValue], on form: Form) -> [ValueProblem] {
        var problems: [ValueProblem] = []
        let onForm = Set(form.indicatorCodes)
        let dimensionsByCode = Dictionary(dimensions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })

        var numbers: [ValueKey: ExactDecimal] = [:]
        // Problems come in key order; each key's text is made once, not at every comparison.
        for (_, key, value) in values.map({ ($0.key.description, $0.key, $0.value) }).sorted(by: { $0.0 < $1.0 }) {
            guard onForm.contains(key.indicator), let indicator = indicator(code: key.indicator) else {
                problems.append(ValueProblem(.unknownIndicator, indicator: key.indicator, key: key,
                    message: "chỉ tiêu \(key.indicator) không có trên biểu mẫu \(form.code)"))
                continue
            }
            if indicator.isComputed {
                problems.append(ValueProblem(.computedValueEntered, indicator: indicator.code, key: key,
                    message: "\(indicator.name) được tính tự động, không nhập"))
                continue
            }
            if let problem = Self.breakdownProblem(key, of: indicator, dimensions: dimensionsByCode) {
                problems.append(problem)
                continue
            }
            switch Self.read(value.text, as: indicator, key: key) {
            case .success(let number?): numbers[key] = number
            case .success(nil): break
            case .failure(let problem): problems.append(problem)
            }
        }

        for code in form.indicatorCodes {
            guard let indicator = indicator(code: code), indicator.required, !indicator.isComputed else { continue }
            let total = ValueKey(code)
            if (values[total]?.text.trimmingSpaces() ?? "").isEmpty {
                problems.append(ValueProblem(.missingValue, indicator: code, key: total,
                    message: "\(indicator.name) là chỉ tiêu bắt buộc, chưa nhập"))
            }
        }

        problems += breakdownTotals(numbers)

        // Rules read totals, including computed ones.
        var totals = numbers.filter { $0.key.isTotal }.reduce(into: [String: ExactDecimal]()) { $0[$1.key.indicator] = $1.value }
        totals.merge(computedValues(from: totals), uniquingKeysWith: { a, _ in a })
        for rule in rules {
            guard let (left, comparison, right) = try? rule.parsed() else { continue }
            let involved = left.referencedIndicators.union(right.referencedIndicators)
            guard !involved.isEmpty, involved.isSubset(of: onForm) else { continue }
            guard let a = try? left.evaluate({ totals[$0] }), let b = try? right.evaluate({ totals[$0] }) else { continue }
            if !comparison.holds(a, b) {
                let first = involved.sorted().first!
                let message = rule.message ?? "\(left.source) (\(VietnameseNumberFormat.format(a))) \(comparison.vietnamese) \(right.source) (\(VietnameseNumberFormat.format(b)))"
                problems.append(ValueProblem(.crossRuleFailed, indicator: first, message: message))
            }
        }
        return problems
    }

    /// What is wrong with one figure on its own — its breakdown, its type, its decimals,
    /// its bounds — without the checks of a report as a whole (required figures, rules):
    /// an import checks each cell with it. `dimensions` is ``dimensionsByCode``.
    public static func problem(of value: ReportValue, key: ValueKey, indicator: Indicator,
                               dimensions: [String: Dimension]) -> ValueProblem? {
        if let problem = breakdownProblem(key, of: indicator, dimensions: dimensions) { return problem }
        if case .failure(let problem) = read(value.text, as: indicator, key: key) { return problem }
        return nil
    }

    /// The dimensions by code, for ``problem(of:key:indicator:dimensions:)``.
    public var dimensionsByCode: [String: Dimension] {
        Dictionary(dimensions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Computes every computed indicator whose inputs are present, rounded half-even to
    /// its declared decimals. An input of zero under a division leaves the value out.
    public func computedValues(from totals: [String: ExactDecimal]) -> [String: ExactDecimal] {
        var known = totals
        var computed: [String: ExactDecimal] = [:]
        for indicator in computationOrder {
            guard let source = indicator.formula, let formula = try? Formula(parsing: source),
                  let raw = try? formula.evaluate({ known[$0] }),
                  let value = try? raw.rounded(toDecimals: indicator.decimals)
            else { continue }
            known[indicator.code] = value
            computed[indicator.code] = value
        }
        return computed
    }

    /// Reads one entered text as the indicator's type; `nil` for an empty optional value.
    static func read(_ text: String, as indicator: Indicator, key: ValueKey) -> Result<ExactDecimal?, ValueProblem> {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty { return .success(nil) }
        switch indicator.valueType {
        case .text:
            return .success(nil)
        case .boolean:
            guard trimmed == "true" || trimmed == "false" else {
                return .failure(ValueProblem(.wrongValueType, indicator: indicator.code, key: key,
                    message: "\(indicator.name) chỉ nhận giá trị Có hoặc Không"))
            }
            return .success(nil)
        case .integer, .decimal, .percent:
            guard let number = try? ExactDecimal(canonical: trimmed) else {
                return .failure(ValueProblem(.wrongValueType, indicator: indicator.code, key: key,
                    message: "\(indicator.name): \"\(trimmed)\" không phải là số"))
            }
            if number.normalized.scale > indicator.decimals {
                let what = indicator.decimals == 0 ? "phải là số nguyên" : "chỉ được có tối đa \(indicator.decimals) chữ số thập phân"
                return .failure(ValueProblem(.wrongValueType, indicator: indicator.code, key: key,
                    message: "\(indicator.name) \(what)"))
            }
            if let min = indicator.min, number < min {
                return .failure(ValueProblem(.valueOutOfRange, indicator: indicator.code, key: key,
                    message: "\(indicator.name) không được nhỏ hơn \(VietnameseNumberFormat.format(min)) \(indicator.unitOfMeasure)"))
            }
            if let max = indicator.max, number > max {
                return .failure(ValueProblem(.valueOutOfRange, indicator: indicator.code, key: key,
                    message: "\(indicator.name) không được lớn hơn \(VietnameseNumberFormat.format(max)) \(indicator.unitOfMeasure)"))
            }
            return .success(number)
        }
    }

    private static func breakdownProblem(_ key: ValueKey, of indicator: Indicator, dimensions: [String: Dimension]) -> ValueProblem? {
        for (dimensionCode, member) in key.breakdown {
            guard indicator.dimensions.contains(dimensionCode), let dimension = dimensions[dimensionCode] else {
                return ValueProblem(.invalidValueKey, indicator: indicator.code, key: key,
                    message: "\(indicator.name) không phân tổ theo \(dimensionCode)")
            }
            guard dimension.members.contains(where: { $0.code == member }) else {
                return ValueProblem(.invalidValueKey, indicator: indicator.code, key: key,
                    message: "\(dimension.name) không có nhóm \(member)")
            }
        }
        return nil
    }

    /// Where a summed indicator is broken down along one dimension and every member is
    /// given, the members must add up to the total (men + women = population).
    private func breakdownTotals(_ numbers: [ValueKey: ExactDecimal]) -> [ValueProblem] {
        var problems: [ValueProblem] = []
        for (key, total) in numbers where key.isTotal {
            guard let indicator = indicator(code: key.indicator), indicator.aggregation == .sum else { continue }
            for dimensionCode in indicator.dimensions {
                guard let dimension = dimensions.first(where: { $0.code == dimensionCode }) else { continue }
                let parts = dimension.members.map { numbers[ValueKey(key.indicator, breakdown: [dimensionCode: $0.code])] }
                guard parts.allSatisfy({ $0 != nil }), let sum = try? ExactDecimal.sum(parts.compactMap { $0 }) else { continue }
                if sum != total {
                    problems.append(ValueProblem(.breakdownMismatch, indicator: key.indicator, key: key,
                        message: "\(indicator.name): tổng các nhóm theo \(dimension.name) (\(VietnameseNumberFormat.format(sum))) khác số tổng (\(VietnameseNumberFormat.format(total)))"))
                }
            }
        }
        return problems
    }
}
