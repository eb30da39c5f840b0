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
        let tablePath = file.tablePath(besides: path)
        return try Succession(csv: try TextFile.read(tablePath), fileName: TextFile.displayName(tablePath),
                              effective: file.effective, graceUntil: file.graceUntil, basis: file.basis)
    }
}

extension SuccessionFile {
    /// The succession the file describes, checked against the new map: any problem is
    /// refused with the file and line of the row it concerns (the YAML file for the dates
    /// and basis).
    static func load(_ path: String, against newTopology: Topology) throws -> Succession {
        let file = try YAMLDocument.decode(SuccessionFile.self, fromFile: path)
        let tablePath = file.tablePath(besides: path)
        let table = try SuccessionTable(csv: try TextFile.read(tablePath), fileName: TextFile.displayName(tablePath),
                                        effective: file.effective, graceUntil: file.graceUntil, basis: file.basis)
        return try table.validated(against: newTopology, settingsFile: path)
    }

    /// The table's path: as written when absolute, else relative to the YAML file's folder.
    func tablePath(besides path: String) -> String {
        table.hasPrefix("/") ? table
            : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(table).standardizedFileURL.path
    }
}
