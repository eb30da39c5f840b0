import BaoCaoCore

/// A form laid out as the rows of a sheet, the same for Excel, CSV and printing: a
/// heading per section, then a row per figure — the indicator's total, and below it one
/// row per breakdown (every combination of its dimensions' members).
public struct FormSheet: Sendable {
    public enum Row: Sendable, Hashable {
        case section(title: String)
        case figure(Figure)
    }

    public struct Figure: Sendable, Hashable {
        public let key: ValueKey
        /// The indicator's name, and for a breakdown the members' names ("— Nam").
        public let label: String
        public let unitOfMeasure: String
        public let valueType: ValueType
        public let decimals: Int
        public let computed: Bool
        public let required: Bool
    }

    public let form: Form
    public let rows: [Row]

    /// `reporter`: the kind of unit filling it in; a required indicator is marked
    /// required only where that kind must give it (``Form/requires(_:of:)``).
    public init(form: Form, catalog: Catalog, reporter: UnitKind? = nil) {
        self.form = form
        var rows: [Row] = []
        for section in form.sections {
            rows.append(.section(title: section.title))
            for code in section.rows {
                guard let indicator = catalog.indicator(code: code) else { continue }
                func figure(_ key: ValueKey, _ label: String) -> Row {
                    .figure(Figure(key: key, label: label, unitOfMeasure: indicator.unitOfMeasure, valueType: indicator.valueType,
                                   decimals: indicator.decimals, computed: indicator.isComputed, required: form.requires(indicator, of: reporter) && key.isTotal))
                }
                rows.append(figure(ValueKey(code), indicator.name))
                for breakdown in catalog.breakdowns(of: indicator) {
                    rows.append(figure(breakdown.key, "— " + breakdown.memberNames.joined(separator: ", ")))
                }
            }
        }
        self.rows = rows
    }

    /// The figures alone, in order.
    public var figures: [Figure] {
        rows.compactMap { if case .figure(let figure) = $0 { figure } else { nil } }
    }
}
