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

    /// Read column by column, not through GRDB's `Codable` decoding: a node reads every
    /// unit of its topology when it starts and at every release, a country's 3,356 of them,
    /// and the record decoder was most of that.
    init(row: Row) throws {
        code = try row.decode(forColumn: "code")
        name = try row.decode(forColumn: "name")
        nameEn = try row.decode(forColumn: "nameEn")
        kind = try row.decode(forColumn: "kind")
        parentCode = try row.decode(forColumn: "parentCode")
        position = try row.decode(forColumn: "position")
    }

    func unit() throws -> ReportingUnit {
        guard let kind = UnitKind(rawValue: kind) else { throw StoreError.invalidStoredData("unit \(code): kind \(kind)") }
        return ReportingUnit(code: code, name: name, nameEn: nameEn, kind: kind, parentCode: parentCode)
    }
}
