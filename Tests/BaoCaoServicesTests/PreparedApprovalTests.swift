import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation
import Testing

/// The leader's key is on a token on their own PC (issue 18, item 3): the node prepares
/// the report's bundle once, the leader's signature over its attributes comes back from
/// elsewhere, and only a bundle that then verifies whole — both signatures, as the
/// district will check it — is recorded as the approval, and reaches the district.
@Suite("Approving with a signature made elsewhere", .serialized)
struct PreparedApprovalTests {
    @Test func preparedApproval_signedElsewhere_isAssembled_recorded_andAcceptedAbove() async throws {
        try await LifecycleNetwork.running(personalSignaturesRequiredFrom: Date().addingTimeInterval(-600)) { try await run($0) }
    }

    private func run(_ net: LifecycleNetwork) async throws {
        let leader = try net.person("chutich", at: "05266", roles: [.dataEntry, .approver])
        let reports = ReportService(work: net.nodes["05266"]!.work)
        let id = try net.submittedReport(at: "05266", period: "2026-10", by: leader)
        let chairman = net.pki.persons["05266"]!.first { $0.login == "lanhdao" }!.identity
        let aggregator = net.pki.persons["05266"]!.first { $0.login == "tonghop" }!.identity
        let approvals = PreparedApprovals()

        func prepared() throws -> (String, PreparedApproval) {
            let approval = try reports.prepareApproval(report: id, by: leader, at: Date())
            return (approvals.keep(approval, at: Date()), approval)
        }
        func external(_ approval: PreparedApproval, by signer: SigningIdentity, certificate: SigningIdentity? = nil) throws -> SignedDataBuilder.ExternalSignature {
            SignedDataBuilder.ExternalSignature(certificate: (certificate ?? signer).certificate, chain: [], attributes: approval.attributes,
                                                signature: try approval.attributes.signature(with: signer))
        }

        // A signature that is not the leader's key: refused, the report still waits.
        let (forgedId, forged) = try prepared()
        let wrong = #expect(throws: ServiceError.self) {
            _ = try reports.approve(prepared: approvals.take(forgedId, report: id, at: Date()),
                                    personalSignature: external(forged, by: aggregator, certificate: chairman), by: leader, at: Date())
        }
        #expect(wrong?.message.contains("không khớp với khóa công khai") == true, "\(wrong?.message ?? "")")
        #expect(try reports.details(report: id, by: leader).report.state == .submitted)
        // Taken once: the same id cannot be used again.
        #expect(throws: ServiceError.self) { _ = try approvals.take(forgedId, report: id, at: Date()) }

        // The aggregator's genuine signature: it verifies, but the verifier refuses the role.
        let (roleId, role) = try prepared()
        let notLeader = #expect(throws: ServiceError.self) {
            _ = try reports.approve(prepared: approvals.take(roleId, report: id, at: Date()), personalSignature: external(role, by: aggregator),
                                    by: leader, at: Date())
        }
        #expect(notLeader?.message.contains("lãnh đạo phê duyệt của đơn vị 05266") == true, "\(notLeader?.message ?? "")")
        #expect(try reports.details(report: id, by: leader).report.state == .submitted)

        // The leader's signature over the prepared attributes: assembled, verified, recorded.
        let (goodId, good) = try prepared()
        let bundleId = try reports.approve(prepared: approvals.take(goodId, report: id, at: Date()), personalSignature: external(good, by: chairman),
                                           by: leader, at: Date())
        #expect(bundleId == good.bundle.id)
        let details = try reports.details(report: id, by: leader)
        #expect(details.report.state == .approved)
        #expect(details.report.bundleId == bundleId)
        try reports.send(report: id, by: leader, at: Date())
        #expect(try await net.sync("05266").pushed == 1)
        let district = net.nodes["157"]!.work
        let verified = try #require(try district.runtime.ingestor().trust.verifier.verify(try district.runtime.files.read(bundleId), now: Date()).bundle)
        #expect(verified.personalSignature?.person.name == "Nguyễn Văn An")
        #expect(verified.signer.organizationalUnit == "05266")
    }

    /// A report rejected and changed after its bundle was prepared: the old signature does
    /// not approve the new content.
    @Test func reportChangedSincePrepared_isRefused() async throws {
        try await LifecycleNetwork.running(personalSignaturesRequiredFrom: Date().addingTimeInterval(-600)) { net in
            let leader = try net.person("chutich", at: "05266", roles: [.dataEntry, .approver])
            let reports = ReportService(work: net.nodes["05266"]!.work)
            let id = try net.submittedReport(at: "05266", period: "2026-10", by: leader)
            let approval = try reports.prepareApproval(report: id, by: leader, at: Date())
            try reports.reject(report: id, reason: "Sửa NN01", by: leader, at: Date())
            try reports.setValues(report: id, [("NN01", "99")], by: leader, at: Date())
            for section in ["A", "B"] { try reports.approveSection(report: id, section: section, by: leader, at: Date()) }
            try reports.submit(report: id, by: leader, at: Date())
            let chairman = net.pki.persons["05266"]!.first { $0.login == "lanhdao" }!.identity
            let signature = SignedDataBuilder.ExternalSignature(certificate: chairman.certificate, chain: [], attributes: approval.attributes,
                                                                signature: try approval.attributes.signature(with: chairman))
            let changed = #expect(throws: ServiceError.self) {
                _ = try reports.approve(prepared: approval, personalSignature: signature, by: leader, at: Date())
            }
            #expect(changed?.message.contains("Báo cáo đã thay đổi từ khi chuẩn bị ký") == true, "\(changed?.message ?? "")")
            #expect(try reports.details(report: id, by: leader).report.state == .submitted)
        }
    }
}
