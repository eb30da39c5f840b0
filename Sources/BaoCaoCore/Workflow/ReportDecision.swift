import Foundation

/// The receiver's decision on one report revision (`decision.json` in a decision bundle),
/// travelling down to the unit that sent it.
public struct ReportDecision: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        case accepted, returned
    }

    public static let partPath = "decision.json"

    public var regime: RegimeCode
    public var period: Period
    /// The unit whose report it is.
    public var unit: UnitCode
    public var revision: Int
    /// The id of the report bundle decided on.
    public var reportBundle: String
    public var outcome: Outcome
    /// Required when returned: what to correct.
    public var reason: String?
    /// Who decided (login at the receiver), for display.
    public var decidedBy: String
    public var decidedAt: Date

    public init(regime: RegimeCode, period: Period, unit: UnitCode, revision: Int, reportBundle: String, outcome: Outcome,
                reason: String?, decidedBy: String, decidedAt: Date) {
        self.regime = regime
        self.period = period
        self.unit = unit
        self.revision = revision
        self.reportBundle = reportBundle
        self.outcome = outcome
        self.reason = reason?.nfc
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> ReportDecision {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            let decision = try decoder.decode(ReportDecision.self, from: data)
            if decision.outcome == .returned, (decision.reason ?? "").isEmpty { throw MissingReason() }
            return decision
        } catch {
            throw CoreError(.invalidDocument, message: "Tệp decision.json không đọc được: không đúng cấu trúc quyết định.", log: "decision.json: \(error)")
        }
    }

    private struct MissingReason: Error {}
}
