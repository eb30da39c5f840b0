import BaoCaoCore
import Foundation

/// The documents report bundles carry: `report.json` (read strictly in one pass,
/// ``ReportDocument/decode(_:)``, and through `Codable` as the store does),
/// `decision.json` and `notice.json`. What decodes must encode to bytes that decode equal.
enum ReportFuzzTarget {
    /// Accepted: the input decoded strictly as one of the three documents.
    static func run(_ data: Data) -> FuzzOutcome {
        var outcome = FuzzOutcome.refused
        if let document = try? ReportDocument.decode(data) {
            roundTrip(document, "report", encode: { try $0.encoded() }, decode: ReportDocument.decode)
            outcome = .accepted
        }
        _ = try? JSONDecoder().decode(ReportDocument.self, from: data)
        if let decision = try? ReportDecision.decode(data) {
            roundTrip(decision, "decision", encode: { try $0.encoded() }, decode: ReportDecision.decode)
            outcome = .accepted
        }
        if let notice = try? NoticeDocument.decode(data) {
            roundTrip(notice, "notice", encode: { try $0.encoded() }, decode: NoticeDocument.decode)
            outcome = .accepted
        }
        return outcome
    }

    private static func roundTrip<Document: Equatable>(_ document: Document, _ name: String, encode: (Document) throws -> Data,
                                                       decode: (Data) throws -> Document) {
        do {
            let again = try decode(try encode(document))
            FuzzInvariant.require(again == document, "a \(name) document decodes differently after re-encoding")
        } catch {
            FuzzInvariant.require(false, "a \(name) document that decodes does not re-encode and decode: \(error)")
        }
    }
}
