import BaoCaoServices
import BaoCaoWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What changes on the local port when it serves HTTPS (`network.localTLS`): every cookie
/// is `Secure`, every answer carries HSTS; over plain HTTP (the loopback) neither, or the
/// browser would drop the cookies and sign-in would stop working.
@Suite("Web interface over HTTPS: cookies and HSTS")
struct WebOverTLSTests {
    static let hsts = HTTPField.Name("Strict-Transport-Security")!

    func application(_ fixture: WebFixture, overTLS: Bool) -> some ApplicationProtocol {
        Application(router: LocalApplication.router(runtime: fixture.web.work.runtime, web: fixture.web, overTLS: overTLS))
    }

    @Test func overTLS_everyCookieIsSecure_andEveryAnswerCarriesHSTS() async throws {
        let fixture = try WebFixture()
        try await application(fixture, overTLS: true).test(.router) { client in
            let browser = Browser(client)
            let form = try await browser.get("/dang-nhap")
            #expect(form.headers[Self.hsts] == "max-age=31536000")
            let preSession = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("baocao_csrf_04801=") })
            #expect(Self.attributes(preSession).isSuperset(of: ["Secure", "HttpOnly", "SameSite=Strict"]), "\(preSession)")

            let signedIn = try await browser.post("/dang-nhap", [("login", "nhaplieu"), ("password", WebFixture.password)])
            #expect(signedIn.status == .seeOther && signedIn.headers[Self.hsts] == "max-age=31536000")
            let cookies = signedIn.headers[values: .setCookie]
            #expect(!cookies.isEmpty)
            for cookie in cookies {
                #expect(Self.attributes(cookie).isSuperset(of: ["Secure", "HttpOnly", "SameSite=Strict"]), "\(cookie)")
            }
            let signedOut = try await browser.post("/dang-xuat", [])
            #expect(signedOut.headers[values: .setCookie].allSatisfy { Self.attributes($0).contains("Secure") })

            // Health, metrics, a page that is not there: HSTS on every answer.
            #expect(try await browser.get("/healthz").headers[Self.hsts] == "max-age=31536000")
            #expect(try await browser.get("/metrics").headers[Self.hsts] == "max-age=31536000")
            let missing = try await browser.get("/khong-co-trang-nay")
            #expect(missing.status == .notFound && missing.headers[Self.hsts] == "max-age=31536000")
        }
    }

    @Test func overPlainHTTP_onTheLoopback_noSecureCookie_andNoHSTS() async throws {
        let fixture = try WebFixture()
        try await application(fixture, overTLS: false).test(.router) { client in
            let browser = Browser(client)
            let form = try await browser.get("/dang-nhap")
            #expect(form.headers[Self.hsts] == nil)
            let signedIn = try await browser.post("/dang-nhap", [("login", "nhaplieu"), ("password", WebFixture.password)])
            #expect(signedIn.status == .seeOther && signedIn.headers[Self.hsts] == nil)
            let session = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("baocao_phien_04801=") })
            #expect(!Self.attributes(session).contains("Secure") && Self.attributes(session).contains("HttpOnly"), "\(session)")
            // Still signed in over plain HTTP: the cookie the browser keeps opens the home page.
            try await browser.get("/")
            #expect(browser.lastPage.contains("Chị Hoa"))
        }
    }

    /// The attributes after a cookie's `name=value`, as written.
    static func attributes(_ setCookie: String) -> Set<String> {
        Set(setCookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
    }
}
