import BaoCaoCore
import GRDB

/// A row of the `unit` table.
struct UnitRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "unit"

    var code: UnitCode
    var name: String
    var nameEn: String?
    var kind: String
    var parentCode: UnitCode?
    var position: Int

    enum Columns {
        static let position = Column(CodingKeys.position)
    }

    init(_ unit: ReportingUnit, position: Int) {
        self.code = unit.code
        self.name = unit.name
        self.nameEn = unit.nameEn
        self.kind = unit.kind.rawValue
        self.parentCode = unit.parentCode
        self.position = position
    }

    func unit() throws -> ReportingUnit {
        guard let kind = UnitKind(rawValue: kind) else { throw StoreError.invalidStoredData("unit \(code): kind \(kind)") }
        return ReportingUnit(code: code, name: name, nameEn: nameEn, kind: kind, parentCode: parentCode)
    }
}
