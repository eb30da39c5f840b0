/// The checks of one figure on its own — on the form, not a computed one, its breakdown,
/// its type, its decimals, its bounds — prepared once per form, since an import or a
/// validation runs them for each of thousands of figures. The checks of a report as a
/// whole (required figures, rules, breakdowns adding up) are ``Catalog/validate(_:on:)``'s.
public struct FigureChecks: Sendable {
    /// One indicator of the form. A class, so that looking one up copies a reference
    /// rather than the indicator's dozen fields.
    public final class Entry: Sendable {
        public let indicator: Indicator
        /// For each dimension the indicator is broken down by: its name and member codes.
        fileprivate let dimensions: [String: (name: String, members: Set<String>)]
        /// Every `DIMENSION=member` of the catalog, shared by the entries: a breakdown along
        /// one of the indicator's dimensions found here is a member of it.
        private let memberPairs: Set<String>

        fileprivate init(_ indicator: Indicator, dimensions: [String: (name: String, members: Set<String>)], memberPairs: Set<String>) {
            self.indicator = indicator
            self.memberPairs = memberPairs
            var byCode: [String: (name: String, members: Set<String>)] = [:]
            for code in indicator.dimensions {
                if let dimension = dimensions[code] { byCode[code] = dimension }
            }
            self.dimensions = byCode
        }

        /// A computed figure cannot be entered.
        public func computedProblem(_ key: ValueKey) -> ValueProblem? {
            guard indicator.isComputed else { return nil }
            return ValueProblem(.computedValueEntered, indicator: indicator.code, key: key,
                                message: "\(indicator.name) được tính tự động, không nhập")
        }

        /// A breakdown by a dimension the indicator does not have, or a member the
        /// dimension does not have.
        public func breakdownProblem(_ key: ValueKey) -> ValueProblem? {
            if key.isTotal { return nil }
            // Almost every breakdown is one member of one of the indicator's dimensions.
            if memberPairs.contains(key.breakdownText), indicator.dimensions.contains(where: { key.isBreakdown(alongOnly: $0) }) { return nil }
            if let member = key.onlyMember { return problem(of: member, in: key) }
            for member in key.members {
                if let problem = problem(of: member, in: key) { return problem }
            }
            return nil
        }

        private func problem(of member: ValueKey.Member, in key: ValueKey) -> ValueProblem? {
            guard let dimension = dimensions[member.dimension] else {
                return ValueProblem(.invalidValueKey, indicator: indicator.code, key: key,
                                    message: "\(indicator.name) không phân tổ theo \(member.dimension)")
            }
            guard dimension.members.contains(member.member) else {
                return ValueProblem(.invalidValueKey, indicator: indicator.code, key: key,
                                    message: "\(dimension.name) không có nhóm \(member.member)")
            }
            return nil
        }

        /// Everything wrong with an entered value on its own.
        public func problem(of value: ReportValue, key: ValueKey) -> ValueProblem? {
            if let problem = computedProblem(key) ?? breakdownProblem(key) { return problem }
            if case .failure(let problem) = read(value.text, key: key) { return problem }
            return nil
        }

        /// Everything wrong with a number already read (an import reads each figure once).
        public func problem(ofNumber number: ExactDecimal, key: ValueKey) -> ValueProblem? {
            if let problem = computedProblem(key) ?? breakdownProblem(key) { return problem }
            guard indicator.valueType.isNumeric else {
                return ValueProblem(.wrongValueType, indicator: indicator.code, key: key, message: "\(indicator.name) không nhận số")
            }
            return numberProblem(number, key: key)
        }

        /// Reads a stored text as the indicator's type; `nil` for an empty value, text and
        /// yes/no values.
        public func read(_ text: String, key: ValueKey) -> Result<ExactDecimal?, ValueProblem> {
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
                if let problem = numberProblem(number, key: key) { return .failure(problem) }
                return .success(number)
            }
        }

        /// Too many decimals, or out of the indicator's bounds.
        private func numberProblem(_ number: ExactDecimal, key: ValueKey) -> ValueProblem? {
            // Only a number written with more decimals than allowed can have too many.
            if number.scale > indicator.decimals, number.normalized.scale > indicator.decimals {
                let what = indicator.decimals == 0 ? "phải là số nguyên" : "chỉ được có tối đa \(indicator.decimals) chữ số thập phân"
                return ValueProblem(.wrongValueType, indicator: indicator.code, key: key, message: "\(indicator.name) \(what)")
            }
            if let min = indicator.min, number < min {
                return ValueProblem(.valueOutOfRange, indicator: indicator.code, key: key,
                    message: "\(indicator.name) không được nhỏ hơn \(VietnameseNumberFormat.format(min)) \(indicator.unitOfMeasure)")
            }
            if let max = indicator.max, number > max {
                return ValueProblem(.valueOutOfRange, indicator: indicator.code, key: key,
                    message: "\(indicator.name) không được lớn hơn \(VietnameseNumberFormat.format(max)) \(indicator.unitOfMeasure)")
            }
            return nil
        }
    }

    private let entries: [String: Entry]

    public init(catalog: Catalog, form: Form) {
        // Each dimension's member codes made once, shared by its indicators.
        let dimensions = Dictionary(catalog.dimensions.map { ($0.code, (name: $0.name, members: Set($0.members.map(\.code)))) },
                                    uniquingKeysWith: { first, _ in first })
        let memberPairs = Set(catalog.dimensions.flatMap { dimension in dimension.members.map { dimension.code + "=" + $0.code } })
        var entries: [String: Entry] = [:]
        for code in form.indicatorCodes where entries[code] == nil {
            if let indicator = catalog.indicator(code: code) { entries[code] = Entry(indicator, dimensions: dimensions, memberPairs: memberPairs) }
        }
        self.entries = entries
    }

    /// The indicator's checks; nil when it is not on the form (or not in the catalog).
    public func entry(for code: String) -> Entry? { entries[code] }
}
