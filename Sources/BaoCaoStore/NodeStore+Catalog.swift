import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// Replaces the catalog in force with this one, in one transaction.
    public func replaceCatalog(_ catalog: Catalog) throws {
        try writer.write { db in try Self.replaceCatalog(catalog, in: db) }
    }

    static func replaceCatalog(_ catalog: Catalog, in db: Database) throws {
        for table in ["indicator", "dimension", "crossRule", "form", "regime", "planTarget"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        for (position, indicator) in catalog.indicators.enumerated() {
            try IndicatorRecord(
                code: indicator.code, name: indicator.name, unitOfMeasure: indicator.unitOfMeasure,
                valueType: indicator.valueType.rawValue, decimals: indicator.decimals,
                aggregation: indicator.aggregation.name, position: position,
                definition: try DefinitionCoding.encode(indicator)
            ).insert(db)
        }
        for (position, dimension) in catalog.dimensions.enumerated() {
            try DimensionRecord(code: dimension.code, position: position, definition: try DefinitionCoding.encode(dimension)).insert(db)
        }
        for (position, rule) in catalog.rules.enumerated() {
            try CrossRuleRecord(position: position, expression: rule.expression, message: rule.message).insert(db)
        }
        for (position, form) in catalog.forms.enumerated() {
            try FormRecord(code: form.code, version: form.version, title: form.title, position: position,
                           definition: try DefinitionCoding.encode(form)).insert(db)
        }
        for (position, regime) in catalog.regimes.enumerated() {
            try RegimeRecord(code: regime.code, name: regime.name, formCode: regime.form, position: position,
                             definition: try DefinitionCoding.encode(regime)).insert(db)
        }
        for plan in catalog.plans {
            try PlanTargetRecord(unitCode: plan.unit, year: plan.year, indicatorCode: plan.indicator,
                                 value: plan.value.description).insert(db)
        }
        // Every process holding the catalog decoded sees that it changed.
        try set(.catalogGeneration, to: UUID().uuidString, in: db)
    }

    /// The catalog in force.
    ///
    /// Decoding it is costly (every definition is JSON) and every page needs it: the
    /// decoded catalog is kept until the catalog tables are written again, by this
    /// process or another, as the generation stamped with each write tells.
    public func catalog() throws -> Catalog {
        try writer.read { db in
            let generation = try Self.value(of: .catalogGeneration, in: db) ?? ""
            return try catalogCache.value(at: generation) { try Self.readCatalog(db) }
        }
    }

    static func readCatalog(_ db: Database) throws -> Catalog {
        do {
            let indicators = try IndicatorRecord.order(Column("position")).fetchAll(db)
                .map { try DefinitionCoding.decode(Indicator.self, from: $0.definition, what: "indicator \($0.code)") }
            let dimensions = try DimensionRecord.order(Column("position")).fetchAll(db)
                .map { try DefinitionCoding.decode(Dimension.self, from: $0.definition, what: "dimension \($0.code)") }
            let rules = try CrossRuleRecord.order(Column("position")).fetchAll(db)
                .map { CrossRule(expression: $0.expression, message: $0.message) }
            let forms = try FormRecord.order(Column("position")).fetchAll(db)
                .map { try DefinitionCoding.decode(Form.self, from: $0.definition, what: "form \($0.code)") }
            let regimes = try RegimeRecord.order(Column("position")).fetchAll(db)
                .map { try DefinitionCoding.decode(Regime.self, from: $0.definition, what: "regime \($0.code)") }
            let plans = try PlanTargetRecord.fetchAll(db).map { record in
                guard let value = ExactDecimal(record.value) else {
                    throw StoreError.invalidStoredData("plan \(record.unitCode) \(record.indicatorCode)")
                }
                return PlanTarget(unit: record.unitCode, year: record.year, indicator: record.indicatorCode, value: value)
            }
            return Catalog(indicators: indicators, dimensions: dimensions, rules: rules, forms: forms, regimes: regimes, plans: plans)
        }
    }
}
