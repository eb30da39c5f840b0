import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Nothing goes public without review (seed 000 art. 12.3: Sở TT&TT reviews and publishes
/// monthly on the public dashboard): the province 17 with three communes, two of which
/// reported October 2026 (one on time, one late). `/cong-khai` is browsed over HTTP as a
/// citizen would.
@Suite("Web interface: the publish step behind the public page")
struct WebPublicationTests {
    let fixture: WebFixture
    static let period: Period = "2026-10"

    static let province = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "17"),
        ReportingUnit(code: "04802", name: "Xã Hai", kind: .commune, parentCode: "17"),
        ReportingUnit(code: "04803", name: "Xã Ba", kind: .commune, parentCode: "17"),
    ])

    init() throws {
        fixture = try WebFixture(home: "17")
        try fixture.store.replaceTopology(Self.province)
        var catalog = WebFixture.catalog
        catalog.indicators[0].published = true   // NN02, Diện tích lúa thu hoạch
        try fixture.store.replaceCatalog(catalog)
        let admin = try PersonnelWebNode.actor("quantri", in: fixture.store)
        for (login, name, role) in [("congbo", "Chị Công Bố", Role.publisher), ("tonghop", "Anh Tổng Hợp", .aggregator)] {
            _ = try fixture.web.accounts.addUser(login: login, displayName: name, roles: [role], password: WebFixture.password, by: admin, at: Date())
        }
        // 04801 on time (14/10), 04802 late (20/11), 04803 has not reported.
        try report("04801", revision: 1, state: .accepted, at: "2026-10-14T02:00:00Z", NN02: "100")
        try report("04802", revision: 1, state: .accepted, at: "2026-11-20T02:00:00Z", NN02: "50")
    }

    func report(_ unit: UnitCode, revision: Int, state: ReportState, at time: String?, NN02 value: String) throws {
        let instant = try time.map { try Date($0, strategy: .iso8601) }
        try fixture.store.insertReportRevision(
            ReportHeader(regimeCode: "KTXH-THANG", period: Self.period, unitCode: unit, revision: revision, state: state, formCode: "KTXH",
                         signedAt: instant, receivedAt: instant, bundleId: instant == nil ? nil : "sha256-\(unit)-\(revision)"),
            values: [ValueKey("NN02"): ReportValue(text: value)])
    }

    func publications() throws -> Int {
        try fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM publication") ?? 0 }
    }

    func snapshotCount() throws -> Int {
        try fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM snapshot") ?? 0 }
    }

    func audit(_ action: String) throws -> [Row] {
        try fixture.store.writer.read { try Row.fetchAll($0, sql: "SELECT actor, object, detail FROM auditEntry WHERE action = ?", arguments: [action]) }
    }

    static var today: String { VietnamTime.civilDate(at: Date()).vietnameseText }

    // 000 art. 12.3: accepted figures of a period nobody reviewed are not public, nor is a
    // draft of the province's own report — even once frozen into a snapshot.
    @Test func unpublishedPeriod_andOwnDraft_areNeverPublic() async throws {
        try report("17", revision: 1, state: .draft, at: nil, NN02: "7")
        try await fixture.application().test(.router) { client in
            let citizen = Browser(client)
            let before = try await citizen.get("/cong-khai")
            #expect(before.status == .ok)
            #expect(citizen.lastPage.contains("Chưa có số liệu công bố."))
            #expect(!citizen.lastPage.contains("150") && !citizen.lastPage.contains("157") && !citizen.lastPage.contains("2026-10"))

            let publisher = Browser(client)
            try await publisher.signIn("congbo")
            try await publisher.get("/cong-bo/xem?regime=KTXH-THANG&period=2026-10")
            let frozen = try await publisher.post("/cong-bo/chot", [("regime", "KTXH-THANG"), ("period", "2026-10")])
            #expect(frozen.status == .seeOther)
            try await publisher.get("/cong-bo/xem?regime=KTXH-THANG&period=2026-10")
            #expect(publisher.lastPage.contains("Chưa công bố được: Số liệu chốt số 1 có tính báo cáo của chính đơn vị lần 1 đang ở trạng thái &quot;đang soạn&quot;"))
            #expect(!publisher.lastPage.contains("action=\"/cong-bo/cong-bo\""))
            let refused = try await publisher.post("/cong-bo/cong-bo", [("regime", "KTXH-THANG"), ("period", "2026-10"), ("snapshot", "1")])
            #expect(refused.status == .conflict)
            #expect(publisher.lastPage.contains("số liệu chưa duyệt không được công bố"))
            #expect(try publications() == 0)

            try await citizen.get("/cong-khai")
            #expect(citizen.lastPage.contains("Chưa có số liệu công bố.") && !citizen.lastPage.contains("157"))
        }
    }

    // 000 art. 12.3: once published, the figures appear with the date published (Vietnam
    // time) and how many units of how many reported, on time; a correction is a new
    // numbered publication saying what changed, old → new, with its reason.
    @Test func publishing_showsFiguresAndCompleteness_andACorrectionSaysWhatChanged() async throws {
        try await fixture.application().test(.router) { client in
            let publisher = Browser(client)
            try await publisher.signIn("congbo")
            try await publisher.get("/cong-bo")
            try await publisher.post("/cong-bo/chot", [("regime", "KTXH-THANG"), ("period", "2026-10")])
            try await publisher.get("/cong-bo/xem?regime=KTXH-THANG&period=2026-10")
            #expect(publisher.lastPage.contains("Tình hình báo cáo: 2/3 đơn vị đã báo cáo (1 đúng hạn, 1 muộn); 1 đơn vị chưa có báo cáo được tính."))
            let published = try await publisher.post("/cong-bo/cong-bo", [("regime", "KTXH-THANG"), ("period", "2026-10"), ("snapshot", "1")])
            #expect(published.status == .seeOther)

            let citizen = Browser(client)
            try await citizen.get("/cong-khai")
            #expect(citizen.lastPage.contains("Kỳ 2026-10: <strong>150</strong> ha"))
            #expect(citizen.lastPage.contains("công bố lần 1 ngày \(Self.today); 2/3 đơn vị đã báo cáo (1 đúng hạn, 1 muộn); 1 đơn vị chưa có báo cáo được tính."))

            // 04802 sends a corrected revision, accepted: the public page keeps what was
            // published until the publisher reviews and publishes the correction.
            try report("04802", revision: 2, state: .accepted, at: "2026-11-25T02:00:00Z", NN02: "60")
            try await publisher.post("/cong-bo/chot", [("regime", "KTXH-THANG"), ("period", "2026-10")])
            try await citizen.get("/cong-khai")
            #expect(citizen.lastPage.contains("<strong>150</strong>") && !citizen.lastPage.contains("160"))
            try await publisher.get("/cong-bo/xem?regime=KTXH-THANG&period=2026-10")
            #expect(publisher.lastPage.contains("NN02: 150 → 160"))
            let noReason = try await publisher.post("/cong-bo/cong-bo", [("regime", "KTXH-THANG"), ("period", "2026-10"), ("snapshot", "2")])
            #expect(noReason.status == .badRequest && publisher.lastPage.contains("Phải ghi rõ lý do."))
            try await publisher.get("/cong-bo/xem?regime=KTXH-THANG&period=2026-10")
            try await publisher.post("/cong-bo/cong-bo", [("regime", "KTXH-THANG"), ("period", "2026-10"), ("snapshot", "2"),
                                                          ("reason", "Xã Hai gửi báo cáo sửa")])
            try await citizen.get("/cong-khai")
            #expect(citizen.lastPage.contains("Kỳ 2026-10: <strong>160</strong> ha"))
            #expect(citizen.lastPage.contains("công bố lần 2 (đính chính) ngày \(Self.today)"))
            #expect(citizen.lastPage.contains("Lý do đính chính: Xã Hai gửi báo cáo sửa. Thay đổi: NN02: 150 → 160."))
        }
        #expect(try publications() == 2)
        let entries = try audit("publication.publish")
        #expect(entries.map { $0["actor"] as String } == ["congbo", "congbo"])
        #expect(entries.map { $0["object"] as String } == ["publication:KTXH-THANG/2026-10/1", "publication:KTXH-THANG/2026-10/2"])
    }

    // A staff member without the publisher role is refused, in Vietnamese, and nothing is frozen or published.
    @Test func staffWithoutThePublisherRole_isRefused() async throws {
        try await fixture.application().test(.router) { client in
            for login in ["lanhdao", "tonghop", "quantri"] {
                let staff = Browser(client)
                try await staff.signIn(login)
                try await staff.get("/")
                #expect(!staff.lastPage.contains("href=\"/cong-bo\""))
                let page = try await staff.get("/cong-bo")
                #expect(page.status == .forbidden)
                #expect(staff.lastPage.contains("không có quyền công bố số liệu (cần vai trò: công bố)"), "\(login)")
                let freeze = try await staff.post("/cong-bo/chot", [("regime", "KTXH-THANG"), ("period", "2026-10")])
                #expect(freeze.status == .forbidden)
            }
        }
        let (snapshots, published) = (try snapshotCount(), try publications())
        #expect(snapshots == 0 && published == 0)
    }
}
