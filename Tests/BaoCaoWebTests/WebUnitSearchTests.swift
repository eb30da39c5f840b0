import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Finding a unit below the node by name on the aggregate page (`/tong-hop/tim-don-vi`):
/// Vietnamese names match whatever the person types — old or new tone placement, no
/// diacritics, any case — and what they typed comes back escaped.
@Suite("Web interface: finding a unit below by name")
struct WebUnitSearchTests {
    /// A district node (148) with three communes; the province above is named Hòa Bình too,
    /// but lies outside the node's scope. "Xã Hoà Bình" is stored with the old tone placement.
    final class DistrictNode: @unchecked Sendable {
        static let topology = try! Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
            ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
            ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "148"),
            ReportingUnit(code: "04807", name: "Xã Hoà Bình", kind: .commune, parentCode: "148"),
            ReportingUnit(code: "04810", name: "Thị trấn Vụ Bản", kind: .commune, parentCode: "148"),
        ])

        let directory: URL
        let web: WebEnvironment

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-web-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
            _ = try store.initialize(homeUnit: "148", topology: Self.topology, catalog: WebFixture.catalog, at: Date())
            let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: "148", bootstrap: nil,
                                      clockTolerance: 86_400, arrivalRecorder: AuditLog.arrivals)
            let policy = SecurityPolicy(maximumFailedSignIns: 3, bcryptCost: 4)
            let accounts = AccountService(store: store, policy: policy)
            let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: WebFixture.password, by: nil, at: Date())
            let adminActor = StaffMember(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
            _ = try accounts.addUser(login: "lanhdao", displayName: "Anh Nam", roles: [.approver], password: WebFixture.password, by: adminActor, at: Date())
            web = try WebEnvironment(work: NodeWork(runtime: runtime, identity: nil), security: policy)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func application() -> some ApplicationProtocol {
            Application(router: LocalApplication.router(runtime: web.work.runtime, web: web))
        }
    }

    let node: DistrictNode

    init() throws {
        node = try DistrictNode()
    }

    static func search(_ query: String) -> String {
        "/tong-hop/tim-don-vi?regime=KTXH-THANG&period=2026-11&q=\(Browser.encode(query))"
    }

    /// Should find Xã Hoà Bình (and only it: not the province above) however the name is typed,
    /// showing its code and name and linking to its figures.
    @Test func search_findsTheUnit_whateverTheTonePlacementDiacriticsOrCase() async throws {
        try await node.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            for typed in ["hoa binh", "Hòa Bình", "HOÀ BÌNH", "Hoà Bình", "04807"] {
                let response = try await browser.get(Self.search(typed))
                #expect(response.status == .ok, "\(typed)")
                let page = browser.lastPage
                #expect(page.contains(#"<a href="/tong-hop/don-vi?regime=KTXH%2DTHANG&amp;period=2026%2D11&amp;unit=04807">Xã Hoà Bình</a> (04807)"#),
                        "\(typed)")
                #expect(!page.contains("(17)") && !page.contains("Tỉnh Hòa Bình"), "\(typed): the province is above the node")
                #expect(!page.contains("(04801)") && !page.contains("(04810)"), "\(typed): other communes do not match")
            }
        }
    }

    /// A name that matches nothing says so, in Vietnamese.
    @Test func search_withNoMatch_saysSo() async throws {
        try await node.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            let response = try await browser.get(Self.search("Tân Lập"))
            #expect(response.status == .ok)
            #expect(browser.lastPage.contains("Không có đơn vị nào trong phạm vi của đơn vị này khớp \"Tân Lập\"."))
        }
    }

    /// Should show the aggregate page with its search form, no results and no error, for an empty query.
    @Test func search_withAnEmptyQuery_showsTheFormWithoutError() async throws {
        try await node.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            for uri in ["/tong-hop/tim-don-vi?regime=KTXH-THANG&period=2026-11&q=", "/tong-hop/tim-don-vi?q=%20%20", "/tong-hop/tim-don-vi"] {
                let response = try await browser.get(uri)
                #expect(response.status == .ok, "\(uri)")
                #expect(browser.lastPage.contains(#"<form method="get" action="/tong-hop/tim-don-vi""#), "\(uri)")
                #expect(!browser.lastPage.contains("ket-qua-tim"), "\(uri)")
            }
        }
    }

    /// Should echo HTML-special input escaped, never as markup.
    @Test func search_escapesHTMLSpecialInput() async throws {
        try await node.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            let typed = #"<script>alert("x")</script> & 'b'"#
            let response = try await browser.get(Self.search(typed))
            #expect(response.status == .ok)
            let page = browser.lastPage
            #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "))
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains(#"alert("x")"#))
        }
    }

    /// Searching is for signed-in staff: an anonymous visitor learns nothing of the units.
    @Test func search_withoutSignIn_showsNoUnit() async throws {
        try await node.application().test(.router) { client in
            let browser = Browser(client)
            let response = try await browser.get(Self.search("hoa binh"))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/dang-nhap")
            #expect(response.body.readableBytes == 0)
        }
    }
}
