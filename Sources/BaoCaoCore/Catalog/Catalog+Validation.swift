/// Checks that a catalog is consistent in itself and with a topology.
///
/// Every problem is returned, each naming the offending item, so an author can fix a
/// whole file in one pass; ``validated(against:)`` throws the first for callers that
/// only need to refuse.
extension Catalog {
    public func problems(against topology: Topology? = nil) -> [CoreError] {
        var problems: [CoreError] = []
        let byCode = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let dimensionCodes = Set(dimensions.map(\.code))

        var seen: Set<String> = []
        for indicator in indicators {
            let code = indicator.code
            if !seen.insert(code).inserted {
                problems.append(.catalog(.duplicateIndicator, "chỉ tiêu \(code) được khai báo hai lần"))
            }
            if !Self.isValidCode(code) {
                problems.append(.catalog(.invalidIndicator, "mã chỉ tiêu \"\(code)\" không hợp lệ (bắt đầu bằng chữ cái, chỉ gồm chữ, số, _ và .)"))
            }
            if indicator.name.trimmingSpaces().isEmpty {
                problems.append(.catalog(.invalidIndicator, "chỉ tiêu \(code) thiếu tên"))
            }
            if !(0...6).contains(indicator.decimals) || (indicator.valueType == .integer && indicator.decimals != 0) {
                problems.append(.catalog(.invalidIndicator, "chỉ tiêu \(code): số chữ số thập phân \(indicator.decimals) không hợp lệ cho kiểu \(indicator.valueType.rawValue)"))
            }
            if let min = indicator.min, let max = indicator.max, min > max {
                problems.append(.catalog(.invalidIndicator, "chỉ tiêu \(code): giá trị nhỏ nhất \(min) lớn hơn giá trị lớn nhất \(max)"))
            }
            if !indicator.valueType.isNumeric, indicator.min != nil || indicator.max != nil || indicator.formula != nil {
                problems.append(.catalog(.invalidIndicator, "chỉ tiêu \(code) kiểu \(indicator.valueType.rawValue) không thể có công thức hay giới hạn số"))
            }
            if !indicator.valueType.isNumeric, indicator.aggregation != .none {
                problems.append(.catalog(.invalidAggregation, "chỉ tiêu \(code) kiểu \(indicator.valueType.rawValue) chỉ dùng quy tắc tổng hợp none"))
            }
            for reference in indicator.aggregation.referencedIndicators {
                guard let other = byCode[reference] else {
                    problems.append(.catalog(.invalidAggregation, "chỉ tiêu \(code): quy tắc tổng hợp tham chiếu chỉ tiêu \(reference) không có trong danh mục"))
                    continue
                }
                if !other.valueType.isNumeric {
                    problems.append(.catalog(.invalidAggregation, "chỉ tiêu \(code): quy tắc tổng hợp tham chiếu chỉ tiêu \(reference) không phải là số"))
                }
            }
            if indicator.valueType == .percent, indicator.aggregation == .sum, indicator.formula == nil {
                problems.append(.catalog(.invalidAggregation, "chỉ tiêu \(code) là tỷ lệ phần trăm: không cộng được; dùng ratio (tỷ lệ của hai tổng) hoặc weightedAverage"))
            }
            if indicator.measure == .average {
                switch indicator.aggregation {
                case .average, .weightedAverage: break
                default:
                    problems.append(.catalog(.invalidAggregation, "chỉ tiêu \(code) là số bình quân (measure: average) nên phải tổng hợp theo average hoặc weightedAverage (trọng số), không theo \(indicator.aggregation.name)"))
                }
            }
            if indicator.measure != nil, !indicator.valueType.isNumeric || indicator.isComputed {
                problems.append(.catalog(.invalidIndicator, "chỉ tiêu \(code): cách cộng dồn (measure) chỉ ghi cho chỉ tiêu số được nhập, không cho chỉ tiêu \(indicator.isComputed ? "tự tính" : "kiểu \(indicator.valueType.rawValue)")"))
            }
            for dimension in indicator.dimensions where !dimensionCodes.contains(dimension) {
                problems.append(.catalog(.unknownReference, "chỉ tiêu \(code) phân tổ theo \(dimension) nhưng danh mục không có phân tổ đó"))
            }
            if let source = indicator.formula {
                do {
                    let formula = try Formula(parsing: source)
                    for reference in formula.referencedIndicators.sorted() {
                        if let other = byCode[reference] {
                            if !other.valueType.isNumeric {
                                problems.append(.catalog(.invalidFormula, "công thức của chỉ tiêu \(code) dùng chỉ tiêu \(reference) không phải là số"))
                            }
                        } else {
                            problems.append(.catalog(.unknownReference, "công thức của chỉ tiêu \(code) dùng chỉ tiêu \(reference) không có trong danh mục"))
                        }
                    }
                } catch let error as CoreError {
                    problems.append(.catalog(.invalidFormula, "chỉ tiêu \(code): \(error.message)"))
                } catch {}
            }
        }
        problems += formulaCycles(byCode)

        for rule in rules {
            do {
                let (left, _, right) = try rule.parsed()
                for reference in left.referencedIndicators.union(right.referencedIndicators).sorted() where byCode[reference] == nil {
                    problems.append(.catalog(.unknownReference, "quy tắc \"\(rule.expression)\" dùng chỉ tiêu \(reference) không có trong danh mục"))
                }
            } catch let error as CoreError {
                problems.append(.catalog(.invalidFormula, "quy tắc \"\(rule.expression)\": \(error.message)"))
            } catch {}
        }

        var formIDs: Set<String> = []
        for form in forms {
            if !formIDs.insert(form.id).inserted {
                problems.append(.catalog(.duplicateForm, "biểu mẫu \(form.code) phiên bản \(form.version) được khai báo hai lần"))
            }
            if form.sections.isEmpty {
                problems.append(.catalog(.invalidForm, "biểu mẫu \(form.code) không có phần nào"))
            }
            var rowsSeen: Set<String> = []
            var sectionsSeen: Set<String> = []
            for section in form.sections {
                if !sectionsSeen.insert(section.code).inserted {
                    problems.append(.catalog(.invalidForm, "biểu mẫu \(form.code): mã phần \(section.code) bị trùng"))
                }
                if let kinds = section.requiredFor, kinds.isEmpty {
                    problems.append(.catalog(.invalidForm, "biểu mẫu \(form.code), phần \(section.code): requiredFor không nêu loại đơn vị nào (bỏ trường này nếu mọi đơn vị đều phải điền)"))
                }
                for row in section.rows {
                    if byCode[row] == nil {
                        problems.append(.catalog(.unknownReference, "biểu mẫu \(form.code), phần \(section.code): chỉ tiêu \(row) không có trong danh mục"))
                    }
                    if !rowsSeen.insert(row).inserted {
                        problems.append(.catalog(.invalidForm, "biểu mẫu \(form.code): chỉ tiêu \(row) xuất hiện hai lần"))
                    }
                }
            }
            // A computed row needs its inputs on the same form, or it can never be computed.
            for row in form.indicatorCodes {
                guard let source = byCode[row]?.formula, let formula = try? Formula(parsing: source) else { continue }
                for input in formula.referencedIndicators.sorted() where !rowsSeen.contains(input) {
                    problems.append(.catalog(.invalidForm, "biểu mẫu \(form.code): chỉ tiêu \(row) được tính từ \(input) nhưng \(input) không có trên biểu mẫu"))
                }
            }
        }

        var regimeCodes: Set<RegimeCode> = []
        for regime in regimes {
            let code = regime.code
            if !regimeCodes.insert(code).inserted {
                problems.append(.catalog(.duplicateRegime, "chế độ báo cáo \(code) được khai báo hai lần"))
            }
            if form(code: regime.form) == nil {
                problems.append(.catalog(.unknownReference, "chế độ báo cáo \(code) dùng biểu mẫu \(regime.form) không có trong danh mục"))
            }
            if regime.type == .periodic, regime.frequency == nil || regime.frequency == .adHoc {
                problems.append(.catalog(.invalidRegime, "chế độ báo cáo định kỳ \(code) phải có tần suất (tháng, quý, 6 tháng, 9 tháng, năm)"))
            }
            if regime.deadlines.isEmpty {
                problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code) chưa quy định thời hạn gửi"))
            }
            var kindsSeen: Set<UnitKind> = []
            for rule in regime.deadlines {
                if !kindsSeen.insert(rule.senderKind).inserted {
                    problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code): thời hạn cho \(rule.senderKind.vietnameseName) được quy định hai lần"))
                }
                if (rule.day == nil) == (rule.daysAfterCutOff == nil) {
                    problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code): thời hạn cho \(rule.senderKind.vietnameseName) cần đúng một trong hai: day hoặc daysAfterCutOff"))
                }
                if let day = rule.day, !(1...31).contains(day) {
                    problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code): ngày \(day) không hợp lệ"))
                }
                if let days = rule.daysAfterCutOff, !(0...366).contains(days) {
                    problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code): số ngày \(days) sau thời điểm chốt số liệu không hợp lệ"))
                }
            }
            if regime.reporters.kinds.isEmpty, regime.reporters.units.isEmpty {
                problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code) chưa quy định đơn vị nào phải báo cáo"))
            }
            for kind in regime.reporters.kinds where regime.deadlineRule(for: kind) == nil {
                problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code): \(kind.vietnameseName) phải báo cáo nhưng chưa có thời hạn"))
            }
            if let function = regime.receiverByFunction, function.units.isEmpty || function.function.trimmingSpaces().isEmpty {
                problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code): đơn vị nhận theo chức năng cần tên chức năng và ít nhất một mã đơn vị có thể giữ chức năng đó"))
            }
            // Another province's regime names that province's units: nothing to check here.
            if let topology, regime.applies(in: topology) {
                if let function = regime.receiverByFunction, regime.receiver == nil, !function.units.isEmpty, function.unit(in: topology) == nil {
                    problems.append(.catalog(.unknownReference, "chế độ báo cáo \(code): không có đơn vị nào giữ chức năng \"\(function.function)\" trong danh sách đơn vị (đã tìm \(function.units.map(\.rawValue).joined(separator: ", ")))"))
                }
                if let receiver = regime.receiver, topology.unit(code: receiver) == nil {
                    problems.append(.catalog(.unknownReference, "chế độ báo cáo \(code): đơn vị nhận \(receiver) không có trong danh sách đơn vị"))
                }
                for unit in regime.reporters.units {
                    guard let reporter = topology.unit(code: unit) else {
                        problems.append(.catalog(.unknownReference, "chế độ báo cáo \(code): đơn vị báo cáo \(unit) không có trong danh sách đơn vị"))
                        continue
                    }
                    if regime.deadlineRule(for: reporter.kind) == nil {
                        problems.append(.catalog(.invalidRegime, "chế độ báo cáo \(code): đơn vị \(unit) phải báo cáo nhưng chưa có thời hạn cho \(reporter.kind.vietnameseName)"))
                    }
                }
            }
        }

        var plansSeen: Set<String> = []
        for plan in plans {
            if !plansSeen.insert("\(plan.unit)/\(plan.year)/\(plan.indicator)").inserted {
                problems.append(.catalog(.invalidPlan, "kế hoạch năm \(plan.year) của đơn vị \(plan.unit) cho chỉ tiêu \(plan.indicator) được khai báo hai lần"))
            }
            if let indicator = byCode[plan.indicator] {
                if !indicator.valueType.isNumeric {
                    problems.append(.catalog(.invalidPlan, "kế hoạch năm \(plan.year) của đơn vị \(plan.unit): chỉ tiêu \(plan.indicator) không phải là số"))
                }
            } else {
                problems.append(.catalog(.unknownReference, "kế hoạch năm \(plan.year) của đơn vị \(plan.unit) dùng chỉ tiêu \(plan.indicator) không có trong danh mục"))
            }
            if let topology, topology.unit(code: plan.unit) == nil {
                problems.append(.catalog(.unknownReference, "kế hoạch năm \(plan.year): đơn vị \(plan.unit) không có trong danh sách đơn vị"))
            }
        }
        return problems
    }

    /// The catalog itself, or the first problem found.
    public func validated(against topology: Topology? = nil) throws -> Catalog {
        if let first = problems(against: topology).first { throw first }
        return self
    }

    /// The order in which computed indicators can be evaluated: inputs before results
    /// (worked out when the indicators are set, not at each use).
    public var computationOrder: [Indicator] { computations }

    static func computationOrder(of indicators: [Indicator]) -> [Indicator] {
        let byCode = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var order: [Indicator] = []
        var done: Set<String> = []
        func visit(_ indicator: Indicator, depth: Int) {
            guard depth < 1000, !done.contains(indicator.code) else { return }
            if let source = indicator.formula, let formula = try? Formula(parsing: source) {
                for input in formula.referencedIndicators.sorted() {
                    if let other = byCode[input] { visit(other, depth: depth + 1) }
                }
            }
            done.insert(indicator.code)
            if indicator.isComputed { order.append(indicator) }
        }
        for indicator in indicators { visit(indicator, depth: 0) }
        return order
    }

    static func isValidCode(_ code: String) -> Bool {
        isValidCode(bytes: code.utf8)
    }

    /// Bytes, not Characters: codes are ASCII, and this runs for every value of every report.
    static func isValidCode(bytes code: some Collection<UInt8>) -> Bool {
        guard let first = code.first, Self.isLetterOrDigit(first) else { return false }
        return code.allSatisfy { Self.isLetterOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private func formulaCycles(_ byCode: [String: Indicator]) -> [CoreError] {
        var state: [String: Int] = [:]  // 1 = visiting, 2 = done
        var problems: [CoreError] = []
        func visit(_ code: String, path: [String]) {
            if state[code] == 2 { return }
            if state[code] == 1 {
                let cycle = path[(path.firstIndex(of: code) ?? 0)...] + [code]
                problems.append(.catalog(.formulaCycle, "công thức tính vòng quanh: \(cycle.joined(separator: " → "))"))
                return
            }
            state[code] = 1
            if let source = byCode[code]?.formula, let formula = try? Formula(parsing: source) {
                for input in formula.referencedIndicators.sorted() where byCode[input] != nil {
                    visit(input, path: path + [code])
                }
            }
            state[code] = 2
        }
        for indicator in indicators { visit(indicator.code, path: []) }
        return problems
    }
}
