import BaoCaoCore
import Foundation
import GRDB

// A report row and an event row written column by column, as GRDB's `Codable` encoding
// writes them (the domain's names as their text, dates as ``DatabaseDateText``, states by
// name, `late` as 0 or 1): a province records a row of each for every report it takes in
// and every decision it makes, and going through the record encoder was a sizeable part
// of both. `RecordTests.reportAndEventRows_holdTheTextTheyAlwaysHeld` holds the text.

extension ReportRecord {
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["regimeCode"] = regimeCode
        container["period"] = period
        container["unitCode"] = unitCode
        container["revision"] = revision
        container["state"] = state.rawValue
        container["formCode"] = formCode
        container["formVersion"] = formVersion
        container["releaseVersion"] = releaseVersion
        container["narrative"] = narrative
        container["createdAt"] = DatabaseDateText.text(createdAt)
        container["updatedAt"] = DatabaseDateText.text(updatedAt)
        container["signedAt"] = signedAt.map(DatabaseDateText.text)
        container["bundleId"] = bundleId
        container["receivedAt"] = receivedAt.map(DatabaseDateText.text)
        container["late"] = late
        container["assignedTo"] = assignedTo
        container["reason"] = reason
        container["decidedAt"] = decidedAt.map(DatabaseDateText.text)
        container["decisionBundleId"] = decisionBundleId
        container["relayedFor"] = relayedFor
        container["clockSkewAtArrival"] = clockSkewAtArrival
    }
}

extension ReportEvent {
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["reportId"] = reportId
        container["at"] = DatabaseDateText.text(at)
        container["actor"] = actor
        container["fromState"] = fromState?.rawValue
        container["toState"] = toState.rawValue
        container["reason"] = reason
    }
}
