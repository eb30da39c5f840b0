import Foundation

extension PersonnelRecord {
    /// The record as JSON, as the store keeps it and transfers carry it: keys sorted,
    /// instants as ISO 8601 UTC text (never a floating-point number), text NFC.
    /// The format of each change is ``PersonnelChange``'s wire format.
    public func jsonData() throws -> Data {
        try PersonnelWireFormat.encoder().encode(self)
    }

    /// Reads a record written by ``jsonData()``.
    ///
    /// #### Errors
    /// `DecodingError` for anything that is not one; the caller names where it came from.
    public init(jsonData data: Data) throws {
        self = try PersonnelWireFormat.decoder().decode(PersonnelRecord.self, from: data)
    }
}
