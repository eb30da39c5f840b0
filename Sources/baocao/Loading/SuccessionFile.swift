import BaoCaoCore
import Foundation

/// A succession as a province prepares it (`Config/reform/phu-tho-2025-07.yaml`): the date
/// the new map takes effect, the grace date for late reports of former units, the legal
/// basis, and the table file (``Succession/init(csv:fileName:effective:graceUntil:basis:)``),
/// its path relative to the YAML file.
struct SuccessionFile: Decodable {
    var effective: CivilDate
    var graceUntil: CivilDate
    var basis: String
    var table: String

    /// The succession the file describes (not yet checked against a topology).
    static func load(_ path: String) throws -> Succession {
        let file = try YAMLDocument.decode(SuccessionFile.self, fromFile: path)
        let tablePath = file.table.hasPrefix("/") ? file.table
            : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file.table).standardizedFileURL.path
        return try Succession(csv: try TextFile.read(tablePath), fileName: TextFile.displayName(tablePath),
                              effective: file.effective, graceUntil: file.graceUntil, basis: file.basis)
    }
}
