/// The plan file format: yearly targets (kế hoạch) assigned to units, kept by the
/// province as a spreadsheet and saved as CSV.
///
/// ```
/// unit,year,indicator,value
/// 17,2026,NS01,"3.250.000"
/// 157,2026,NN01,"6.150,5"
/// ```
///
/// Values may be written the Vietnamese way (`6.150,5`) or the international way
/// (`6150.5`); a number that reads differently in the two (`1.245`) is refused.
extension PlanTarget {
    public static let csvColumns = ["unit", "year", "indicator", "value"]

    public static func targets(csv text: String, fileName: String) throws -> [PlanTarget] {
        let records = try CSVReader(fileName: fileName).records(in: text)
            .filter { !($0.fields.first?.hasPrefix("#") ?? false) }
        guard let header = records.first else { return [] }
        let names = header.fields.map { $0.trimmingSpaces().lowercased() }
        var columns: [Int] = []
        for name in csvColumns {
            guard let index = names.firstIndex(of: name) else {
                throw CoreError.invalidPlanFile(fileName, line: header.line, reason: "thiếu cột \"\(name)\" trong dòng tiêu đề")
            }
            columns.append(index)
        }
        var seen: [String: Int] = [:]
        return try records.dropFirst().map { record in
            guard record.fields.count == names.count else {
                throw CoreError.invalidPlanFile(fileName, line: record.line, reason: "có \(record.fields.count) cột, dòng tiêu đề có \(names.count) cột")
            }
            let field = { (i: Int) in record.fields[columns[i]].trimmingSpaces() }
            guard let year = Int(field(1)), (1900...2199).contains(year) else {
                throw CoreError.invalidPlanFile(fileName, line: record.line, reason: "năm \"\(field(1))\" không hợp lệ")
            }
            let value: ExactDecimal
            do {
                value = try VietnameseNumberFormat.parse(field(3), convention: .anyUnambiguous)
            } catch let error as CoreError {
                throw CoreError.invalidPlanFile(fileName, line: record.line, reason: error.message)
            }
            let unit: UnitCode
            do {
                unit = try UnitCode(parsing: field(0))
            } catch let error as CoreError {
                throw CoreError.invalidPlanFile(fileName, line: record.line, reason: error.message)
            }
            let key = "\(field(0))/\(year)/\(field(2))"
            if let first = seen.updateValue(record.line, forKey: key) {
                throw CoreError.invalidPlanFile(fileName, line: record.line, reason: "kế hoạch của đơn vị \(field(0)) cho chỉ tiêu \(field(2)) năm \(year) đã có ở dòng \(first)")
            }
            return PlanTarget(unit: unit, year: year, indicator: field(2), value: value)
        }
    }
}

extension ErrorCode where Domain == CoreDomain {
    public static let invalidPlanFile = Self("invalidPlanFile")
}

extension CoreError {
    static func invalidPlanFile(_ fileName: String, line: Int, reason: String) -> CoreError {
        let reason = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
        return CoreError(.invalidPlanFile, message: "\(fileName), dòng \(line): \(reason).", log: "\(fileName):\(line): invalid plan file")
    }
}
