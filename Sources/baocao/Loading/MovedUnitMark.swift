import BaoCaoCore
import Foundation

/// The mark `baocao host move-out` leaves in a hosted unit's data directory: the unit's node
/// now runs on a machine of its own, so the host must not run it too — two nodes of one unit
/// would each take reports and decisions the other never sees. `baocao host move-in`
/// restores the unit's data from the other machine, and the mark goes with the old data.
struct MovedUnitMark: Codable {
    static let fileName = "DA-CHUYEN-DI.json"

    let unit: String
    let movedAt: Date
    /// The backup the unit left with.
    let backup: String

    static func url(in dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName)
    }

    static func read(in dataDirectory: String) -> MovedUnitMark? {
        guard let data = try? Data(contentsOf: url(in: dataDirectory)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(MovedUnitMark.self, from: data)
    }

    func write(in dataDirectory: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: Self.url(in: dataDirectory), options: .atomic)
    }

    /// What the host says when it passes the unit over.
    var notice: String {
        "Đơn vị \(unit) đã chuyển ra máy riêng lúc \(VietnamTime.displayText(movedAt)) (bản sao lưu \(backup)); máy chủ chung không chạy nút này. "
            + "Gỡ đơn vị khỏi host.yaml, hoặc chuyển về bằng baocao host move-in."
    }
}
