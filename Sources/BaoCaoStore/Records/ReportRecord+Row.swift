import BaoCaoCore
import Foundation
import GRDB

/// A report row read column by column, as GRDB's `Codable` decoding would read it.
///
/// A province lists, checks and decides its thousands of reports at the deadline, and
/// going through the record decoder was a fifth of accepting them.
extension ReportRecord {
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        regimeCode = try row.decode(forColumn: "regimeCode")
        period = try row.decode(forColumn: "period")
        unitCode = try row.decode(forColumn: "unitCode")
        revision = try row.decode(forColumn: "revision")
        let stateText: String = try row.decode(forColumn: "state")
        guard let state = ReportState(rawValue: stateText) else {
            throw StoreError(.corrupt, message: "Cơ sở dữ liệu có báo cáo ở trạng thái không biết \"\(stateText)\".",
                             log: "report row with state \(stateText)")
        }
        self.state = state
        formCode = try row.decode(forColumn: "formCode")
        formVersion = try row.decode(forColumn: "formVersion")
        releaseVersion = try row.decode(forColumn: "releaseVersion")
        narrative = try row.decode(forColumn: "narrative")
        createdAt = try row.decode(forColumn: "createdAt")
        updatedAt = try row.decode(forColumn: "updatedAt")
        signedAt = try row.decode(forColumn: "signedAt")
        bundleId = try row.decode(forColumn: "bundleId")
        receivedAt = try row.decode(forColumn: "receivedAt")
        late = try row.decode(forColumn: "late")
        assignedTo = try row.decode(forColumn: "assignedTo")
        reason = try row.decode(forColumn: "reason")
        decidedAt = try row.decode(forColumn: "decidedAt")
        decisionBundleId = try row.decode(forColumn: "decisionBundleId")
        relayedFor = try row.decode(forColumn: "relayedFor")
        clockSkewAtArrival = try row.decode(forColumn: "clockSkewAtArrival")
    }
}
