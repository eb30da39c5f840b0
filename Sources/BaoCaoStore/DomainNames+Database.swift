import BaoCaoCore
import GRDB

// The domain's names — unit codes, regime codes, periods, bundle recipients — are stored as
// the text they are written as: the same bytes as when they were plain strings, so records
// keep their columns and databases need no migration. Reading parses the text back; text
// that does not parse (which BaoCao never writes) is a conversion failure, not a value.

extension UnitCode: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> UnitCode? {
        String.fromDatabaseValue(dbValue).flatMap { try? UnitCode(parsing: $0) }
    }
}

extension RegimeCode: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> RegimeCode? {
        String.fromDatabaseValue(dbValue).flatMap { try? RegimeCode(parsing: $0) }
    }
}

extension Period: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { id.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Period? {
        String.fromDatabaseValue(dbValue).flatMap { try? Period(parsing: $0) }
    }
}

extension BundleRecipient: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> BundleRecipient? {
        String.fromDatabaseValue(dbValue).flatMap { try? BundleRecipient(parsing: $0) }
    }
}
