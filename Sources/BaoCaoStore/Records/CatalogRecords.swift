import BaoCaoCore
import Foundation
import GRDB

/// Rows of the catalog tables. Each keeps the item's full definition as the catalog's
/// own JSON, beside the columns that queries filter and join on.
struct IndicatorRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "indicator"
    var code: String
    var name: String
    var unitOfMeasure: String
    var valueType: String
    var decimals: Int
    var aggregation: String
    var position: Int
    var definition: String
}

struct DimensionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "dimension"
    var code: String
    var position: Int
    var definition: String
}

struct CrossRuleRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "crossRule"
    var position: Int
    var expression: String
    var message: String?
}

struct FormRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "form"
    var code: String
    var version: Int
    var title: String
    var position: Int
    var definition: String
}

struct RegimeRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "regime"
    var code: RegimeCode
    var name: String
    var formCode: String
    var position: Int
    var definition: String
}

struct PlanTargetRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "planTarget"
    var unitCode: UnitCode
    var year: Int
    var indicatorCode: String
    var value: String
}

/// JSON in and out of definition columns, with stable key order.
enum DefinitionCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.invalidStoredData(what)
        }
    }
}
