import Foundation

/// The values part of a report bundle (`report.json`): one revision of one unit's report
/// for a regime and period, as its leader approved and signed it.
public struct ReportDocument: Sendable, Hashable, Codable {
    /// A form section's figures approved (duyệt số liệu), by whom and when.
    public struct SectionApproval: Sendable, Hashable, Codable {
        public var section: String
        public var approvedBy: String
        public var approvedAt: Date

        public init(section: String, approvedBy: String, approvedAt: Date) {
            self.section = section
            self.approvedBy = approvedBy
            self.approvedAt = approvedAt
        }
    }

    /// A file attached to the narrative (seed 002 art. 13: a report is its figures and its
    /// narrative, text plus attached files). Its bytes travel as the bundle part `part`,
    /// numbered (`attachments/1`, …): a Vietnamese file name is not a safe part path.
    public struct Attachment: Sendable, Hashable, Codable {
        public var name: String
        public var contentType: String
        public var size: Int
        /// Lower-case hex SHA-256 of the bytes.
        public var sha256: String
        public var part: String

        public init(name: String, contentType: String, size: Int, sha256: String, part: String) {
            self.name = name.nfc
            self.contentType = contentType
            self.size = size
            self.sha256 = sha256
            self.part = part
        }

        /// The part of the `position`-th attachment (from 1).
        public static func part(_ position: Int) -> String { "\(ReportDocument.attachmentFolder)\(position)" }
    }

    public static let partPath = "report.json"
    public static let attachmentFolder = "attachments/"
    public static let formatVersion = 1

    public var formatVersion: Int
    public var regime: RegimeCode
    public var period: Period
    public var unit: UnitCode
    public var revision: Int
    public var form: String
    public var formVersion: Int
    public var releaseVersion: Int?
    public var values: [ValueKey: ReportValue]
    /// The narrative (báo cáo thuyết minh), NFC text.
    public var narrative: String
    public var sectionApprovals: [SectionApproval]
    /// Who approved and signed the report (login), for display.
    public var approvedBy: String
    /// The files attached to the narrative; absent from `report.json` when there are none.
    public var attachments: [Attachment]

    public init(regime: RegimeCode, period: Period, unit: UnitCode, revision: Int, form: String, formVersion: Int,
                releaseVersion: Int?, values: [ValueKey: ReportValue], narrative: String,
                sectionApprovals: [SectionApproval], approvedBy: String, attachments: [Attachment] = []) {
        self.formatVersion = Self.formatVersion
        self.regime = regime
        self.period = period
        self.unit = unit
        self.revision = revision
        self.form = form
        self.formVersion = formVersion
        self.releaseVersion = releaseVersion
        self.values = values
        self.narrative = narrative.nfc
        self.sectionApprovals = sectionApprovals
        self.approvedBy = approvedBy
        self.attachments = attachments
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion, regime, period, unit, revision, form, formVersion, releaseVersion, values, narrative, sectionApprovals, approvedBy
        case attachments
    }

    /// The values travel as rows `[key, value, status]` in key order: a table a person
    /// can read, and much quicker to decode than an object per value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        regime = try c.decode(RegimeCode.self, forKey: .regime)
        period = try c.decode(Period.self, forKey: .period)
        unit = try c.decode(UnitCode.self, forKey: .unit)
        revision = try c.decode(Int.self, forKey: .revision)
        form = try c.decode(String.self, forKey: .form)
        formVersion = try c.decode(Int.self, forKey: .formVersion)
        releaseVersion = try c.decodeIfPresent(Int.self, forKey: .releaseVersion)
        narrative = try c.decode(String.self, forKey: .narrative).nfc
        sectionApprovals = try c.decode([SectionApproval].self, forKey: .sectionApprovals)
        approvedBy = try c.decode(String.self, forKey: .approvedBy)
        attachments = try c.decodeIfPresent([Attachment].self, forKey: .attachments) ?? []
        let rows = try c.decode([[String]].self, forKey: .values)
        var values: [ValueKey: ReportValue] = [:]
        values.reserveCapacity(rows.count)
        for row in rows {
            guard row.count == 3, let status = ReportValue.Status(rawValue: row[2]) else {
                throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "a value row is [key, value, status]")
            }
            let key = try ValueKey(parsing: row[0])
            guard values.updateValue(ReportValue(text: row[1], status: status), forKey: key) == nil else {
                throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "\(key) twice")
            }
        }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(regime, forKey: .regime)
        try c.encode(period, forKey: .period)
        try c.encode(unit, forKey: .unit)
        try c.encode(revision, forKey: .revision)
        try c.encode(form, forKey: .form)
        try c.encode(formVersion, forKey: .formVersion)
        try c.encodeIfPresent(releaseVersion, forKey: .releaseVersion)
        try c.encode(narrative, forKey: .narrative)
        try c.encode(sectionApprovals, forKey: .sectionApprovals)
        try c.encode(approvedBy, forKey: .approvedBy)
        if !attachments.isEmpty { try c.encode(attachments, forKey: .attachments) }
        try c.encode(values.sorted { $0.key < $1.key }.map { [$0.key.description, $0.value.text, $0.value.status.rawValue] }, forKey: .values)
    }

    /// The bytes of `report.json`: sorted keys, ISO-8601 times.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads `report.json` strictly: every field once, none unknown, values as rows.
    /// A province reads thousands at the deadline, so this is one pass over the bytes
    /// (``StrictJSONReader``), not `JSONDecoder`.
    public static func decode(_ data: Data) throws -> ReportDocument {
        var fields = Fields()
        do {
            try data.withUnsafeBytes { bytes in
                var reader = StrictJSONReader(bytes)
                try reader.readObject { reader, key in try fields.read(key, from: &reader) }
                try reader.finish()
            }
        } catch let error as CoreError {
            throw error
        } catch {
            throw CoreError(.invalidDocument, message: "Tệp report.json không đọc được: không đúng cấu trúc báo cáo.", log: "report.json: \(error)")
        }
        guard fields.seen.isSuperset(of: Fields.required) else {
            let missing = Fields.required.subtracting(fields.seen).sorted().joined(separator: ", ")
            throw CoreError(.invalidDocument, message: "Tệp report.json thiếu trường \(missing).", log: "report.json missing \(missing)")
        }
        guard fields.formatVersion == formatVersion else {
            throw CoreError(.invalidDocument, message: "Tệp report.json có phiên bản định dạng \(fields.formatVersion) không được hỗ trợ.",
                            log: "report.json format \(fields.formatVersion)")
        }
        guard fields.revision >= 1 else {
            throw CoreError(.invalidDocument, message: "Tệp report.json có số lần sửa không hợp lệ.", log: "revision \(fields.revision)")
        }
        // The report's own names for what it is about, read as the types they are: a report
        // whose period or unit cannot exist is refused here rather than filed under a name
        // no page can open.
        let (regime, period, unit): (RegimeCode, Period, UnitCode)
        do {
            (regime, period, unit) = (try RegimeCode(parsing: fields.regime), try Period(parsing: fields.period), try UnitCode(parsing: fields.unit))
        } catch let error as CoreError {
            throw CoreError(.invalidDocument, message: "Tệp report.json không hợp lệ: \(error.message)", log: "report.json: \(error.logDescription)")
        }
        var document = ReportDocument(regime: regime, period: period, unit: unit, revision: fields.revision,
                                      form: fields.form, formVersion: fields.formVersion, releaseVersion: fields.releaseVersion,
                                      values: fields.values, narrative: fields.narrative, sectionApprovals: fields.sectionApprovals,
                                      approvedBy: fields.approvedBy, attachments: fields.attachments)
        document.formatVersion = fields.formatVersion
        return document
    }

    /// The fields of `report.json` as read.
    private struct Fields {
        static let required: Set<String> = ["formatVersion", "regime", "period", "unit", "revision", "form", "formVersion", "values",
                                            "narrative", "sectionApprovals", "approvedBy"]
        var seen: Set<String> = []
        var formatVersion = 0, revision = 0, formVersion = 0
        var releaseVersion: Int?
        var regime = "", period = "", unit = "", form = "", narrative = "", approvedBy = ""
        var values: [ValueKey: ReportValue] = [:]
        var sectionApprovals: [SectionApproval] = []
        var attachments: [Attachment] = []

        mutating func read(_ key: String, from reader: inout StrictJSONReader) throws {
            guard seen.insert(key).inserted else { throw Self.problem("trường \(key) xuất hiện hai lần") }
            switch key {
            case "formatVersion": formatVersion = try reader.readInteger()
            case "regime": regime = try reader.readString()
            case "period": period = try reader.readString()
            case "unit": unit = try reader.readString()
            case "revision": revision = try reader.readInteger()
            case "form": form = try reader.readString()
            case "formVersion": formVersion = try reader.readInteger()
            case "releaseVersion": releaseVersion = try reader.readNullIfPresent() ? nil : try reader.readInteger()
            case "narrative": narrative = try reader.readString()
            case "approvedBy": approvedBy = try reader.readString()
            case "values":
                values.reserveCapacity(256)
                try reader.readArray { reader, _ in
                    // [code, value, status], read without a list per figure.
                    var (code, text, statusText) = ("", "", "")
                    var count = 0
                    try reader.readArray { reader, position in
                        let cell = try reader.readString()
                        switch position {
                        case 0: code = cell
                        case 1: text = cell
                        default: statusText = cell
                        }
                        count = position + 1
                    }
                    guard count == 3, let status = ReportValue.Status(rawValue: statusText) else {
                        throw Self.problem("mỗi số liệu phải là [mã, giá trị, trạng thái]")
                    }
                    let valueKey = try ValueKey(parsing: code)
                    guard values.updateValue(ReportValue(text: text, status: status), forKey: valueKey) == nil else {
                        throw Self.problem("số liệu \(valueKey) xuất hiện hai lần")
                    }
                }
            case "sectionApprovals":
                try reader.readArray { reader, _ in
                    var section = "", by = "", at = ""
                    try reader.readObject { reader, name in
                        switch name {
                        case "section": section = try reader.readString()
                        case "approvedBy": by = try reader.readString()
                        case "approvedAt": at = try reader.readString()
                        default: throw Self.problem("trường lạ \"\(name.prefix(40))\" trong sectionApprovals")
                        }
                    }
                    guard let date = try? Date(at, strategy: .iso8601) else { throw Self.problem("thời điểm duyệt phần \(section) không hợp lệ") }
                    sectionApprovals.append(SectionApproval(section: section, approvedBy: by, approvedAt: date))
                }
            case "attachments":
                try reader.readArray { reader, _ in
                    var name = "", type = "", hash = "", part = "", size = -1
                    try reader.readObject { reader, field in
                        switch field {
                        case "part": part = try reader.readString()
                        case "name": name = try reader.readString()
                        case "contentType": type = try reader.readString()
                        case "size": size = try reader.readInteger()
                        case "sha256": hash = try reader.readString()
                        default: throw Self.problem("trường lạ \"\(field.prefix(40))\" trong attachments")
                        }
                    }
                    guard ReportDocument.isAcceptableAttachmentName(name), !type.isEmpty, size >= 0,
                          hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
                          part == Attachment.part(attachments.count + 1) else {
                        throw Self.problem("tệp đính kèm \"\(name.prefix(40))\" ghi thiếu hoặc sai tên, kiểu, cỡ hay mã băm")
                    }
                    guard !attachments.contains(where: { $0.name == name.nfc }) else { throw Self.problem("tệp đính kèm \(name) xuất hiện hai lần") }
                    attachments.append(Attachment(name: name, contentType: type, size: size, sha256: hash, part: part))
                }
            default:
                throw Self.problem("trường lạ \"\(key.prefix(40))\"")
            }
        }

        static func problem(_ reason: String) -> CoreError {
            CoreError(.invalidDocument, message: "Tệp report.json không hợp lệ: \(reason).", log: "report.json: \(reason)")
        }
    }
}

extension ReportDocument {
    /// A file name that is safe as a bundle part and on any disk: 1 to 120 characters, no
    /// path separator, no control character, not starting with a dot.
    public static func isAcceptableAttachmentName(_ name: String) -> Bool {
        let name = name.nfc
        return !name.isEmpty && name.count <= 120 && !name.hasPrefix(".")
            && !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.properties.generalCategory == .control }
    }
}

extension ErrorCode where Domain == CoreDomain {
    /// A document carried in a bundle that does not read as its kind says.
    public static let invalidDocument = Self("invalidDocument")
}
