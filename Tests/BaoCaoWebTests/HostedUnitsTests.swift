import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Two districts' nodes hosted behind one address (`baocao host`): each unit's pages under
/// its own path, and one unit's staff — every role — reaching nothing of the other's.
@Suite("Units hosted behind one address")
struct HostedUnitsTests {
    static let people = WebPermissionMatrixTests.people

    /// Hosts 148 and 150, each with the same logins (so a person of one unit has a namesake in the other).
    static func host() throws -> (lacSon: SignedWebNode, daBac: SignedWebNode, host: HostedUnits) {
        let lacSon = try SignedWebNode(people: people, home: "148", unitPath: UnitPath(hosting: "148"))
        let daBac = try SignedWebNode(people: people, home: "150", unitPath: UnitPath(hosting: "150"))
        let host = try HostedUnits(units: [
            .init(code: "148", name: "Thành phố Hòa Bình", router: LocalApplication.router(runtime: lacSon.work.runtime, web: lacSon.web), runtime: lacSon.work.runtime),
            .init(code: "150", name: "Huyện Đà Bắc", router: LocalApplication.router(runtime: daBac.work.runtime, web: daBac.web), runtime: daBac.work.runtime),
        ], title: "Tỉnh Hòa Bình", hosts: .loopback, overTLS: false)
        return (lacSon, daBac, host)
    }

    static func application(_ host: HostedUnits) throws -> some ApplicationProtocol {
        try host.application(tls: nil, host: "127.0.0.1", port: 0, logger: .init(label: "test"))
    }

    /// Every action of the permission matrix, by every role, through the host: on its own
    /// unit's pages exactly the allowed ones go through, as on a node alone; signed in to
    /// the other unit, nobody gets anything through on this one's pages, and nothing changes.
    @Test(arguments: WebPermissionMatrixTests.matrix.map(\.action))
    func permissionMatrix_acrossTwoHostedUnits(action: String) async throws {
        let allowed = WebPermissionMatrixTests.matrix.first { $0.action == action }!.allowed
        for person in Self.people.keys.sorted() {
            let (lacSon, _, host) = try Self.host()
            let own = try await lacSon.attempt(action, as: person, through: try Self.application(host), prefix: "/148")
            #expect(own.passed == allowed.contains(person), "\(action) by \(person) of 148: \(own.passed ? "passed" : "refused")")
            #expect(own.changes == (own.passed && !own.isRead), "\(action) by \(person) of 148 \(own.changes ? "changed" : "left") the stored state")

            let (lacSon2, _, host2) = try Self.host()
            let across = try await lacSon2.attempt(action, as: person, through: try Self.application(host2), prefix: "/148", signInPrefix: "/150")
            #expect(!across.passed, "\(action) on 148 by \(person) of 150 went through")
            #expect(!across.changes, "\(action) on 148 by \(person) of 150 changed 148's stored state")
        }
    }

    /// A session of one unit, presented under the other unit's cookie name, is unknown there.
    @Test func anotherUnitsSession_underThisUnitsCookieName_isNotASession() async throws {
        let (lacSon, _, host) = try Self.host()
        try await Self.application(host).test(.router) { client in
            let browser = Browser(client)
            try await browser.get("/150/dang-nhap")
            let signedIn = try await browser.post("/150/dang-nhap", [("login", "admin"), ("password", WebFixture.password)])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/150/")
            let session = try #require(browser.cookies["baocao_phien_150"])
            browser.cookies = ["baocao_phien_148": session]
            let before = try lacSon.storedState()
            let page = try await browser.get("/148/quan-tri")
            #expect(page.status == .seeOther && page.headers[.location] == "/148/dang-nhap")
            #expect(try lacSon.storedState() == before)
        }
    }

    /// A hosted unit's pages name its own addresses: links, forms, the style sheet, redirects
    /// and cookies all carry its path, and nothing points at the host's root pages.
    @Test func hostedPages_nameTheUnitsOwnAddresses() async throws {
        let (_, _, host) = try Self.host()
        try await Self.application(host).test(.router) { client in
            let browser = Browser(client)
            let form = try await browser.get("/148/dang-nhap")
            #expect(form.status == .ok)
            #expect(browser.lastPage.contains(#"action="/148/dang-nhap""#))
            #expect(browser.lastPage.contains(#"href="/148/static/style.css""#))
            let cookie = form.headers[values: .setCookie].first { $0.hasPrefix("baocao_csrf_148=") }
            #expect(cookie?.contains("Path=/148") == true, "\(cookie ?? "no pre-session cookie")")
            let signedIn = try await browser.post("/148/dang-nhap", [("login", "aggregator"), ("password", WebFixture.password)])
            #expect(signedIn.headers[.location] == "/148/")
            let session = signedIn.headers[values: .setCookie].first { $0.hasPrefix("baocao_phien_148=") }
            #expect(session?.contains("Path=/148") == true, "\(session ?? "no session cookie")")
            let home = try await browser.get("/148/")
            #expect(home.status == .ok)
            let page = browser.lastPage
            #expect(page.contains(#"href="/148/bao-cao""#) && page.contains(#"action="/148/dang-xuat""#))
            #expect(page.contains(#"data-goc="/148""#))
            for root in [#"href="/""#, #"href="/bao-cao""#, #"action="/dang-xuat""#, #"href="/static"#] {
                #expect(!page.contains(root), "the hosted page names \(root)")
            }
            let style = try await browser.get("/148/static/style.css")
            #expect(style.status == .ok)
        }
    }

    /// The first page lists the hosted units (narrowed by a search without diacritics), and
    /// the sign-in address people know sends them to the unit they last opened.
    @Test func firstPage_picksTheUnit_andRemembersIt() async throws {
        let (_, _, host) = try Self.host()
        try await Self.application(host).test(.router) { client in
            let browser = Browser(client)
            let first = try await browser.get("/")
            #expect(first.status == .ok)
            #expect(browser.lastPage.contains(#"href="/148/dang-nhap""#) && browser.lastPage.contains(#"href="/150/dang-nhap""#))
            try await browser.get("/?tim=da%20bac")
            #expect(browser.lastPage.contains(#"href="/150/dang-nhap""#) && !browser.lastPage.contains(#"href="/148/dang-nhap""#))
            let unknown = try await browser.get("/dang-nhap")
            #expect(unknown.status == .seeOther && unknown.headers[.location] == "/")
            try await browser.get("/150/dang-nhap")
            let known = try await browser.get("/dang-nhap")
            #expect(known.status == .seeOther && known.headers[.location] == "/150/dang-nhap")
            try await browser.get("/")
            #expect(browser.lastPage.contains("tiếp tục với Huyện Đà Bắc"))
        }
    }

    /// The host's one health probe: every hosted unit's node ok; then, once the province's
    /// release in force has expired (60 days on: it lasts 30), every unit named as degraded.
    @Test func health_namesTheDegradedUnits() async throws {
        let (lacSon, daBac, host) = try Self.host()
        try await Self.application(host).test(.router) { client in
            let fine = try await client.execute(uri: "/healthz", method: .get)
            #expect(String(buffer: fine.body) == #"{"degraded":[],"status":"ok","units":2}"#)
        }
        let later = try HostedUnits(units: [
            .init(code: "148", name: "Thành phố Hòa Bình", router: LocalApplication.router(runtime: lacSon.work.runtime, web: lacSon.web),
                  runtime: lacSon.work.runtime),
            .init(code: "150", name: "Huyện Đà Bắc", router: LocalApplication.router(runtime: daBac.work.runtime, web: daBac.web),
                  runtime: daBac.work.runtime),
        ], title: "Tỉnh Hòa Bình", hosts: .loopback, overTLS: false, now: { Date() + 60 * 86_400 })
        try await Self.application(later).test(.router) { client in
            let whole = try await client.execute(uri: "/healthz", method: .get)
            #expect(String(buffer: whole.body) == #"{"degraded":["150","148"],"status":"degraded","units":2}"#)
        }
    }

    /// A unit the host does not serve, and a host name it does not answer to, are refused in Vietnamese.
    @Test func unknownUnitAndForeignHost_areRefused() async throws {
        let (lacSon, _, host) = try Self.host()
        try await Self.application(host).test(.router) { client in
            let unknown = try await client.execute(uri: "/08515/bao-cao", method: .get)
            #expect(unknown.status == .notFound)
            #expect(String(buffer: unknown.body).contains("Máy chủ này không phục vụ đơn vị “08515”"))
        }
        // The test client names "localhost": a host answering only to the province's name refuses it.
        let named = try HostedUnits(units: [.init(code: "148", name: "Thành phố Hòa Bình",
                                                  router: LocalApplication.router(runtime: lacSon.work.runtime, web: lacSon.web),
                                                  runtime: lacSon.work.runtime)],
                                    title: "Tỉnh Hòa Bình", hosts: WebHosts(["baocao.hoabinh.gov.vn"]), overTLS: false)
        try await Self.application(named).test(.router) { client in
            for uri in ["/", "/148/dang-nhap"] {
                let foreign = try await client.execute(uri: uri, method: .get)
                #expect(foreign.status.code == 421, "\(uri)")
                #expect(String(buffer: foreign.body).contains("Sai địa chỉ máy chủ"))
            }
        }
    }

    /// Two hosted units under one code cannot be hosted.
    @Test func unitTwice_isRefused() throws {
        let lacSon = try SignedWebNode(people: Self.people, home: "148", unitPath: UnitPath(hosting: "148"))
        let router = { LocalApplication.router(runtime: lacSon.work.runtime, web: lacSon.web) }
        #expect(throws: HostingError.self) {
            _ = try HostedUnits(units: [.init(code: "148", name: "A", router: router(), runtime: lacSon.work.runtime),
                                        .init(code: "148", name: "B", router: router(), runtime: lacSon.work.runtime)],
                                title: "Tỉnh", hosts: .loopback, overTLS: false)
        }
    }
}

/// ``UnitPath/root(_:)``: the templates' addresses under the unit's path, nothing else.
@Suite("A hosted unit's addresses")
struct UnitPathTests {
    @Test func rootsOnlyTheTemplatesAddresses() {
        let path = UnitPath(hosting: "08515")
        let html = #"<a href="/bao-cao">x</a><form action="/luu" method="post"><img src="/static/a.png">"#
            + #"<a href="//cdn.example/x">y</a><a href="https://example.vn/">z</a><p data-x="/giu-nguyen">"#
            + #"<a class="x" href="/">home</a>&quot;href=&quot;/khong"#
        let rooted = String(buffer: path.root(html))
        #expect(rooted == #"<a href="/08515/bao-cao">x</a><form action="/08515/luu" method="post"><img src="/08515/static/a.png">"#
            + #"<a href="//cdn.example/x">y</a><a href="https://example.vn/">z</a><p data-x="/giu-nguyen">"#
            + #"<a class="x" href="/08515/">home</a>&quot;href=&quot;/khong"#)
        #expect(String(buffer: UnitPath.root.root(html)) == html)
        #expect(path.rootLocation("/bao-cao/3") == "/08515/bao-cao/3")
        #expect(path.rootLocation("https://example.vn/") == "https://example.vn/")
        #expect(path.cookiePath == "/08515" && UnitPath.root.cookiePath == "/")
    }
}
