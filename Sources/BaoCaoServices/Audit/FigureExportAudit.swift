import BaoCaoCore
import BaoCaoStore
import GRDB
import Foundation

/// Figures taken out of the node — an extract, an Excel workbook, ADX, national exchange
/// packets, a PDF or a print of a report — recorded in the audit log with who took what
/// (seed 000 art. 4: no copying or disclosure without authority leaves no trace).
public struct FigureExport: Sendable, Hashable {
    /// The form the figures left in.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case csv, xlsx, json, adx
        /// QCVN 125:2021/BTTTT packets for the national system.
        case national = "qcvn125"
        case pdf
        /// The print view of a report, printed to paper or PDF from the browser.
        case print = "ban-in"
    }

    /// Whose figures: the node's consolidated ones, one unit's report, or several units'.
    public enum Scope: Sendable, Hashable {
        case consolidated
        case report(UnitCode)
        case units([UnitCode])
        /// The catalog only (national catalog packets): no figures.
        case catalog

        var vietnameseText: String {
            switch self {
            case .consolidated: "số liệu tổng hợp"
            case .report(let unit): "báo cáo của đơn vị \(unit)"
            case .units(let units): "số liệu của đơn vị \(units.map(\.rawValue).joined(separator: ", "))"
            case .catalog: "danh mục (không có số liệu)"
            }
        }
    }

    public let format: Format
    public let regime: RegimeCode?
    public let period: Period?
    public let scope: Scope
    /// Where it went, when known (a file name, "tải về").
    public let place: String?

    public init(format: Format, regime: RegimeCode?, period: Period?, scope: Scope, to place: String? = nil) {
        self.format = format
        self.regime = regime
        self.period = period
        self.scope = scope
        self.place = place
    }

    /// The audit entry's object: `figures:KTXH-THANG/2026-11`.
    var object: String {
        "figures:\(regime?.rawValue ?? "-")/\(period?.id ?? "-")"
    }

    /// The audit entry's detail: the format, whose figures, where to.
    var detail: String {
        "định dạng \(format.rawValue); \(scope.vietnameseText)" + (place.map { "; \($0)" } ?? "")
    }
}

extension AuditAction {
    /// Figures taken out of the node (``FigureExport``).
    public static let figuresExport = Self("figures.export")
}

extension FigureExport {
    /// Appends the export to the audit log, naming the person; called before the figures
    /// are handed over, so that no export goes unrecorded.
    public func record(by actor: StaffMember, in store: NodeStore, at now: Date = Date()) throws {
        try store.writer.write { db in
            _ = try AuditLog.append(db, actor: actor, action: .figuresExport, object: object, detail: detail, at: now)
        }
    }
}
