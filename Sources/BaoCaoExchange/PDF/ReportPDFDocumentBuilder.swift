import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

/// Fills a ``ReportPDFDocument`` from a report's details, as the web's print view lays it
/// out: the issuing unit and its parent, the number `revision/BC-unit`, the place and
/// the date it was signed, each form section's indicators with their values (exact
/// decimals in the Vietnamese format, computed totals included), and the narrative.
public struct ReportPDFDocumentBuilder: Sendable {
    public let catalog: Catalog
    public let topology: Topology

    public init(catalog: Catalog, topology: Topology) {
        self.catalog = catalog
        self.topology = topology
    }

    public func document(_ details: ReportService.Details, signerName: String) -> ReportPDFDocument {
        let record = details.report
        let unit = topology.unit(code: record.unitCode)
        let parent = unit?.parentCode.flatMap { topology.unit(code: $0) }
        let unitName = unit?.name ?? record.unitCode.rawValue
        let date = VietnamTime.civilDate(at: record.signedAt ?? record.updatedAt)
        let regime = catalog.regime(code: record.regimeCode)
        var document = ReportPDFDocument(
            parentName: (parent?.name ?? "").uppercased(), unitName: unitName.uppercased(), number: "\(record.revision)/BC-\(record.unitCode)",
            placeDate: Self.placeDate(unitName, date),
            regimeName: (regime?.name ?? record.regimeCode.rawValue).uppercased(),
            periodLine: "Kỳ báo cáo: \(record.period.id) — lần \(record.revision)", formTitle: details.form?.title ?? record.formCode,
            rows: rows(details), narrative: record.narrative.isEmpty ? nil : record.narrative,
            receiverName: parent?.name ?? "Cơ quan nhận báo cáo", signerTitle: "THỦ TRƯỞNG ĐƠN VỊ", signerName: signerName,
            sealName: unitName)
        document.outlineHeadings = (details.form?.outline ?? []).map(\.title)
        return document
    }

    /// Each section's heading, then its indicators: the total, then each breakdown.
    func rows(_ details: ReportService.Details) -> [ReportPDFDocument.Row] {
        var totals: [String: ExactDecimal] = [:]
        for (key, value) in details.values where key.isTotal {
            if let number = value.number { totals[key.indicator] = number }
        }
        let computed = catalog.indicators.contains(where: \.isComputed) ? catalog.computedValues(from: totals) : [:]
        let byIndicator = Dictionary(grouping: details.values.keys.filter { !$0.isTotal }, by: \.indicator)
        var rows: [ReportPDFDocument.Row] = []
        for section in details.form?.sections ?? [] {
            rows.append(.section(title: section.title))
            for code in section.rows {
                guard let indicator = catalog.indicator(code: code) else { continue }
                let total = indicator.isComputed ? computed[code].map(VietnameseNumberFormat.format) ?? ""
                                                 : Self.display(details.values[ValueKey(code)])
                rows.append(.figure(code: code, name: indicator.name, unit: indicator.unitOfMeasure, value: total))
                for key in (byIndicator[code] ?? []).sorted() {
                    rows.append(.figure(code: key.description, name: "\(indicator.name) (\(key.breakdownText))", unit: indicator.unitOfMeasure,
                                        value: Self.display(details.values[key])))
                }
            }
        }
        return rows
    }

    /// `Huyện Lạc Sơn, ngày 06 tháng 02 năm 2026`: Decree 30/2020 writes a day below 10
    /// and the months 1 and 2 with a leading zero.
    static func placeDate(_ place: String, _ date: CivilDate) -> String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
        return "\(place), ngày \(day) tháng \(month) năm \(date.year)"
    }

    /// A stored value as a person reads it: numbers the Vietnamese way, exactly as stored.
    static func display(_ value: ReportValue?) -> String {
        guard let value else { return "" }
        return VietnameseNumberFormat.format(canonical: value.text) ?? value.text
    }
}
