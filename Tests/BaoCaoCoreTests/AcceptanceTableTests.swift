import BaoCaoCore
import Testing

/// The acceptance table says which exchanges may happen at all, before anything of a
/// bundle is stored.
@Suite("Acceptance table")
struct AcceptanceTableTests {
    static let table = AcceptanceTable(topology: try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "157", name: "Huyện Đà Bắc", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Tú Lý", kind: .commune, parentCode: "157"),
    ]))

    /// Should let only releases and notices go to every unit, and releases only so.
    @Test func broadcast_isForReleasesAndNoticesOnly() {
        for kind in [BundleKind.release, .localRelease, .notice] {
            #expect(Self.table.refusal(of: kind, from: "17", to: "*") == nil, "\(kind)")
        }
        for kind in [BundleKind.report, .decision, .receipt, .transfer] {
            let refusal = Self.table.refusal(of: kind, from: "05290", to: "*")
            #expect(refusal?.code == "recipientNotAllowed", "\(kind)")
            #expect(refusal?.message.contains("phải gửi tới một đơn vị cụ thể") == true)
        }
        #expect(Self.table.refusal(of: .release, from: "17", to: "157")?.message == "Gói tin bản phát hành của tỉnh phải gửi tới mọi đơn vị.")
        #expect(Self.table.refusal(of: .notice, from: "157", to: "05290") == nil)
    }

    /// Should refuse a recipient the topology does not know, naming it.
    @Test func unknownRecipient_isRefusedByName() {
        let refusal = Self.table.refusal(of: .report, from: "05290", to: "99999")
        #expect(refusal?.code == "unknownRecipient")
        #expect(refusal?.message.contains("99999") == true)
        #expect(Self.table.refusal(of: .report, from: "05290", to: "157") == nil)
    }
}
