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
        let givenTotals = Set(values.lazy.filter { $0.key.isTotal && !$0.value.text.trimmingSpaces().isEmpty }.map(\.key.indicator))
        return problems + reportProblems(givenTotals: givenTotals, numbers: numbers.lazy.map { ($0.key, $0.value) }, on: form, reporter: reporter)
    }

    /// The problems of a draft holding just `figures`: only the checks of the report as a
    /// whole (required figures, breakdowns adding up, rules), since each figure passed its
    /// own as it was added.
    public func validate(_ figures: CheckedFigures, on form: Form, reporter: UnitKind? = nil) -> [ValueProblem] {
        var givenTotals: Set<String> = []
        for (key, value) in zip(figures.keys, figures.values) where key.isTotal && !value.text.trimmingSpaces().isEmpty {
            givenTotals.insert(key.indicator)
        }
        let numbers = zip(figures.keys, figures.numbers).lazy.compactMap { key, number in number.map { (key, $0) } }
        return reportProblems(givenTotals: givenTotals, numbers: numbers, on: form, reporter: reporter)
    }

    /// The checks of a report as a whole: every required figure given (`givenTotals`: the
    /// indicators whose total has a value), each breakdown adding up to its total, the rules.
    private func reportProblems(givenTotals: Set<String>, numbers: some Sequence<(ValueKey, ExactDecimal)>, on form: Form,
                                reporter: UnitKind?) -> [ValueProblem] {
        var problems: [ValueProblem] = []
        let requiredRows = form.sections.filter { $0.isRequired(of: reporter) }.flatMap(\.rows)
        for code in requiredRows where !givenTotals.contains(code) {
            guard let indicator = indicator(code: code), indicator.required, !indicator.isComputed else { continue }
            problems.append(ValueProblem(.missingValue, indicator: code, key: ValueKey(code),
                message: "\(indicator.name) là chỉ tiêu bắt buộc, chưa nhập"))
        }

        var totals: [(key: ValueKey, number: ExactDecimal)] = []
        var parts = BreakdownSums()
        for (key, number) in numbers {
            if key.isTotal {
                totals.append((key, number))
            } else {
                parts.add(number, key: key)
            }
        }
        problems += breakdownTotals(totals, parts: parts.finished())

        guard !rules.isEmpty else { return problems }
        let onForm = Set(form.indicatorCodes)
        // Rules read totals, including computed ones.
        var byIndicator = Dictionary(totals.lazy.map { ($0.key.indicator, $0.number) }, uniquingKeysWith: { first, _ in first })
        byIndicator.merge(computedValues(from: byIndicator), uniquingKeysWith: { a, _ in a })
        for rule in rules {
            guard let (left, comparison, right) = try? rule.parsed() else { continue }
            let involved = left.referencedIndicators.union(right.referencedIndicators)
            guard !involved.isEmpty, involved.isSubset(of: onForm) else { continue }
            guard let a = try? left.evaluate({ byIndicator[$0] }), let b = try? right.evaluate({ byIndicator[$0] }) else { continue }
            if !comparison.holds(a, b) {
                let first = involved.sorted().first!
                let message = rule.message ?? "\(left.source) (\(VietnameseNumberFormat.format(a))) \(comparison.vietnamese) \(right.source) (\(VietnameseNumberFormat.format(b)))"
                problems.append(ValueProblem(.crossRuleFailed, indicator: first, key: nil, message: message))
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
    /// given, the members must add up to the total (men + women = population). `parts`
    /// holds each indicator's sums along each dimension, over figures that passed their own
    /// checks (each a member of the dimension, each once).
    private func breakdownTotals(_ totals: [(key: ValueKey, number: ExactDecimal)], parts: [BreakdownSums.Group: BreakdownSums.Sum]) -> [ValueProblem] {
        guard !parts.isEmpty else { return [] }
        var problems: [ValueProblem] = []
        for (key, total) in totals {
            guard let indicator = indicator(code: key.indicator), indicator.aggregation == .sum else { continue }
            for dimensionCode in indicator.dimensions {
                guard let dimension = dimensions.first(where: { $0.code == dimensionCode }),
                      let sum = parts[BreakdownSums.Group(indicator: key.indicator, dimension: dimensionCode)],
                      sum.count == dimension.members.count, let value = sum.value
                else { continue }
                if value != total {
                    problems.append(ValueProblem(.breakdownMismatch, indicator: key.indicator, key: key,
                        message: "\(indicator.name): tổng các nhóm theo \(dimension.name) (\(VietnameseNumberFormat.format(value))) khác số tổng (\(VietnameseNumberFormat.format(total)))"))
                }
            }
        }
        return problems
    }
}

/// The figures of each indicator's breakdowns along one dimension, summed as they come.
/// A file gives one indicator's breakdowns one after another, so the running group is
/// summed without a dictionary lookup until the next group begins.
private struct BreakdownSums {
    struct Group: Hashable {
        let indicator: String
        let dimension: String
    }

    struct Sum {
        /// Nil once the sum overflowed: no total is then compared.
        var value: ExactDecimal? = .zero
        var count = 0

        mutating func add(_ number: ExactDecimal) {
            value = try? value?.adding(number)
            count += 1
        }

        mutating func add(_ other: Sum) {
            if let other = other.value { value = try? value?.adding(other) } else { value = nil }
            count += other.count
        }
    }

    private var sums: [Group: Sum] = [:]
    private var current: (group: Group, sum: Sum)?

    /// Adds a breakdown's figure; one along several dimensions is left out.
    mutating func add(_ number: ExactDecimal, key: ValueKey) {
        if let current, current.group.indicator == key.indicator, key.isBreakdown(alongOnly: current.group.dimension) {
            self.current!.sum.add(number)
            return
        }
        guard let member = key.onlyMember else { return }
        flush()
        var sum = Sum()
        sum.add(number)
        current = (Group(indicator: key.indicator, dimension: member.dimension), sum)
    }

    private mutating func flush() {
        guard let (group, sum) = current else { return }
        sums[group, default: Sum(value: .zero, count: 0)].add(sum)
        current = nil
    }

    consuming func finished() -> [Group: Sum] {
        flush()
        return sums
    }
}
