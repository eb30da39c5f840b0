import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// A parent's answers to a whole batch are booked together: each delivery as its own
/// answer says, one already settled left as it was.
@Suite("Delivery settlement")
struct DeliverySettlementTests {
    static let day = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func aBatchOfAnswers_settlesEachDelivery_asItsAnswerSays() throws {
        let store = try NodeStore.inMemory()
        let ids = ["taken", "refused", "later", "unknown", "settledBefore"].map { ($0 + String(repeating: "0", count: 64)).prefix(64) }.map(String.init)
        try store.writer.write { db in
            for id in ids {
                try StoredBundle(id: id, kind: "report", sender: "05290", recipient: .unit("148"), size: 1, signer: "", signedAt: Self.day,
                                 origin: .local, receivedAt: Self.day, about: [:]).insert(db)
                try Delivery(bundleId: id, destination: "148", direction: .up, queuedAt: Self.day).insert(db)
            }
        }
        try store.acknowledge(bundleId: ids[4], destination: "148", at: Self.day)
        let now = Self.day.addingTimeInterval(3600)
        try store.settle([
            (ids[0], .acknowledged),
            (ids[1], .refused(reason: "Sai chữ ký [invalidSignature]")),
            (ids[2], .postponed(answer: "Chưa lưu được [notStored]", retryAt: now.addingTimeInterval(60), unsettled: false)),
            (ids[3], .postponed(answer: "???", retryAt: now.addingTimeInterval(120), unsettled: true)),
            (ids[4], .refused(reason: "too late")),
        ], destination: "148", at: now)
        let rows = try store.writer.read { try Delivery.fetchAll($0, sql: "SELECT * FROM delivery ORDER BY sequence") }
        #expect(rows.map(\.state) == [.acknowledged, .refused, .pending, .pending, .acknowledged])
        #expect(rows[0].acknowledgedAt == now && rows[1].acknowledgedAt == now && rows[4].acknowledgedAt == Self.day)
        #expect(rows[1].refusal == "Sai chữ ký [invalidSignature]" && rows[4].refusal == nil)
        #expect(rows[2].attempts == 1 && rows[2].retryAt == now.addingTimeInterval(60) && rows[2].lastAnswer == "Chưa lưu được [notStored]"
                && rows[2].unsettledSince == nil)
        #expect(rows[3].retryAt == now.addingTimeInterval(120) && rows[3].unsettledSince == now)
        // Still pending: offered again when due, the unsettled one's first unanswered time kept.
        try store.settle([(ids[3], .postponed(answer: "???", retryAt: now.addingTimeInterval(600), unsettled: true))], destination: "148",
                         at: now.addingTimeInterval(300))
        let again = try store.writer.read { try Delivery.fetchOne($0, sql: "SELECT * FROM delivery WHERE bundleId = ?", arguments: [ids[3]]) }
        #expect(again?.attempts == 2 && again?.unsettledSince == now)
    }
}
