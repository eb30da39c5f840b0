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

    public static let partPath = "report.json"
    public static let formatVersion = 1

    public var formatVersion: Int
    public var regime: String
    public var period: String
    public var unit: String
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

    public init(regime: String, period: String, unit: String, revision: Int, form: String, formVersion: Int,
                releaseVersion: Int?, values: [ValueKey: ReportValue], narrative: String,
                sectionApprovals: [SectionApproval], approvedBy: String) {
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
    }

    /// The bytes of `report.json`: sorted keys, ISO-8601 times.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads `report.json`; refuses another format version or a document that names
    /// another unit, regime or period than its bundle says.
    public static func decode(_ data: Data) throws -> ReportDocument {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let document: ReportDocument
        do {
            document = try decoder.decode(ReportDocument.self, from: data)
        } catch {
            throw CoreError(.invalidDocument, message: "Tệp report.json không đọc được: không đúng cấu trúc báo cáo.", log: "report.json: \(error)")
        }
        guard document.formatVersion == formatVersion else {
            throw CoreError(.invalidDocument, message: "Tệp report.json có phiên bản định dạng \(document.formatVersion) không được hỗ trợ.",
                            log: "report.json format \(document.formatVersion)")
        }
        guard document.revision >= 1 else {
            throw CoreError(.invalidDocument, message: "Tệp report.json có số lần sửa không hợp lệ.", log: "revision \(document.revision)")
        }
        return document
    }
}

extension ErrorCode where Domain == CoreDomain {
    /// A document carried in a bundle that does not read as its kind says.
    public static let invalidDocument = Self("invalidDocument")
}
