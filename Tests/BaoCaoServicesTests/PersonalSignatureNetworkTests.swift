import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation
import Testing

/// Once the province's release requires them, a commune's report leaves with its leader's
/// own signature beside the commune's, the district sees who signed, and the district's
/// decision carries its aggregator's — over real nodes and mutual TLS.
@Suite("Personal signatures across the network", .serialized)
struct PersonalSignatureNetworkTests {
    @Test func reportAndDecision_carryThePersonsSignatures() async throws {
        try await LifecycleNetwork.running(personalSignaturesRequiredFrom: Date().addingTimeInterval(-600)) { try await run($0) }
    }

    private func run(_ net: LifecycleNetwork) async throws {
        let period: Period = "2026-10"
        let leader = try net.person("chutich", at: "05266", roles: [.dataEntry, .approver])
        let reports = ReportService(work: net.nodes["05266"]!.work)
        let id = try net.submittedReport(at: "05266", period: period, by: leader)

        // With the commune's key alone the report is not signed, and stays waiting for approval.
        let unitOnly = #expect(throws: ServiceError.self) { _ = try reports.approve(report: id, by: leader, at: Date()) }
        #expect(unitOnly?.message.contains("phải có chữ ký số cá nhân của lãnh đạo phê duyệt") == true, "\(unitOnly?.message ?? "")")
        #expect(try reports.details(report: id, by: leader).report.state == .submitted)
        // The aggregator's certificate is not a leader's: refused the same way.
        let wrongRole = #expect(throws: ServiceError.self) {
            _ = try reports.approve(report: id, by: leader, personalSignature: net.pki.persons["05266"]!.first { $0.login == "tonghop" }!.identity, at: Date())
        }
        #expect(wrongRole?.message.contains("không được bản phát hành đăng ký là lãnh đạo phê duyệt của đơn vị 05266") == true, "\(wrongRole?.message ?? "")")

        let chairman = net.pki.persons["05266"]!.first { $0.login == "lanhdao" }!.identity
        let bundleId = try reports.approve(report: id, by: leader, personalSignature: chairman, at: Date())
        try reports.send(report: id, by: leader, at: Date())
        #expect(try await net.sync("05266").pushed == 1)

        // The district holds the report and sees who signed it, as what.
        let district = net.nodes["157"]!.work
        let stored = try district.runtime.files.read(bundleId)
        let verified = try #require(try district.runtime.ingestor().trust.verifier.verify(stored, now: Date()).bundle)
        #expect(verified.personalSignature?.person.name == "Nguyễn Văn An")
        #expect(verified.personalSignature?.role == .approver)
        #expect(verified.signer.organizationalUnit == "05266")

        // The district decides: the leader's personal certificate is not the aggregator's.
        let aggregator = try net.person("tonghop", at: "157", roles: [.aggregator])
        let inbox = InboxService(work: district)
        let districtLeader = net.pki.persons["157"]!.first { $0.login == "lanhdao" }!.identity
        #expect(throws: ServiceError.self) {
            try inbox.acceptAll(regime: "R1", period: period, by: aggregator, personalSignature: districtLeader, at: Date())
        }
        #expect(try inbox.list(regime: "R1", period: period, state: .received, by: aggregator).count == 1)
        let officer = net.pki.persons["157"]!.first { $0.login == "tonghop" }!.identity
        #expect(try inbox.acceptAll(regime: "R1", period: period, by: aggregator, personalSignature: officer, at: Date()) == 1)
        #expect(try await net.sync("05266").pulled == 1)
        #expect(try reports.details(report: id, by: leader).report.state == .accepted)
        let decisionId = try #require(try inbox.list(regime: "R1", period: period, by: aggregator).first?.report.decisionBundleId)
        let decision = try net.nodes["05266"]!.work.runtime.files.read(decisionId)
        let checked = try #require(try net.nodes["05266"]!.work.runtime.ingestor().trust.verifier.verify(decision, now: Date()).bundle)
        #expect(checked.personalSignature?.person.name == "Trần Thị Bình")
        #expect(checked.personalSignature?.role == .aggregator)
    }
}
