import BaoCaoCore
import BaoCaoServices
import Foundation

/// Figures from a file a person brings — an Excel workbook (`.xlsx`), ADX or CSV — into the
/// unit's draft: the file's kind is told from its bytes, legacy Vietnamese text is
/// converted and reported, and ``DraftImport`` checks every cell.
public struct FileValueImport: Sendable {
    public struct Outcome: Sendable {
        public let result: ImportOutcome
        /// What was converted from a legacy encoding, and notes on the file.
        public let conversions: [String]
    }

    public let work: NodeWork

    /// The largest file taken, in bytes: 32 MiB, as a workbook's (``WorkbookLimits``) and
    /// an ADX file's (``AdxReader/maximumFileSize``). A form's figures need a few kilobytes.
    public static let maximumFileSize = 32 << 20

    public init(work: NodeWork) {
        self.work = work
    }

    /// `regime` and `period` default to what an exported workbook says it is for.
    ///
    /// #### Errors
    /// ``ExchangeError`` `.tooLarge` for a file over ``maximumFileSize`` or a workbook over
    /// ``WorkbookLimits`` (a zip bomb), `.malformedFile` for one that cannot be read, and
    /// what ``DraftImport`` and ``AdxImport`` refuse.
    public func importFile(_ data: Data, named name: String, regime: RegimeCode?, period: Period?, keepValid: Bool,
                           by actor: StaffMember, at now: Date) throws -> Outcome {
        try Self.checkSize(data.count, of: name)
        let cells: [ImportCell]
        let conversions: [String]
        var regime = regime, period = period
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {   // a ZIP container: a workbook
            let content = try FormWorkbookReader().read(data)
            if let unit = content.metadata["unit"], unit != work.home.rawValue {
                throw ExchangeError(.invalidCells, message: "Tệp Excel này là biểu mẫu của đơn vị \(unit), không phải của đơn vị này (\(work.home)).",
                                    log: "sheet for unit \(unit) at \(work.home)")
            }
            // The workbook says what it is for, as text written by ``FormWorkbookWriter``.
            regime = try regime ?? content.metadata["regime"].map { try RegimeCode(parsing: $0) }
            period = try period ?? content.metadata["period"].map { try Period(parsing: $0) }
            cells = content.cells
            conversions = content.conversions
        } else if data.drop(while: { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }).first == UInt8(ascii: "<") {
            // XML: an ADX file (codes as the catalog has them; `baocao adx import` takes a mapping).
            let adx = try AdxImport(work: work, mapping: .identity).apply(data, keepValid: keepValid, by: actor, at: now)
            guard let group = adx.groups.first(where: { $0.regime == regime && $0.period == period }) ?? adx.groups.first else {
                throw ExchangeError(.notFound, message: "Tệp ADX \(name) không có số liệu của đơn vị này.", log: "adx: no group for \(work.home)")
            }
            var notes = ["tệp ADX, \(adx.groups.count) nhóm số liệu của đơn vị này"]
            if !adx.otherOrgUnits.isEmpty { notes.append("bỏ qua \(adx.otherOrgUnits.count) nhóm của đơn vị khác") }
            return Outcome(result: group.outcome, conversions: notes)
        } else {
            let csv = try CSVCells.read(data)
            cells = csv.cells
            conversions = csv.conversions
        }
        guard let regime, let period else {
            throw ExchangeError(.notFound, message: "Tệp \(name) không ghi chế độ báo cáo và kỳ: hãy chọn chế độ báo cáo và kỳ.",
                                log: "import: no regime/period for \(name)")
        }
        let result = try DraftImport(work: work).apply(cells, regime: regime, period: period, keepValid: keepValid, by: actor, at: now)
        return Outcome(result: result, conversions: conversions)
    }

    /// Refuses a file over ``maximumFileSize`` before anything of it is read.
    ///
    /// #### Errors
    /// ``ExchangeError`` `.tooLarge`.
    public static func checkSize(_ size: Int, of name: String) throws {
        guard size <= maximumFileSize else {
            throw ExchangeError(.tooLarge, message: "Tệp \(name) lớn \(size) byte, vượt giới hạn \(maximumFileSize) byte của tệp số liệu.",
                                log: "import: \(name) of \(size) bytes over \(maximumFileSize)")
        }
    }
}
