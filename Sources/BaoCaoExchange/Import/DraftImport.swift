import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// One figure read from a file: where it stood (for the person fixing the file), the
/// value key it is for (`NN02`, `DS01[GT=NAM]`) and its text as the file wrote it.
public struct ImportCell: Sendable, Hashable {
    /// "ô C7", "dòng 12", "dataValue 3": said back in every problem about this cell.
    public let location: String
    public let key: String
    public let text: String
    /// The text is already an exact number in the canonical form (`1245.5`), as a
    /// spreadsheet stores its numeric cells: read as it is, not as typed text.
    public let isCanonicalNumber: Bool

    public init(location: String, key: String, text: String, isCanonicalNumber: Bool = false) {
        self.location = location
        self.key = key
        self.text = text
        self.isCanonicalNumber = isCanonicalNumber
    }
}

/// What is wrong with one cell, in Vietnamese.
public struct CellProblem: Sendable, Hashable, CustomStringConvertible {
    public let location: String
    public let key: String
    public let message: String

    public var description: String { "\(location) (\(key)): \(message)" }
}

/// A file's cells were refused: every wrong cell is named, and nothing was stored.
public struct CellErrors: Error, Sendable, CustomStringConvertible {
    public let problems: [CellProblem]

    public var description: String {
        "Tệp có \(problems.count) ô sai, chưa lưu gì:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// What an import did.
public struct ImportOutcome: Sendable {
    /// The draft the figures went into.
    public let report: ReportRecord
    /// How many figures were stored.
    public let stored: Int
    /// The cells left out (only when the person chose to keep the valid ones).
    public let skipped: [CellProblem]
    /// What the draft still lacks or has wrong as a whole (required figures, rules).
    public let remaining: [ValueProblem]
}

/// Puts figures read from a file (CSV, Excel, ADX) into the unit's draft report for a
/// regime-period: every cell is checked first — a code the form does not have, a value
/// of the wrong type or out of range, a cell given twice, a computed figure — and, unless
/// the person chose to keep the valid cells, nothing is stored while any is wrong.
public struct DraftImport: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// The cells' figures, each checked, in the cells' order; and the cells' problems.
    /// Nothing is stored.
    public func check(_ cells: [ImportCell], form: Form, convention: VietnameseNumberFormat.Convention = .vietnamese) throws
        -> (figures: CheckedFigures, problems: [CellProblem]) {
        let catalog = try work.store.catalog()
        var figures = CheckedFigures(form: form, checks: FigureChecks(catalog: catalog, form: form), capacity: cells.count)
        var problems: [CellProblem] = []
        for (index, cell) in cells.enumerated() {
            func refuse(_ message: String) { problems.append(CellProblem(location: cell.location, key: cell.key, message: message)) }
            guard let key = try? ValueKey(parsing: cell.key.trimmingSpaces().nfc) else {
                refuse("mã chỉ tiêu \"\(cell.key)\" không đúng dạng")
                continue
            }
            let claim: CheckedFigures.Claim
            switch figures.claim(key, position: index) {
            case .claimed(let claimed): claim = claimed
            case .notOnForm:
                refuse("chỉ tiêu \(key.indicator) không có trên biểu mẫu \(form.code)")
                continue
            case .taken(let first):
                refuse("\(key) đã có ở \(cells[first].location); mỗi chỉ tiêu chỉ được ghi một lần")
                continue
            }
            guard !claim.entry.indicator.isComputed else {
                refuse("\(claim.entry.indicator.name) là chỉ tiêu tự tính, không nhập")
                continue
            }
            let text = cell.text.trimmingSpaces().nfc
            if text.isEmpty { continue }
            // The catalog's own checks of this figure (breakdown, type, decimals, bounds);
            // those of the report as a whole (required figures, rules) are the draft's.
            let problem: ValueProblem?
            if claim.entry.indicator.valueType.isNumeric {
                let number: ExactDecimal
                do {
                    number = cell.isCanonicalNumber ? try ExactDecimal(canonical: text)
                                                    : try VietnameseNumberFormat.parse(text, convention: convention)
                } catch let error as CoreError {
                    refuse(error.message)
                    continue
                }
                problem = figures.add(number, for: claim)
            } else {
                problem = figures.add(ReportValue(text: text), for: claim)
            }
            if let problem { refuse(problem.message) }
        }
        return (figures, problems)
    }

    /// Checks `cells` and stores them into the draft of `regime`/`period` (made when the
    /// unit has none yet). Throws ``CellErrors`` when any cell is wrong, unless
    /// `keepValid`, in which case the valid cells are stored and the others returned.
    public func apply(_ cells: [ImportCell], regime: RegimeCode, period: Period,
                      convention: VietnameseNumberFormat.Convention = .vietnamese, keepValid: Bool = false,
                      by actor: StaffMember, at now: Date) throws -> ImportOutcome {
        let reports = ReportService(work: work)
        let catalog = try work.store.catalog()
        guard let regimeDefinition = catalog.regime(code: regime), let form = catalog.form(code: regimeDefinition.form) else {
            throw ExchangeError(.notFound, message: "Không có chế độ báo cáo \(regime) hoặc biểu mẫu của nó trong danh mục đang áp dụng.",
                                log: "import: unknown regime \(regime)")
        }
        let (figures, problems) = try check(cells, form: form, convention: convention)
        if !problems.isEmpty, !keepValid { throw CellErrors(problems: problems) }
        let filled: ReportService.FilledDraft
        do {
            filled = try reports.fillDrafts([.init(regime: regime, period: period, checked: figures)], by: actor, at: now)[0]
        } catch let failure as DraftsNotFilled {
            throw Self.refusal(failure.error)
        }
        return ImportOutcome(report: filled.report, stored: figures.count, skipped: problems, remaining: filled.remaining)
    }

    /// A draft that takes no more figures, said as an import refusal; any other failure as it is.
    static func refusal(_ error: any Error) -> any Error {
        guard let error = error as? ServiceError, error.code == .illegalTransition else { return error }
        return ExchangeError(.invalidCells, message: error.message, log: "import: \(error.logDescription)")
    }
}
