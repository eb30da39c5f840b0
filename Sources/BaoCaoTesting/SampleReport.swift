import BaoCaoBundle
import BaoCaoCore
import Foundation

/// A signed report bundle for tests that need one to travel — its size, its route, its
/// answer — rather than its figures: a real report (the acceptance table lets a unit send
/// nothing else up), with a narrative of the size asked for and, if asked, one attached file.
public enum SampleReport {
    /// The regime sample reports belong to; any node takes a report of a regime it does not
    /// know as received (the figures are checked against the catalog when a person opens it).
    public static let regime: RegimeCode = "KTXH-THANG"

    /// Writes revision `revision` of `unit`'s report for `month`/`year` to `receiver`.
    public static func write(_ writer: BundleWriter, unit: UnitCode, to receiver: UnitCode, regime: RegimeCode = regime, revision: Int = 1,
                             month: Int = 11, year: Int = 2026, narrative: String = "", attachment: Data? = nil,
                             at time: Date = Date()) throws -> (id: String, data: Data) {
        let (report, about) = try document(unit: unit, regime: regime, revision: revision, month: month, year: year, narrative: narrative,
                                           attachment: attachment)
        var parts = [BundleWriter.Part(path: ReportDocument.partPath, data: report)]
        if let attachment {
            parts.append(BundleWriter.Part(path: ReportDocument.Attachment.part(1), data: attachment, mediaType: "application/octet-stream"))
        }
        return try writer.write(kind: .report, sender: unit, recipient: .unit(receiver), parts: parts, about: about, at: time)
    }

    /// The `report.json` of such a report and the manifest labels it needs; an attachment
    /// travels as part `attachments/1`.
    public static func document(unit: UnitCode, regime: RegimeCode = regime, revision: Int = 1, month: Int = 11, year: Int = 2026,
                                narrative: String = "", attachment: Data? = nil) throws -> (report: Data, about: [String: String]) {
        let period = try Period.month(month, year: year)
        let attachments = try attachment.map { data in
            [ReportDocument.Attachment(name: "phu-luc.bin", contentType: "application/octet-stream", size: data.count,
                                       sha256: try SHA256Digest.hexDigest(of: data), part: ReportDocument.Attachment.part(1))]
        } ?? []
        let document = ReportDocument(regime: regime, period: period, unit: unit, revision: revision, form: "KTXH", formVersion: 1,
                                      releaseVersion: nil, values: [:], narrative: narrative, sectionApprovals: [],
                                      approvedBy: "lanhdao", attachments: attachments)
        return (try document.encoded(), ["regime": regime.rawValue, "period": period.id, "revision": String(revision)])
    }
}
