import BaoCaoCore
import Foundation
import GRDB

/// A report that reached this node outside the system, during a failure (seed 000 art.
/// 7.3: "bằng hình thức văn bản điện tử thông qua Hệ thống quản lý văn bản và điều hành";
/// seed 001 art. 10.2d), recorded by the receiver: the document as it came (a PDF or a
/// scan), whose signatures were checked when it is a signed PDF, and the figures the
/// receiver typed from it on the sender's behalf — by whom, when. It counts for
/// completeness and the consolidated figures, marked, until the unit's own signed report
/// is accepted here (``NodeStore/outsideStandIns(regime:periods:in:)``).
public struct OutsideReportRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outsideReport"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let regimeCode = Column(CodingKeys.regimeCode)
        public static let period = Column(CodingKeys.period)
        public static let unitCode = Column(CodingKeys.unitCode)
    }

    /// What the document's signatures came to, checked when it was recorded.
    public struct SignatureCheck: Sendable, Hashable, Codable {
        /// The signer's name, when it could be read.
        public var signer: String?
        public var signedAt: Date?
        /// Why it does not hold, in Vietnamese; `nil` when it verifies.
        public var problem: String?

        public init(signer: String?, signedAt: Date?, problem: String?) {
            self.signer = signer
            self.signedAt = signedAt
            self.problem = problem
        }
    }

    public var id: Int64?
    /// The regime, period and unit the report is for: the unit that could not send it.
    public var regimeCode: RegimeCode
    public var period: Period
    public var unitCode: UnitCode
    /// The form the figures were typed into.
    public var formCode: String
    public var formVersion: Int
    /// The file as it came, its type (`application/pdf`, `image/jpeg`, `image/png`, `image/tiff`), size and SHA-256 (hex).
    public var documentName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var document: Data
    /// The document's number (số văn bản), when it has one.
    public var documentNumber: String?
    /// When it reached the receiver outside the system (by the e-office system or otherwise): what timeliness is judged by.
    public var receivedAt: Date
    /// Why it came outside the system: the failure.
    public var reason: String
    /// The figures the receiver typed, by value key (JSON of `ValueKey` text to ``ReportValue``).
    public var figures: String
    /// The document's signatures as checked (JSON array of ``SignatureCheck``; empty for a scan or an unsigned PDF).
    public var signatures: String
    /// Who typed it in, and when: entered on the sender's behalf.
    public var enteredBy: String
    public var enteredAt: Date

    public init(regimeCode: RegimeCode, period: Period, unitCode: UnitCode, formCode: String, formVersion: Int, documentName: String, contentType: String, document: Data,
                sha256: String, documentNumber: String?, receivedAt: Date, reason: String, figures: [ValueKey: ReportValue],
                signatures: [SignatureCheck], enteredBy: String, enteredAt: Date) throws {
        self.regimeCode = regimeCode
        self.period = period
        self.unitCode = unitCode
        self.formCode = formCode
        self.formVersion = formVersion
        self.documentName = documentName.nfc
        self.contentType = contentType
        self.size = document.count
        self.sha256 = sha256
        self.document = document
        self.documentNumber = documentNumber?.nfc
        self.receivedAt = receivedAt
        self.reason = reason.nfc
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        self.figures = String(decoding: try encoder.encode(Dictionary(uniqueKeysWithValues: figures.map { ($0.key.description, $0.value) })), as: UTF8.self)
        self.signatures = String(decoding: try encoder.encode(signatures), as: UTF8.self)
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
    }

    /// The typed figures, by value key.
    public func values() throws -> [ValueKey: ReportValue] {
        let texts = try JSONDecoder().decode([String: ReportValue].self, from: Data(figures.utf8))
        var result: [ValueKey: ReportValue] = [:]
        for (key, value) in texts {
            guard let parsed = try? ValueKey(parsing: key) else { throw StoreError.invalidStoredData("outside report \(id ?? 0) key \(key)") }
            result[parsed] = value
        }
        return result
    }

    /// The document's signatures as checked when it was recorded.
    public func signatureChecks() throws -> [SignatureCheck] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([SignatureCheck].self, from: Data(signatures.utf8))
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
