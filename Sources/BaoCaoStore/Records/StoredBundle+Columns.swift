import BaoCaoCore
import Foundation
import GRDB

// A bundle row and a delivery row written column by column, as GRDB's `Codable` encoding
// writes them (the domain's names as their text, dates as ``DatabaseDateText``, the
// enumerations as their raw values): every bundle taken in or made writes one of each at
// least, and going through the record encoder was a sizeable part of recording them.
// `RecordTests.bundleAndDeliveryRows_holdTheTextTheyAlwaysHeld` holds the text.

extension StoredBundle {
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["kind"] = kind
        container["sender"] = sender
        container["recipient"] = recipient
        container["size"] = size
        container["signer"] = signer
        container["signedAt"] = DatabaseDateText.text(signedAt)
        container["origin"] = origin.rawValue
        container["receivedAt"] = DatabaseDateText.text(receivedAt)
        container["about"] = about
    }
}

extension Delivery {
    public func encode(to container: inout PersistenceContainer) throws {
        container["sequence"] = sequence
        container["bundleId"] = bundleId
        container["destination"] = destination
        container["direction"] = direction.rawValue
        container["state"] = state.rawValue
        container["queuedAt"] = DatabaseDateText.text(queuedAt)
        container["acknowledgedAt"] = acknowledgedAt.map(DatabaseDateText.text)
        container["refusal"] = refusal
        container["attempts"] = attempts
        container["retryAt"] = retryAt.map(DatabaseDateText.text)
        container["lastAnswer"] = lastAnswer
        container["unsettledSince"] = unsettledSince.map(DatabaseDateText.text)
    }
}
