import Foundation
import Testing

/// Through the real `baocao` binary at a district: a section head approves its figures only
/// by the leader's delegation, the leader returns one section with a reason, and a figure
/// required of communes only is not asked of the district (issue 21, items 4, 7, 14).
@Suite("Sections through the CLI")
struct SectionCommandTests {
    static let catalog = """
        indicators:
          - { code: NN01, name: "Diện tích lúa gieo cấy", unitOfMeasure: ha, valueType: decimal, decimals: 1, required: true }
          - { code: TC01, name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: decimal, decimals: 3, required: true }
        forms:
          - code: F1
            title: "Biểu tháng"
            sections:
              - { code: A, title: "Nông nghiệp", rows: [NN01], requiredFor: [commune] }
              - { code: B, title: "Tài chính", rows: [TC01] }
        regimes:
          - code: R1
            name: "Báo cáo tháng"
            type: periodic
            frequency: monthly
            form: F1
            reporters: { kinds: [commune, district] }
            deadlines: [ { senderKind: commune, day: 16 }, { senderKind: district, day: 18 } ]
        """
    static let password = "mật-khẩu-đủ-dài-2026"

    let network: SignedNetwork
    let district: String

    init() throws {
        network = try SignedNetwork(units: ["157"])
        try network.workspace.write(Self.catalog, to: "Config/catalog/phan.yaml")
        district = try network.node("157", catalog: "catalog/phan.yaml", extra: "security:\n  bcryptCost: 4")
        try must(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", district], as: nil)
        for (login, role) in [("lanhdao", "approver"), ("truong", "dataEntry"), ("nhaplieu", "dataEntry")] {
            try must(["user", "add", login, "--name", login, "--role", role, "--password-stdin", "--config", district], as: "quantri")
        }
        try must(["section", "add", "A", "--name", "Phòng Nông nghiệp", "--head", "truong", "--config", district], as: "quantri")
    }

    func run(_ arguments: [String], as login: String?) throws -> CommandRunner.Result {
        var environment = ["BAOCAO_NEW_PASSWORD": Self.password]
        if login != nil { environment["BAOCAO_PASSWORD"] = Self.password }
        return try CommandRunner.run(arguments + (login.map { ["--user", $0] } ?? []), environment: environment,
                                     input: Self.password + "\n", in: network.workspace.root)
    }

    @discardableResult
    func must(_ arguments: [String], as login: String?) throws -> String {
        let result = try run(arguments, as: login)
        guard result.status == 0 else { throw SignedNetwork.CLIFailure("\(arguments.joined(separator: " ")): \(result.error)") }
        return result.output
    }

    @Test func headNeedsDelegation_leaderReturnsOneSection_districtNotAskedCommuneFigures() throws {
        let created = try must(["report", "new", "R1", "2026-10", "--config", district], as: "nhaplieu")
        let id = try #require(created.firstMatch(of: /số (\d+):/)).output.1.description
        // Issue 21 item 14: NN01 is required of communes only; the district's draft is valid without it.
        #expect(try must(["report", "set", id, "TC01=12,5", "--config", district], as: "nhaplieu").contains("Số liệu hợp lệ."))
        try must(["report", "set", id, "NN01=3", "--config", district], as: "truong")

        // 002 art. 10.2b: the head without a delegation is refused, told a delegation is needed.
        let refused = try run(["report", "approve-section", id, "A", "--config", district], as: "truong")
        #expect(refused.status == 1)
        #expect(refused.error.contains("truong là trưởng bộ phận A nhưng chưa được lãnh đạo ủy quyền duyệt số liệu phần \"Nông nghiệp\""), "\(refused.error)")
        try must(["section", "delegate", "A", "truong", "--config", district], as: "lanhdao")
        try must(["report", "approve-section", id, "A", "--config", district], as: "truong")
        try must(["report", "approve-section", id, "B", "--config", district], as: "lanhdao")
        try must(["report", "submit", id, "--config", district], as: "nhaplieu")

        // 002 art. 12.4a: the leader returns section A with a reason; B stays approved.
        let returned = try must(["report", "return-section", id, "A", "--reason", "Diện tích chưa khớp thống kê", "--config", district], as: "lanhdao")
        #expect(returned.contains("Đã trả lại số liệu phần A của báo cáo số \(id) cho bộ phận sửa: Diện tích chưa khớp thống kê"))
        let shown = try must(["report", "show", id, "--config", district], as: "truong")
        #expect(shown.contains("Trạng thái: đang soạn"))
        #expect(shown.contains("[A] Nông nghiệp — lãnh đạo lanhdao trả lại lúc"), "\(shown)")
        #expect(shown.contains("lý do: Diện tích chưa khớp thống kê; cần sửa và duyệt lại"))
        #expect(shown.contains("[B] Tài chính — đã duyệt bởi lanhdao"))
        let json = try must(["report", "show", id, "--json", "--config", district], as: "truong")
        #expect(json.contains("\"returnedSections\"") && json.contains("Diện tích chưa khớp thống kê"))
        // Not signed while A is returned.
        #expect(try run(["report", "approve", id, "--config", district], as: "lanhdao").status == 1)
        let early = try run(["report", "submit", id, "--config", district], as: "nhaplieu")
        #expect(early.error.contains("lãnh đạo đã trả lại số liệu phần \"Nông nghiệp\" (lý do: Diện tích chưa khớp thống kê)"), "\(early.error)")

        // Corrected and approved again: submitted, approved and signed.
        try must(["report", "set", id, "NN01=3,5", "--config", district], as: "truong")
        try must(["report", "approve-section", id, "A", "--config", district], as: "truong")
        try must(["report", "submit", id, "--config", district], as: "nhaplieu")
        #expect(try must(["report", "approve", id, "--config", district], as: "lanhdao").contains("Đã duyệt và ký báo cáo số \(id)"))
    }
}
