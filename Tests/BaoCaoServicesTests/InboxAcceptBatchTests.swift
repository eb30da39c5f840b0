import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// "Accept all" at a receiving node: checked in one read for the whole list, yet each
/// report still only if it is received, signed, and its unit's newest revision.
@Suite("Accepting many reports at once")
struct InboxAcceptBatchTests {
    let nodes: SignedNodes
    let inbox: InboxService
    let aggregator = SignedNodes.person("tonghop", [.aggregator])
    let period: Period = "2026-05"

    init() throws {
        nodes = try SignedNodes()
        inbox = InboxService(work: nodes.work("148"))
    }

    private var store: NodeStore { nodes.work("148").store }

    private func state(_ id: Int64) throws -> ReportRecord? {
        try store.writer.read { try NodeStore.report(id: id, in: $0) }
    }

    /// A list that holds an older revision while a newer one waits is refused whole, naming
    /// the newer revision: no report of the list is accepted and no decision goes down.
    @Test func listWithAnOutdatedRevision_isRefusedWhole_andNothingIsDecided() throws {
        let first = try Fixtures.report(store, "04801", period, revision: 1, state: .received, signedAt: nodes.now, receivedAt: nodes.now, [:])
        _ = try Fixtures.report(store, "04801", period, revision: 2, state: .received, signedAt: nodes.now, receivedAt: nodes.now, [:])
        let other = try Fixtures.report(store, "04802", period, state: .received, signedAt: nodes.now, receivedAt: nodes.now, [:])
        let refusal = #expect(throws: ServiceError.self) { try inbox.accept(reports: [other, first], by: aggregator, at: nodes.now) }
        #expect(refusal?.message.contains("Đã có lần 2 mới hơn") == true)
        #expect(try state(other)?.state == .received)
        #expect(try state(first)?.state == .received)
        #expect(try store.pendingDeliveries(direction: .down).isEmpty)
    }

    /// The newest revisions of several units are accepted together, each with its own signed
    /// decision queued down to its unit and its own audit line.
    @Test func newestRevisionsOfSeveralUnits_areAcceptedEachWithItsDecision() throws {
        _ = try Fixtures.report(store, "04801", period, revision: 1, state: .returned, signedAt: nodes.now, receivedAt: nodes.now, [:])
        let revised = try Fixtures.report(store, "04801", period, revision: 2, state: .received, signedAt: nodes.now, receivedAt: nodes.now, [:])
        let other = try Fixtures.report(store, "04802", period, state: .received, signedAt: nodes.now, receivedAt: nodes.now, [:])
        #expect(try inbox.accept(reports: [revised, other], by: aggregator, at: nodes.now) == 2)
        for id in [revised, other] {
            let record = try #require(try state(id))
            #expect(record.state == .accepted && record.decisionBundleId != nil)
        }
        #expect(Set(try store.pendingDeliveries(direction: .down).map(\.destination)) == ["04801", "04802"])
        #expect(try nodes.audit("148").filter { $0.action == "inbox.accepted" }.count == 2)
    }

    /// A report that is not a received one (this node's own, or unknown) refuses the list.
    @Test func unknownReportInTheList_isRefusedByItsNumber() throws {
        let other = try Fixtures.report(store, "04802", period, state: .received, signedAt: nodes.now, receivedAt: nodes.now, [:])
        let refusal = #expect(throws: ServiceError.self) { try inbox.accept(reports: [other, 987_654], by: aggregator, at: nodes.now) }
        #expect(refusal?.message == "Không có báo cáo đã nhận số 987654.")
        #expect(try state(other)?.state == .received)
    }
}
