import BaoCaoCore
import GRDB

// The domain's names — unit codes, regime codes, periods, bundle recipients — are stored as
// the text they are written as: the same bytes as when they were plain strings, so records
// keep their columns and databases need no migration. Reading parses the text back; text
// that does not parse (which BaoCao never writes) is a conversion failure, not a value.
//
// These implementations are more specific than GRDB's own for Codable values (which would
// store JSON), so they are the ones used; `DomainNamesStorageTests` checks the bytes.

extension DatabaseValueConvertible where Self: TextRepresentable {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Self? {
        String.fromDatabaseValue(dbValue).flatMap { try? Self(parsing: $0) }
    }
}

extension UnitCode: DatabaseValueConvertible {}
extension RegimeCode: DatabaseValueConvertible {}
extension Period: DatabaseValueConvertible {}
extension BundleRecipient: DatabaseValueConvertible {}
extension SoftwareVersion: DatabaseValueConvertible {}
