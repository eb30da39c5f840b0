import BaoCaoCore
import BaoCaoServices
import Foundation

extension ExtractionFormat {
    /// The format an extraction leaves in, as the audit log names it.
    public var exportFormat: FigureExport.Format {
        switch self {
        case .csv: .csv
        case .xlsx: .xlsx
        case .json: .json
        }
    }
}

extension Extraction {
    /// The audit record of an extraction (seed 000 art. 4): the consolidated figures, or the
    /// units whose figures it carries.
    public static func export(_ figures: [ExtractedFigure], regime: RegimeCode, period: Period, unit: UnitCode?, format: ExtractionFormat,
                              to place: String?) -> FigureExport {
        var units: [UnitCode] = []
        for figure in figures where !units.contains(figure.unitCode) { units.append(figure.unitCode) }
        let scope: FigureExport.Scope = if let unit { .units(units.isEmpty ? [unit] : units) } else { .consolidated }
        return FigureExport(format: format.exportFormat, regime: regime, period: period, scope: scope, to: place)
    }
}
