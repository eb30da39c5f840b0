import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

/// Puts the figures of an ADX file into this node's drafts: each group for the node's
/// home unit goes, mapped back to our codes, into the draft of its regime-period through
/// ``DraftImport``; groups for other org units are left alone and listed.
///
/// Every group and every data value is checked before anything is stored, so a file with
/// one wrong cell stores nothing (unless the person chose to keep the valid cells). Cells
/// are located as "nhóm N, dataValue M", counting from 1 in file order.
public struct AdxImport: Sendable {
    public let work: NodeWork
    public let mapping: AdxMapping

    public init(work: NodeWork, mapping: AdxMapping) {
        self.work = work
        self.mapping = mapping
    }

    /// What one group did.
    public struct GroupOutcome: Sendable {
        /// 1-based, in file order.
        public let group: Int
        public let regime: String
        public let period: Period
        public let outcome: ImportOutcome
    }

    /// What the file did.
    public struct Outcome: Sendable {
        public let groups: [GroupOutcome]
        /// The org unit codes of the groups left alone (for other units), in file order.
        public let otherOrgUnits: [String]
        /// Cells refused by the mapping and left out (only when keeping the valid ones).
        public let skipped: [CellProblem]
    }

    /// A group of ours, read and mapped back, not yet checked against the form.
    struct PlannedGroup {
        let number: Int
        let regime: Regime
        let form: Form
        let period: Period
        let cells: [ImportCell]
    }

    /// #### Errors
    /// - ``ExchangeError`` `.malformedFile` for a file that is not ADX, a period that is not
    ///   `start/duration` or matches no period, or two groups for the same regime-period;
    /// - ``ExchangeError`` `.notFound` when the mapping has no org unit for this node, no
    ///   group is for it, or a group's data set maps to no regime;
    /// - ``CellErrors`` naming every wrong data value (unmapped codes, values that are not
    ///   decimals, codes not on the form…) when nothing was stored.
    public func apply(_ data: Data, keepValid: Bool = false, by actor: Actor, at now: Date) throws -> Outcome {
        let document = try AdxReader.read(data)
        let catalog = try work.store.catalog()
        guard let ourOrgUnit = mapping.orgUnit(forUnit: work.home) else {
            throw ExchangeError(.notFound, message: "Bảng ánh xạ ADX chưa có mã orgUnit cho đơn vị này (\(work.home)) trong mục orgUnits.",
                                log: "adx import: home \(work.home) unmapped")
        }
        var planned: [PlannedGroup] = []
        var others: [String] = []
        var problems: [CellProblem] = []
        var refusedLocations: Set<String> = []
        var seen: [String: Int] = [:]
        for (index, group) in document.groups.enumerated() {
            let number = index + 1
            guard group.orgUnit == ourOrgUnit else {
                others.append(group.orgUnit)
                continue
            }
            guard let regimeCode = mapping.regime(forDataSet: group.dataSet) else {
                throw ExchangeError(.notFound, message: "Nhóm \(number): dataSet \"\(group.dataSet)\" chưa có trong mục dataSets của bảng ánh xạ ADX.",
                                    log: "adx import: group \(number) unmapped dataSet \(group.dataSet)")
            }
            guard let regime = catalog.regime(code: regimeCode), let form = catalog.form(code: regime.form) else {
                throw ExchangeError(.notFound, message: "Nhóm \(number): dataSet \"\(group.dataSet)\" ứng với chế độ báo cáo \(regimeCode), không có trong danh mục đang áp dụng.",
                                    log: "adx import: group \(number) unknown regime \(regimeCode)")
            }
            let period: Period
            do {
                period = try AdxPeriod.period(parsing: group.period, cutOff: regime.effectiveCutOff)
            } catch let error as ExchangeError {
                throw ExchangeError(.malformedFile, message: "Nhóm \(number): \(error.message).", log: "adx import: group \(number): \(error.logDescription)")
            }
            if let first = seen.updateValue(number, forKey: "\(regime.code) \(period.id)") {
                throw ExchangeError(.malformedFile, message: "Nhóm \(number) trùng chế độ \(regime.code) kỳ \(period.id) với nhóm \(first); mỗi kỳ chỉ được một nhóm.",
                                    log: "adx import: groups \(first) and \(number) share \(regime.code) \(period.id)")
            }
            var cells: [ImportCell] = []
            for (position, value) in group.dataValues.enumerated() {
                let location = "nhóm \(number), dataValue \(position + 1)"
                switch cell(value, at: location, catalog: catalog) {
                case .cell(let cell): cells.append(cell)
                case .problem(let problem):
                    problems.append(problem)
                    refusedLocations.insert(location)
                }
            }
            planned.append(PlannedGroup(number: number, regime: regime, form: form, period: period, cells: cells))
        }
        guard !planned.isEmpty else {
            throw ExchangeError(.notFound, message: "Tệp ADX không có nhóm nào cho đơn vị này (orgUnit \"\(ourOrgUnit)\"); các nhóm trong tệp là của: \(others.joined(separator: ", ")).",
                                log: "adx import: no group for \(ourOrgUnit)")
        }
        let importer = DraftImport(work: work)
        for group in planned {
            problems += try importer.check(group.cells, form: group.form, convention: .vietnamese).problems
        }
        if !problems.isEmpty, !keepValid {
            throw CellErrors(problems: problems.sorted { Self.order($0.location).lexicographicallyPrecedes(Self.order($1.location)) })
        }
        let outcomes = try planned.map { group in
            GroupOutcome(group: group.number, regime: group.regime.code, period: group.period,
                         outcome: try importer.apply(group.cells, regime: group.regime.code, period: group.period.id, convention: .vietnamese,
                                                     keepValid: keepValid, by: actor, at: now))
        }
        return Outcome(groups: outcomes, otherOrgUnits: others, skipped: problems.filter { refusedLocations.contains($0.location) })
    }

    /// One data value as a cell in our codes, or why it cannot be one.
    ///
    /// Numbers are read as `xs:decimal` (a point before the decimals, never grouping) and
    /// handed on in the Vietnamese writing, which ``DraftImport`` reads without doubt: the
    /// general reading of files of unknown origin would refuse `1.245` as ambiguous,
    /// while in ADX it can only mean one and a quarter thousandths.
    func cell(_ value: AdxDocument.DataValue, at location: String, catalog: Catalog) -> CellReading {
        func refuse(_ key: String, _ message: String) -> CellReading {
            .problem(CellProblem(location: location, key: key, message: message))
        }
        guard let indicator = mapping.indicator(forDataElement: value.dataElement) else {
            return refuse(value.dataElement, "mã dataElement \"\(value.dataElement)\": \(AdxMapping.unmappedHint("dataElements"))")
        }
        var breakdown: [String: String] = [:]
        for (attribute, theirs) in value.disaggregation.sorted(by: { $0.key < $1.key }) {
            guard let dimension = mapping.dimension(forAttribute: attribute) else {
                return refuse(indicator, "thuộc tính phân tổ \"\(attribute)\": \(AdxMapping.unmappedHint("dimensions"))")
            }
            guard let member = mapping.ourMember(theirs, ofDimension: dimension) else {
                return refuse(indicator, "\(attribute)=\"\(theirs)\": \(AdxMapping.unmappedHint("members.\(dimension)"))")
            }
            breakdown[dimension] = member
        }
        let key = ValueKey(indicator, breakdown: breakdown).description
        guard catalog.indicator(code: indicator)?.valueType.isNumeric == true else {
            return .cell(ImportCell(location: location, key: key, text: value.value))
        }
        guard let number = Self.decimal(value.value) else {
            return refuse(key, "giá trị \"\(value.value)\" không phải số thập phân ADX (dấu chấm trước phần thập phân, không tách nhóm nghìn)")
        }
        return .cell(ImportCell(location: location, key: key, text: VietnameseNumberFormat.format(number)))
    }

    /// A data value read as a cell, or why it cannot be one.
    enum CellReading {
        case cell(ImportCell)
        case problem(CellProblem)
    }

    /// `xs:decimal`: optional sign, digits with an optional point (`+5`, `.5`, `5.` too).
    static func decimal(_ text: String) -> ExactDecimal? {
        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        if body.hasPrefix(".") { body = "0" + body }
        if body.hasSuffix(".") { body = body.dropLast() }
        return try? ExactDecimal(canonical: sign + body)
    }

    /// Sorts "nhóm 2, dataValue 10" after "nhóm 2, dataValue 9".
    private static func order(_ location: String) -> [Int] {
        location.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }
}
