import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// Puts the figures of an ADX file into this node's drafts: each group for the node's
/// home unit goes, mapped back to our codes, into the draft of its regime-period through
/// ``DraftImport``; groups for other org units are left alone and listed.
///
/// The file is all or nothing. Every group and every data value is checked — the mapping,
/// the form's checks of each cell, and whether the group's report still takes figures —
/// before the first group is stored, so a file with one wrong cell, in whichever group,
/// stores nothing (unless the person chose to keep the valid cells). Cells are located as
/// "nhóm N, dataValue M", counting from 1 in file order.
///
/// #### Implementation details
/// The groups are then written in one transaction (``ReportService/fillDrafts(_:by:at:)``):
/// what is refused only as it is written — a form section assigned to a unit section the
/// person does not work in, someone submitting a report between the check and the write,
/// the database failing — refuses the whole file too, and no group is stored.
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
        public let regime: RegimeCode
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

    /// A group checked against its form, ready to be stored.
    struct CheckedGroup {
        let group: PlannedGroup
        let figures: CheckedFigures
        /// The cells the form refused (stored without them only when keeping the valid ones).
        let refused: [CellProblem]
    }

    /// #### Errors
    /// - ``ExchangeError`` `.malformedFile` for a file that is not ADX, a period that is not
    ///   `start/duration`, matches no period or is not of the regime's kind, or two groups
    ///   for the same regime-period;
    /// - ``ExchangeError`` `.invalidCells` when a group's report is past its draft
    ///   (submitted, approved, sent…), naming the group; nothing is stored;
    /// - ``ExchangeError`` `.notFound` when the mapping has no org unit for this node, no
    ///   group is for it, or a group's data set maps to no regime;
    /// - ``CellErrors`` naming every wrong data value (unmapped codes, values that are not
    ///   decimals, codes not on the form…) when nothing was stored.
    public func apply(_ data: Data, keepValid: Bool = false, by actor: StaffMember, at now: Date) throws -> Outcome {
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
        // Check every group before storing any: a group refused late must not leave the
        // earlier ones stored.
        let importer = DraftImport(work: work)
        var checked: [CheckedGroup] = []
        for group in planned {
            let (figures, refused) = try importer.check(group.cells, form: group.form, convention: .vietnamese)
            problems += refused
            checked.append(CheckedGroup(group: group, figures: figures, refused: refused))
        }
        if !problems.isEmpty, !keepValid {
            throw CellErrors(problems: problems.sorted { Self.order($0.location).lexicographicallyPrecedes(Self.order($1.location)) })
        }
        for group in planned {
            try checkTakesFigures(group)
        }
        let outcomes = try store(checked, by: actor, at: now)
        return Outcome(groups: outcomes, otherOrgUnits: others, skipped: problems.filter { refusedLocations.contains($0.location) })
    }

    /// Refuses a group whose regime-period cannot take figures: a period of another kind
    /// than the regime's, or a report already past its draft (what ``DraftImport`` would
    /// refuse as it stores, asked here before any group is stored).
    func checkTakesFigures(_ group: PlannedGroup) throws {
        if let frequency = group.regime.frequency, group.period.kind != frequency {
            throw ExchangeError(.malformedFile,
                message: "Nhóm \(group.number): kỳ \(group.period.id) không phải kỳ loại \(frequency.description) của chế độ \(group.regime.code); chưa lưu nhóm nào.",
                log: "adx import: group \(group.number) period \(group.period.id) not \(frequency)")
        }
        guard let latest = try ReportService(work: work).latest(regime: group.regime.code, period: group.period) else { return }
        switch latest.state {
        case .draft, .returned: return
        default:
            throw ExchangeError(.invalidCells,
                message: "Nhóm \(group.number): báo cáo \(group.regime.code) kỳ \(group.period.id) lần \(latest.revision) đang ở trạng thái \"\(latest.state.displayName)\", không còn nhận số liệu nhập từ tệp; chưa lưu nhóm nào.",
                log: "adx import: group \(group.number): report \(latest.id ?? 0) is \(latest.state.rawValue)")
        }
    }

    /// Stores every checked group into its draft (made when the unit has none yet), all in
    /// one transaction: a group refused as it is written stores none, and says which.
    func store(_ checked: [CheckedGroup], by actor: StaffMember, at now: Date) throws -> [GroupOutcome] {
        let entries = checked.map { ReportService.DraftFigures(regime: $0.group.regime.code, period: $0.group.period, checked: $0.figures) }
        let filled: [ReportService.FilledDraft]
        do {
            filled = try ReportService(work: work).fillDrafts(entries, by: actor, at: now)
        } catch let failure as DraftsNotFilled {
            let number = checked[failure.entry].group.number
            guard let error = failure.error as? any CodedError else { throw failure.error }
            throw ExchangeError(.invalidCells, message: "Nhóm \(number): \(error.message) Chưa lưu nhóm nào.",
                                log: "adx import: group \(number): \(error.logDescription)")
        }
        return zip(checked, filled).map { checked, filled in
            GroupOutcome(group: checked.group.number, regime: checked.group.regime.code, period: checked.group.period,
                         outcome: ImportOutcome(report: filled.report, stored: checked.figures.count, skipped: checked.refused,
                                                remaining: filled.remaining))
        }
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
