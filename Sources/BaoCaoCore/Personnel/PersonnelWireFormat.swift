import Foundation

/// The JSON coders for records on the wire (transfer bundles, custody copies): keys sorted
/// so the same record is the same bytes, instants ISO 8601 (`2026-03-02T01:30:00Z`), dates
/// `YYYY-MM-DD`, figures canonical decimal strings. ``PersonnelChange`` documents the
/// shape of an event's change; ``PersonnelRecord/jsonData()`` writes a record with them.
public enum PersonnelWireFormat {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
