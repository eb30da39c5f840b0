import BaoCaoCore
import BaoCaoStore
import Foundation

/// The catalog packets: chế độ báo cáo, biểu mẫu, đề cương, kỳ báo cáo, chỉ tiêu, bộ,
/// nhóm and phân tổ chỉ số.
extension NationalPacketBuilder {
    /// Chế độ báo cáo.
    public func regime(_ code: RegimeCode) throws -> NationalPacket<NationalRegime> {
        let (_, regime, _) = try catalogRegime(code)
        return try packet(.regime, NationalRegime(
            code: regime.code, name: regime.name, type: regime.type.rawValue, frequency: regime.frequency?.rawValue,
            formCode: regime.form, receiver: regime.receiver, reporterKinds: regime.reporters.kinds.map(\.rawValue),
            reporterUnits: regime.reporters.units,
            deadlines: regime.deadlines.map {
                NationalRegime.Deadline(senderKind: $0.senderKind.rawValue, day: $0.day, monthsAfterCutOff: $0.monthsAfterCutOff,
                                        daysAfterCutOff: $0.daysAfterCutOff)
            },
            legalBasis: regime.legalBasis))
    }

    /// Biểu mẫu báo cáo: the regime's form, latest version.
    public func form(regime code: RegimeCode) throws -> NationalPacket<NationalForm> {
        let (_, regime, form) = try catalogRegime(code)
        return try packet(.form, NationalForm(
            code: form.code, version: form.version, title: form.title, regimeCode: regime.code,
            sections: form.sections.map { NationalForm.Section(code: $0.code, title: $0.title, indicatorCodes: $0.rows) }))
    }

    /// Biểu mẫu đề cương: the form's narrative outline, or its sections when it has none.
    public func formOutline(regime code: RegimeCode) throws -> NationalPacket<NationalFormOutline> {
        let (_, regime, form) = try catalogRegime(code)
        return try packet(.formOutline, NationalFormOutline(code: form.code, version: form.version, title: form.title,
                                                            regimeCode: regime.code, headings: Self.headings(form)))
    }

    static func headings(_ form: Form) -> [NationalOutlineHeading] {
        if form.outline.isEmpty {
            return form.sections.enumerated().map { NationalOutlineHeading(order: $0.offset + 1, title: $0.element.title, guidance: nil) }
        }
        return form.outline.enumerated().map { NationalOutlineHeading(order: $0.offset + 1, title: $0.element.title, guidance: $0.element.guidance) }
    }

    /// Danh mục kỳ báo cáo: the regime's periods of `year`. An ad hoc regime has none.
    public func periodList(regime code: RegimeCode, year: Int) throws -> NationalPacket<NationalPeriodList> {
        let (_, regime, _) = try catalogRegime(code)
        let periods = try regime.frequency.map { try Period.periods(of: $0, in: year) } ?? []
        return try packet(.periodList, NationalPeriodList(regimeCode: regime.code, year: year, periods: periods.map {
            NationalPeriodList.Entry(id: $0.id, kind: $0.kind.rawValue, title: $0.title, firstDay: $0.firstDay.description,
                                     lastDay: $0.lastDay.description)
        }))
    }

    /// Danh mục chỉ tiêu: every indicator of the catalog, in catalog order.
    public func indicatorList() throws -> NationalPacket<NationalIndicatorList> {
        try packet(.indicatorList, NationalIndicatorList(indicators: try store.catalog().indicators.map {
            NationalIndicatorList.Entry(code: $0.code, name: $0.name, nameEn: $0.nameEn, sector: $0.sector, unitOfMeasure: $0.unitOfMeasure,
                                        valueType: $0.valueType.rawValue, decimals: $0.decimals, formula: $0.formula,
                                        aggregation: Self.aggregationCode($0.aggregation), method: $0.method, dimensions: $0.dimensions)
        }))
    }

    static func aggregationCode(_ rule: AggregationRule) -> String {
        switch rule {
        case .sum: "sum"
        case .average: "average"
        case .min: "min"
        case .max: "max"
        case .none: "none"
        case .weightedAverage(let weight): "weightedAverage(\(weight))"
        case .ratio(let numerator, let denominator, let factor): "ratio(\(numerator)/\(denominator)*\(factor))"
        }
    }

    /// Bộ chỉ số: one set per form, its indicators in form order.
    public func indicatorSets() throws -> NationalPacket<NationalIndicatorSets> {
        try packet(.indicatorSet, NationalIndicatorSets(sets: try store.catalog().forms.map {
            NationalIndicatorSets.Entry(code: $0.id, name: $0.title, indicatorCodes: $0.indicatorCodes)
        }))
    }

    /// Nhóm chỉ số: each form section (`FORM@VERSION/SECTION`), then each sector
    /// (`LV:<sector>`) its indicators name.
    public func indicatorGroups() throws -> NationalPacket<NationalIndicatorGroups> {
        let catalog = try store.catalog()
        var groups = catalog.forms.flatMap { form in
            form.sections.map { NationalIndicatorGroups.Entry(code: "\(form.id)/\($0.code)", name: $0.title, setCode: form.id, indicatorCodes: $0.rows) }
        }
        var sectors: [String] = []
        for indicator in catalog.indicators { if let sector = indicator.sector, !sectors.contains(sector) { sectors.append(sector) } }
        groups += sectors.map { sector in
            NationalIndicatorGroups.Entry(code: "LV:\(sector)", name: sector, setCode: nil,
                                          indicatorCodes: catalog.indicators.filter { $0.sector == sector }.map(\.code))
        }
        return try packet(.indicatorGroup, NationalIndicatorGroups(groups: groups))
    }

    /// Phân tổ chỉ số: every dimension, its members and the indicators broken down by it.
    public func dimensions() throws -> NationalPacket<NationalDimensions> {
        let catalog = try store.catalog()
        return try packet(.indicatorDimension, NationalDimensions(dimensions: catalog.dimensions.map { dimension in
            NationalDimensions.Entry(code: dimension.code, name: dimension.name,
                                     members: dimension.members.map { NationalDimensions.Member(code: $0.code, name: $0.name) },
                                     indicatorCodes: catalog.indicators.filter { $0.dimensions.contains(dimension.code) }.map(\.code))
        }))
    }
}
