import Foundation

/// The topology file format: CSV with a header line.
///
/// ```
/// code,name,name_en,kind,parent
/// 17,Tỉnh Hòa Bình,Hoa Binh Province,province,
/// 148,Thành phố Hòa Bình,,district,17
/// 04375,Phường Thái Bình,,commune,148
/// 17-SKHDT,Sở Kế hoạch và Đầu tư,Department of Planning and Investment,department,17
/// ```
///
/// Columns may come in any order; `name_en` may be left out. Lines starting with `#`
/// are comments. `kind` is one of `national`, `province`, `district`, `commune`,
/// `department`, `other`. Every error names the file line.
extension Topology {
    public static let csvColumns = ["code", "name", "name_en", "kind", "parent"]

    public init(csv text: String, fileName: String) throws {
        let records = try CSVReader(fileName: fileName).records(in: text)
            .filter { !($0.fields.first?.hasPrefix("#") ?? false) }
        guard let header = records.first else {
            throw CoreError.invalidTopologyFile(fileName, line: 1, reason: "tệp trống, thiếu dòng tiêu đề \(Self.csvColumns.joined(separator: ","))")
        }
        let names = header.fields.map { $0.trimmingSpaces().lowercased() }
        func column(_ name: String, required: Bool = true) throws -> Int? {
            if let index = names.firstIndex(of: name) { return index }
            if required {
                throw CoreError.invalidTopologyFile(fileName, line: header.line, reason: "thiếu cột \"\(name)\" trong dòng tiêu đề")
            }
            return nil
        }
        let codeColumn = try column("code")!
        let nameColumn = try column("name")!
        let kindColumn = try column("kind")!
        let parentColumn = try column("parent")!
        let nameEnColumn = try column("name_en", required: false)

        var units: [ReportingUnit] = []
        var lines: [Int] = []
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                throw CoreError.invalidTopologyFile(
                    fileName, line: record.line,
                    reason: "có \(record.fields.count) cột, dòng tiêu đề có \(names.count) cột")
            }
            let field = { (index: Int) in record.fields[index].trimmingSpaces() }
            let kindText = field(kindColumn)
            guard let kind = UnitKind(rawValue: kindText) else {
                throw CoreError.invalidUnitKind(kindText, at: UnitPlace(fileName: fileName, line: record.line))
            }
            let place = UnitPlace(fileName: fileName, line: record.line)
            let parent = field(parentColumn)
            let code = try Self.unitCode(field(codeColumn), kind: kind, parentCode: parent, at: place)
            let parentCode = parent.isEmpty ? nil : try Self.unitCode(parent, kind: nil, parentCode: nil, at: place)
            let nameEn = nameEnColumn.map(field).flatMap { $0.isEmpty ? nil : $0 }
            units.append(ReportingUnit(code: code, name: field(nameColumn), nameEn: nameEn, kind: kind, parentCode: parentCode))
            lines.append(record.line)
        }
        try self.init(units: units, lines: lines, fileName: fileName)
    }

    /// Reads a code on a line of the file. When an all-digit code has the wrong length for
    /// its kind, the kind's own reason ("mã xã phải gồm 5 chữ số") says more than the
    /// general one, so it is preferred.
    private static func unitCode(_ text: String, kind: UnitKind?, parentCode: String?, at place: UnitPlace) throws -> UnitCode {
        do {
            return try UnitCode(parsing: text)
        } catch {
            let digits = !text.isEmpty && text.allSatisfy(\.isASCIIDigit)
            let reason = (digits ? kind.flatMap { kindProblem(code: text, kind: $0, parentCode: parentCode) } : nil)
                ?? UnitCode.problem(in: text)?.reason ?? ""
            throw CoreError.invalidUnitCode(text, reason: reason, at: place)
        }
    }

    /// Writes the topology in the same format, one unit a line.
    public func csv() -> String {
        var out = Self.csvColumns.joined(separator: ",") + "\n"
        for unit in units {
            out += [unit.code.rawValue, unit.name, unit.nameEn ?? "", unit.kind.rawValue, unit.parentCode?.rawValue ?? ""]
                .map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
