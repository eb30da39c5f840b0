import BaoCaoCore
import Foundation

/// One unit's figures for a regime-period, in our codes, as canonical text: what
/// ``AdxWriter`` turns into one ADX `group`.
public struct AdxUnitValues: Sendable, Hashable {
    public let unit: UnitCode
    public let values: [ValueKey: String]

    public init(unit: UnitCode, values: [ValueKey: String]) {
        self.unit = unit
        self.values = values
    }
}

/// Writes a regime-period's figures as ADX XML, one `group` per unit, in the receiver's
/// codes through an ``AdxMapping``.
///
/// Only entered numeric figures travel: computed indicators (the receiver computes its own
/// indicators from data elements) and text or yes/no figures (ADX values are decimals)
/// are left out and listed in ``Output/leftOut``.
public struct AdxWriter: Sendable {
    public let catalog: Catalog
    public let mapping: AdxMapping

    public init(catalog: Catalog, mapping: AdxMapping) {
        self.catalog = catalog
        self.mapping = mapping
    }

    public struct Output: Sendable {
        public let document: AdxDocument
        /// The figures not written, with why, in Vietnamese.
        public let leftOut: [(key: ValueKey, reason: String)]
        /// The XML text.
        public var xml: String { AdxWriter.xml(document) }
    }

    /// The document for `units`' figures of `regime`/`period`.
    ///
    /// #### Errors
    /// ``ExchangeError`` `.notFound` for an unknown regime, and for a code the mapping
    /// does not list when it refuses unmapped codes (naming the code and the table).
    public func write(regime regimeCode: RegimeCode, period: Period, units: [AdxUnitValues], exported: Date) throws -> Output {
        guard let regime = catalog.regime(code: regimeCode) else {
            throw ExchangeError(.notFound, message: "Không có chế độ báo cáo \(regimeCode) trong danh mục đang áp dụng.", log: "adx: unknown regime \(regimeCode)")
        }
        let dataSet = try mapped(mapping.dataSet(forRegime: regimeCode), "dataSets", "chế độ báo cáo \(regimeCode)")
        var leftOut: [(key: ValueKey, reason: String)] = []
        var groups: [AdxDocument.Group] = []
        for unit in units {
            var dataValues: [AdxDocument.DataValue] = []
            for (key, text) in unit.values.sorted(by: { $0.key < $1.key }) {
                guard let indicator = catalog.indicator(code: key.indicator) else {
                    leftOut.append((key, "chỉ tiêu không có trong danh mục"))
                    continue
                }
                if indicator.isComputed {
                    leftOut.append((key, "chỉ tiêu tự tính, bên nhận tự tính lại"))
                    continue
                }
                guard indicator.valueType.isNumeric, let number = try? ExactDecimal(canonical: text) else {
                    leftOut.append((key, "ADX chỉ mang giá trị số"))
                    continue
                }
                var disaggregation: [String: String] = [:]
                for (dimension, member) in key.breakdown {
                    let attribute = try mapped(mapping.attribute(forDimension: dimension), "dimensions", "phân tổ \(dimension)")
                    guard XMLText.isAttributeName(attribute), !AdxDocument.reservedAttributes.contains(attribute) else {
                        throw ExchangeError(.malformedFile, message: "Phân tổ \(dimension) không ghi được thành thuộc tính ADX \"\(attribute)\": hãy đặt tên trong mục dimensions của bảng ánh xạ.",
                                            log: "adx: bad attribute name \(attribute)")
                    }
                    disaggregation[attribute] = try mapped(mapping.member(member, ofDimension: dimension), "members.\(dimension)", "thành phần \(member) của phân tổ \(dimension)")
                }
                dataValues.append(.init(dataElement: try mapped(mapping.dataElement(forIndicator: key.indicator), "dataElements", "chỉ tiêu \(key.indicator)"),
                                        disaggregation: disaggregation, value: number.description))
            }
            groups.append(.init(orgUnit: try mapped(mapping.orgUnit(forUnit: unit.unit), "orgUnits", "đơn vị \(unit.unit)"),
                                period: AdxPeriod.text(for: period, cutOff: regime.effectiveCutOff), dataSet: dataSet, dataValues: dataValues))
        }
        let stamp = ISO8601DateFormatter().string(from: exported)
        return Output(document: AdxDocument(exported: stamp, groups: groups), leftOut: leftOut)
    }

    private func mapped(_ code: String?, _ table: String, _ what: String) throws -> String {
        guard let code else {
            throw ExchangeError(.notFound, message: "Không xuất được ADX: \(what) chưa có trong mục \(table) của bảng ánh xạ (unmappedCodes là \"refuse\").",
                                log: "adx: unmapped \(what) in \(table)")
        }
        return code
    }

    /// The XML text of `document`: attributes in a fixed order, so the same figures
    /// always give the same file.
    public static func xml(_ document: AdxDocument) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<adx xmlns=\"\(AdxDocument.namespace)\" exported=\"\(XMLText.escaped(document.exported))\">\n"
        for group in document.groups {
            out += "  <group orgUnit=\"\(XMLText.escaped(group.orgUnit))\" period=\"\(XMLText.escaped(group.period))\" dataSet=\"\(XMLText.escaped(group.dataSet))\">\n"
            for value in group.dataValues {
                out += "    <dataValue dataElement=\"\(XMLText.escaped(value.dataElement))\""
                for (name, member) in value.disaggregation.sorted(by: { $0.key < $1.key }) {
                    out += " \(name)=\"\(XMLText.escaped(member))\""
                }
                out += " value=\"\(XMLText.escaped(value.value))\"/>\n"
            }
            out += "  </group>\n"
        }
        out += "</adx>\n"
        return out
    }
}
