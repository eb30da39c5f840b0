/// Checks a report's values against its form and the catalog.
///
/// Returns every problem (never only the first), each naming its indicator and saying
/// in Vietnamese what to fix, so the data-entry page can mark every wrong cell at once.
extension Catalog {
    /// `reporter` is the kind of unit whose report it is: a required indicator in a
    /// section that kind need not fill (``Form/Section/requiredFor``) may be left empty.
    /// With `reporter` nil, every required indicator must be given.
    public func validate(_ values: [ValueKey: ReportValue], on form: Form, reporter: UnitKind? = nil) -> [ValueProblem] {
        var problems: [ValueProblem] = []
        let onForm = Set(form.indicatorCodes)
        let checks = FigureChecks(catalog: self, form: form)

        var numbers: [ValueKey: ExactDecimal] = [:]
        numbers.reserveCapacity(values.count)
        for (key, value) in values {
            guard let entry = checks.entry(for: key.indicator) else {
                problems.append(ValueProblem(.unknownIndicator, indicator: key.indicator, key: key,
                    message: "chỉ tiêu \(key.indicator) không có trên biểu mẫu \(form.code)"))
                continue
            }
            if let problem = entry.computedProblem(key) ?? entry.breakdownProblem(key) {
                problems.append(problem)
                continue
            }
            switch entry.read(value.text, key: key) {
            case .success(let number?): numbers[key] = number
            case .success(nil): break
            case .failure(let problem): problems.append(problem)
            }
        }
        // Problems come in key order (the few wrong figures are sorted, not every figure).
        problems = problems.map { ($0.key?.description ?? "", $0) }.sorted { $0.0 < $1.0 }.map(\.1)

        let requiredRows = form.sections.filter { $0.isRequired(of: reporter) }.flatMap(\.rows)
        for code in requiredRows {
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

    /// Where a summed indicator is broken down along one dimension and every member is
    /// given, the members must add up to the total (men + women = population).
    private func breakdownTotals(_ numbers: [ValueKey: ExactDecimal]) -> [ValueProblem] {
        var problems: [ValueProblem] = []
        for (key, total) in numbers where key.isTotal {
            guard let indicator = indicator(code: key.indicator), indicator.aggregation == .sum else { continue }
            for dimensionCode in indicator.dimensions {
                guard let dimension = dimensions.first(where: { $0.code == dimensionCode }) else { continue }
                let parts = dimension.members.map { numbers[ValueKey(key.indicator, dimension: dimensionCode, member: $0.code)] }
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
