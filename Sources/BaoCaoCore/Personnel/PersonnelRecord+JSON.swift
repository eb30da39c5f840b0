import Foundation

extension PersonnelRecord {
    /// The record as JSON, as the store keeps it and transfers carry it: keys sorted,
    /// instants as ISO 8601 UTC text (never a floating-point number), text NFC.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a record written by ``jsonData()``.
    ///
    /// #### Errors
    /// `DecodingError` for anything that is not one; the caller names where it came from.
    public init(jsonData data: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        self = try decoder.decode(PersonnelRecord.self, from: data)
    }
}
