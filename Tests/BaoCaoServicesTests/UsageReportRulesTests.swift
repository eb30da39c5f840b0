import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

/// The system-use report goes where, and as often as, each province's rules say (issue 21,
/// item 5): its frequencies, receiver and legal basis come from the sample catalog, the
/// receiver named by function and found in the province's topology.
@Suite("Usage report rules")
struct UsageReportRulesTests {
    /// Đắk Lắk after 2025 (2-level): the province, the office of its People's Committee,
    /// its Sở Khoa học và Công nghệ and one ward (codes from the official list).
    static let dakLak = try! Topology(units: [
        ReportingUnit(code: "66", name: "Tỉnh Đắk Lắk", kind: .province),
        ReportingUnit(code: "66-VPUBND", name: "Văn phòng Ủy ban nhân dân tỉnh", kind: .department, parentCode: "66"),
        ReportingUnit(code: "66-SKHCN", name: "Sở Khoa học và Công nghệ", kind: .department, parentCode: "66"),
        ReportingUnit(code: "24133", name: "Phường Buôn Ma Thuột", kind: .commune, parentCode: "66"),
    ])

    static func hoaBinh() throws -> Topology {
        try Topology(csv: SampleCatalogs.text("Topology/hoa-binh-2025-03-3-cap.csv"), fileName: "hoa-binh-2025-03-3-cap.csv")
    }

    static func phuTho() throws -> Topology {
        try Topology(csv: SampleCatalogs.text("Topology/phu-tho-2025-07-2-cap.csv"), fileName: "phu-tho-2025-07-2-cap.csv")
    }

    /// A node of `home` in `topology` holding the sample catalog.
    static func service(home: UnitCode, topology: Topology) throws -> UsageReportService {
        let store = try NodeStore.inMemory()
        _ = try store.initialize(homeUnit: home, topology: topology, catalog: SampleCatalogs.reporting(), at: Date())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("usage-\(UUID().uuidString)")
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: home, bootstrap: nil, clockTolerance: 86_400)
        return UsageReportService(work: NodeWork(runtime: runtime, identity: nil))
    }

    /// 002 art. 17.3: "định kỳ 6 tháng, năm … báo cáo Văn phòng Ủy ban nhân dân tỉnh". A
    /// ward of Đắk Lắk reports its use six-monthly and yearly to the office of the
    /// provincial People's Committee — not monthly, not to its parent — on Quyết định
    /// 53/2022/QĐ-UBND.
    @Test func dakLak_sixMonthlyReport_goesToTheOfficeOfThePeoplesCommittee() throws {
        let usage = try Self.service(home: "24133", topology: Self.dakLak)
        let plans = try usage.plans()
        #expect(plans.map(\.regime.frequency) == [.halfYear, .yearly])
        let half = try usage.regime(for: "2026-H1")
        #expect(half.code == "HT-SUDUNG-6THANG")
        let plan = try #require(plans.first { $0.regime.code == half.code })
        #expect(plan.receiver.code == "66-VPUBND")
        #expect(plan.receiverFunction == "Văn phòng UBND tỉnh")
        #expect(plan.basisLine.contains("Quyết định số 53/2022/QĐ-UBND"))
        #expect(plan.basisLine.contains("Điều 17 khoản 3"))
        // The month is not a period Đắk Lắk's rules ask for.
        let monthly = try #require(throws: ServiceError.self) { try usage.regime(for: "2026-10") }
        #expect(monthly.message.contains("6 tháng"))
        // The report is addressed there, and the office expects the ward.
        #expect(half.receiver(in: Self.dakLak) == "66-VPUBND")
        #expect(half.expectedReporters(at: "66-VPUBND", in: Self.dakLak).map(\.code).contains("24133"))
    }

    /// 000 art. 15.4 (Hòa Bình): the basis line names the province's own decision with its
    /// number, never one of our seed files; the receiver is the Sở Thông tin và Truyền
    /// thông, found by its function.
    @Test func hoaBinh_basisLine_namesQuyetDinh54_2021() throws {
        let usage = try Self.service(home: "05290", topology: try Self.hoaBinh())
        let plans = try usage.plans()
        let plan = try #require(plans.first)
        #expect(plans.count == 1)
        #expect(plan.regime.frequency == .monthly)
        #expect(plan.receiver.code == "17-STTTT")
        #expect(plan.basisLine.hasPrefix("Quyết định số 54/2021/QĐ-UBND ngày 16/9/2021 của UBND tỉnh Hòa Bình"))
        for regime in try SampleCatalogs.reporting().regimes {
            let basis = regime.legalBasis ?? ""
            #expect(!basis.contains("Quy chế 002") && !basis.contains("Quyết định 000") && basis.range(of: #"\b00[0-9]\b"#, options: .regularExpression) == nil,
                    "\(regime.code): \(basis)")
        }
    }

    /// After 2025 Phú Thọ has no Sở Thông tin và Truyền thông: the same function is found
    /// at the Sở Khoa học và Công nghệ; its rules are not at hand, and the line says so.
    @Test func phuTho_receiverByFunction_isTheSoKhoaHoc_andTheBasisIsNotAtHand() throws {
        let usage = try Self.service(home: "08515", topology: try Self.phuTho())
        let plan = try #require(try usage.plans().first)
        #expect(plan.receiver.code == "25-SKHCN")
        #expect(plan.basisLine == RegimeDescription.basisNotAtHand)
    }
}
