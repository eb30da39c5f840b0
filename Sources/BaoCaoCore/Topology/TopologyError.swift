extension ErrorCode where Domain == CoreDomain {
    public static let duplicateUnit = Self("duplicateUnit")
    public static let unknownParent = Self("unknownParent")
    public static let misplacedUnit = Self("misplacedUnit")
    public static let topologyCycle = Self("topologyCycle")
    public static let invalidUnitCode = Self("invalidUnitCode")
    public static let invalidUnitKind = Self("invalidUnitKind")
    public static let invalidTopologyFile = Self("invalidTopologyFile")
}

extension CoreError {
    static func duplicateUnit(_ code: UnitCode, at place: UnitPlace, firstAt first: UnitPlace) -> CoreError {
        CoreError(
            .duplicateUnit,
            message: "\(place): mã đơn vị \(code) bị trùng (đã có ở \(first)).",
            log: "\(place): duplicate unit code \(code), first at \(first)")
    }

    static func unknownParent(_ unit: ReportingUnit, at place: UnitPlace) -> CoreError {
        CoreError(
            .unknownParent,
            message: "\(place): đơn vị \(unit.code) (\(unit.name)) trực thuộc mã \(unit.parentCode?.rawValue ?? "") nhưng không có đơn vị nào mang mã đó.",
            log: "\(place): unit \(unit.code) has unknown parent \(unit.parentCode?.rawValue ?? "")")
    }

    static func misplacedUnit(_ unit: ReportingUnit, parent: ReportingUnit?, at place: UnitPlace) -> CoreError {
        let under = parent.map { "\($0.vietnameseLabel) \($0.code) (\($0.name))" } ?? "cấp cao nhất (không có cấp trên)"
        return CoreError(
            .misplacedUnit,
            message: "\(place): \(unit.vietnameseLabel) \(unit.code) (\(unit.name)) không thể trực thuộc \(under).",
            log: "\(place): unit \(unit.code) of kind \(unit.kind) cannot hang under \(parent.map { "\($0.code) of kind \($0.kind)" } ?? "nothing")")
    }

    static func topologyCycle(_ unit: ReportingUnit, at place: UnitPlace) -> CoreError {
        CoreError(
            .topologyCycle,
            message: "\(place): đơn vị \(unit.code) (\(unit.name)) nằm trong một vòng trực thuộc (đơn vị cấp trên lại trực thuộc chính nó).",
            log: "\(place): unit \(unit.code) is part of a parent cycle")
    }

    static func invalidUnitCode(_ code: String, reason: String, at place: UnitPlace) -> CoreError {
        CoreError(
            .invalidUnitCode,
            message: "\(place): đơn vị \"\(code)\" không hợp lệ: \(reason).",
            log: "\(place): invalid unit \(code)")
    }

    static func invalidUnitCode(_ text: String, reason: String, why: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(
            .invalidUnitCode,
            message: "Mã đơn vị \"\(text)\" không hợp lệ: \(reason).",
            log: "invalid unit code \"\(text)\": \(why)",
            file: file, line: line)
    }

    static func invalidUnitKind(_ text: String, at place: UnitPlace) -> CoreError {
        let allowed = UnitKind.allCases.map(\.rawValue).joined(separator: ", ")
        return CoreError(
            .invalidUnitKind,
            message: "\(place): loại đơn vị \"\(text)\" không hợp lệ; dùng một trong: \(allowed).",
            log: "\(place): invalid unit kind \(text)")
    }

    static func invalidTopologyFile(_ fileName: String, line: Int, reason: String) -> CoreError {
        CoreError(
            .invalidTopologyFile,
            message: "\(fileName), dòng \(line): \(reason).",
            log: "\(fileName):\(line): invalid topology file")
    }
}

extension ReportingUnit {
    /// "xã", "huyện", … as used at the start of a message.
    var vietnameseLabel: String {
        switch kind {
        case .commune: "Xã"
        case .district: "Huyện"
        case .province: "Tỉnh"
        case .department: "Sở, ban, ngành"
        case .national: "Đơn vị trung ương"
        case .other: "Đơn vị"
        }
    }
}
