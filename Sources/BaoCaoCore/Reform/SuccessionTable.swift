/// A succession as read from its table file (``Succession/csvColumns``), remembering the
/// file line of every row, so that each problem the checks against the new map find names
/// the line to correct: `phu-tho-2025-07-ke-thua.csv, dòng 63: …`.
public struct SuccessionTable: Sendable {
    public let succession: Succession
    public let fileName: String
    /// The file line of each row of ``Succession/links``, in the same order.
    public let linkLines: [Int]
    /// The first file line naming each former unit (a row with an empty `new_code` names a
    /// unit left without a successor, which the checks then refuse).
    public let unitLines: [UnitCode: Int]

    public init(csv text: String, fileName: String, effective: CivilDate, graceUntil: CivilDate, basis: String) throws {
        let records = try CSVReader(fileName: fileName).records(in: text)
            .filter { !($0.fields.first?.hasPrefix("#") ?? false) }
        func problem(_ line: Int, _ reason: String) -> CoreError {
            CoreError.succession("\(fileName), dòng \(line): \(reason)")
        }
        guard let header = records.first else {
            throw problem(1, "tệp trống, thiếu dòng tiêu đề \(Succession.csvColumns.joined(separator: ","))")
        }
        let names = header.fields.map { $0.trimmingSpaces().lowercased() }
        var columns: [String: Int] = [:]
        for name in Succession.csvColumns {
            guard let index = names.firstIndex(of: name) else { throw problem(header.line, "thiếu cột \"\(name)\" trong dòng tiêu đề") }
            columns[name] = index
        }
        var units: [ReportingUnit] = []
        var seen: [UnitCode: ReportingUnit] = [:]
        var links: [SuccessionLink] = []
        var lines: [Int] = []
        var unitLines: [UnitCode: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                throw problem(record.line, "có \(record.fields.count) cột, dòng tiêu đề có \(names.count) cột")
            }
            func field(_ name: String) -> String { record.fields[columns[name]!].trimmingSpaces() }
            func code(_ name: String) throws -> UnitCode {
                do { return try UnitCode(parsing: field(name)) } catch { throw problem(record.line, "mã \"\(field(name))\" ở cột \(name) không hợp lệ") }
            }
            guard let kind = UnitKind(rawValue: field("old_kind")) else { throw problem(record.line, "loại đơn vị \"\(field("old_kind"))\" không hợp lệ") }
            guard !field("old_name").isEmpty else { throw problem(record.line, "thiếu tên đơn vị cũ (cột old_name)") }
            let former = ReportingUnit(code: try code("old_code"), name: field("old_name"), kind: kind,
                                       parentCode: field("old_parent").isEmpty ? nil : try code("old_parent"))
            if let earlier = seen[former.code] {
                guard earlier == former else { throw problem(record.line, "đơn vị cũ \(former.code) được ghi khác với dòng trước") }
            } else {
                seen[former.code] = former
                units.append(former)
                unitLines[former.code] = record.line
            }
            if field("new_code").isEmpty { continue }
            guard let share = SuccessionShare(rawValue: field("share")) else {
                throw problem(record.line, "cột share phải là whole, part hoặc archive, không phải \"\(field("share"))\"")
            }
            let defaultText = field("default")
            guard defaultText.isEmpty || defaultText == "default" else { throw problem(record.line, "cột default chỉ được để trống hoặc ghi default") }
            links.append(SuccessionLink(former: former.code, successor: try code("new_code"), share: share, isDefault: defaultText == "default"))
            lines.append(record.line)
        }
        self.succession = Succession(effective: effective, graceUntil: graceUntil, basis: basis, formerUnits: units, links: links)
        self.fileName = fileName
        self.linkLines = lines
        self.unitLines = unitLines
    }

    /// What is wrong with the succession against the new map (``Succession/findings(against:)``),
    /// each naming the file and line of the row it concerns (the first row of a former
    /// unit); a problem of the dates or basis, which the table does not hold, names
    /// `settingsFile` when given.
    public func problems(against newTopology: Topology, settingsFile: String? = nil) -> [CoreError] {
        succession.findings(against: newTopology).map { finding in
            switch finding.subject {
            case .link(let index):
                return CoreError.succession("\(fileName), dòng \(linkLines[index]): \(finding.reason)")
            case .formerUnit(let code):
                guard let line = unitLines[code] else { return finding.error }
                return CoreError.succession("\(fileName), dòng \(line): \(finding.reason)")
            case .succession:
                return settingsFile.map { CoreError.succession("\($0): \(finding.reason)") } ?? finding.error
            }
        }
    }

    /// The succession, or the first of its ``problems(against:settingsFile:)``.
    public func validated(against newTopology: Topology, settingsFile: String? = nil) throws -> Succession {
        if let problem = problems(against: newTopology, settingsFile: settingsFile).first { throw problem }
        return succession
    }
}
