/// The succession table file (`Topology/phu-tho-2025-07-ke-thua.csv`, written by
/// `Scripts/make-topology` from the official table):
///
/// ```
/// old_code,old_name,old_kind,old_parent,new_code,share,default
/// 17,Tỉnh Hoà Bình,province,,25,whole,
/// 148,Thành phố Hòa Bình,district,17,25,archive,
/// 04891,Xã Vầy Nưa,commune,150,04891,part,default
/// 04891,Xã Vầy Nưa,commune,150,04828,part,
/// ```
///
/// One line per (former unit, successor); a divided unit has one line per piece. Lines
/// starting with `#` are comments; every error names the file line. The date, grace date
/// and legal basis are not in the table: the province gives them when it publishes.
extension Succession {
    public static let csvColumns = ["old_code", "old_name", "old_kind", "old_parent", "new_code", "share", "default"]

    public init(csv text: String, fileName: String, effective: CivilDate, graceUntil: CivilDate, basis: String) throws {
        let records = try CSVReader(fileName: fileName).records(in: text)
            .filter { !($0.fields.first?.hasPrefix("#") ?? false) }
        func problem(_ line: Int, _ reason: String) -> CoreError {
            CoreError.succession("\(fileName), dòng \(line): \(reason)")
        }
        guard let header = records.first else { throw problem(1, "tệp trống, thiếu dòng tiêu đề \(Self.csvColumns.joined(separator: ","))") }
        let names = header.fields.map { $0.trimmingSpaces().lowercased() }
        var columns: [String: Int] = [:]
        for name in Self.csvColumns {
            guard let index = names.firstIndex(of: name) else { throw problem(header.line, "thiếu cột \"\(name)\" trong dòng tiêu đề") }
            columns[name] = index
        }
        var units: [ReportingUnit] = []
        var seen: [UnitCode: ReportingUnit] = [:]
        var links: [SuccessionLink] = []
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                throw problem(record.line, "có \(record.fields.count) cột, dòng tiêu đề có \(names.count) cột")
            }
            func field(_ name: String) -> String { record.fields[columns[name]!].trimmingSpaces() }
            func code(_ name: String) throws -> UnitCode {
                do { return try UnitCode(parsing: field(name)) } catch { throw problem(record.line, "mã \"\(field(name))\" ở cột \(name) không hợp lệ") }
            }
            guard let kind = UnitKind(rawValue: field("old_kind")) else { throw problem(record.line, "loại đơn vị \"\(field("old_kind"))\" không hợp lệ") }
            guard let share = SuccessionShare(rawValue: field("share")) else {
                throw problem(record.line, "cột share phải là whole, part hoặc archive, không phải \"\(field("share"))\"")
            }
            let defaultText = field("default")
            guard defaultText.isEmpty || defaultText == "default" else { throw problem(record.line, "cột default chỉ được để trống hoặc ghi default") }
            let former = ReportingUnit(code: try code("old_code"), name: field("old_name"), kind: kind,
                                       parentCode: field("old_parent").isEmpty ? nil : try code("old_parent"))
            if let earlier = seen[former.code] {
                guard earlier == former else { throw problem(record.line, "đơn vị cũ \(former.code) được ghi khác với dòng trước") }
            } else {
                seen[former.code] = former
                units.append(former)
            }
            links.append(SuccessionLink(former: former.code, successor: try code("new_code"), share: share, isDefault: defaultText == "default"))
        }
        self.init(effective: effective, graceUntil: graceUntil, basis: basis, formerUnits: units, links: links)
    }
}
