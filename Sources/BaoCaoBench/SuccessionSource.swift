import BaoCaoCore
import Foundation

/// The official unit lists of `../shared/data` (the 3-level list of 1 March 2025, the
/// 2-level list of 1 July 2025 and the commune succession table between them), read into a
/// province's succession as it would publish it: its predecessor provinces wholly, their
/// districts handing their archives over, every predecessor commune as the table says.
struct SuccessionSource {
    let dataDirectory: URL

    struct Prepared {
        let province: UnitCode
        let succession: Succession
        /// The province and its communes on the new map.
        let topology: Topology
    }

    /// The new province with the most predecessor communes.
    func largestProvince() throws -> Prepared {
        let table = try rows("units-2025-07-01-succession.csv", columns: 8)
        var communes: [String: Set<String>] = [:]
        for row in table { communes[row[5], default: []].insert(row[0]) }
        guard let largest = communes.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) })?.key else {
            throw BenchmarkFailure("the succession table is empty")
        }
        return try province(largest, table: table)
    }

    func province(_ code: String, table: [[String]]) throws -> Prepared {
        let old = try rows("units-2025-03-01-three-level.csv", columns: 4)
        let new = try rows("units-2025-07-01-two-level.csv", columns: 4)
        let oldByCode = Dictionary(old.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        let mine = table.filter { $0[5] == code }
        func kind(_ row: [String]) -> UnitKind { row[3].isEmpty ? .province : row[0].count == 5 ? .commune : .district }
        func unit(_ row: [String]) throws -> ReportingUnit {
            ReportingUnit(code: try UnitCode(parsing: row[0]), name: row[1].nfc, kind: kind(row), parentCode: row[3].isEmpty ? nil : try UnitCode(parsing: row[3]))
        }
        var formerUnits: [ReportingUnit] = []
        var links: [SuccessionLink] = []
        let target = try UnitCode(parsing: code)
        let districts = Array(Set(mine.compactMap { oldByCode[$0[0]]?[3] })).sorted()
        let provinces = Array(Set(districts.compactMap { oldByCode[$0]?[3] })).sorted()
        for province in provinces {
            guard let row = oldByCode[province] else { throw BenchmarkFailure("no province \(province) in the 3-level list") }
            formerUnits.append(try unit(row))
            links.append(SuccessionLink(former: try UnitCode(parsing: province), successor: target, share: .whole))
        }
        for district in districts {
            guard let row = oldByCode[district] else { throw BenchmarkFailure("no district \(district) in the 3-level list") }
            formerUnits.append(try unit(row))
            links.append(SuccessionLink(former: try UnitCode(parsing: district), successor: target, share: .archive))
        }
        var seen: Set<String> = []
        for row in mine {
            guard let former = oldByCode[row[0]] else { throw BenchmarkFailure("no commune \(row[0]) in the 3-level list") }
            if seen.insert(row[0]).inserted { formerUnits.append(try unit(former)) }
            links.append(SuccessionLink(former: try UnitCode(parsing: row[0]), successor: try UnitCode(parsing: row[3]),
                                        share: row[6] == "part" ? .part : .whole, isDefault: row[7] == "default"))
        }
        var units: [ReportingUnit] = []
        for row in new where row[0] == code || row[3] == code {
            units.append(try unit(row))
        }
        let succession = Succession(effective: CivilDate(stringLiteral: "2025-07-01"), graceUntil: CivilDate(stringLiteral: "2025-09-30"),
                                    basis: "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025",
                                    formerUnits: formerUnits, links: links)
        return Prepared(province: target, succession: succession, topology: try Topology(units: units))
    }

    /// A file's lines after its header, split at commas (the official lists quote nothing).
    private func rows(_ name: String, columns: Int) throws -> [[String]] {
        let file = dataDirectory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw BenchmarkFailure("cannot read \(file.path): the official unit lists are in ../shared/data (give their folder as an argument)")
        }
        return try text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard fields.count == columns else { throw BenchmarkFailure("\(name): expected \(columns) fields: \(line)") }
            return fields
        }
    }
}
