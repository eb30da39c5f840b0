import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import GRDB
import BaoCaoWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// What a stranger on the network meets: a Host check against the node's names (DNS
/// rebinding), a limit on sign-in attempts per address, and pages for signed-in people
/// that no cache keeps.
@Suite("Web: Host check, sign-in rate limit, no-store")
struct WebSignInDefenceTests {
    @Test func hostNames_parsedAndMatched() {
        let loopback = WebHosts.inForce(listenHost: "127.0.0.1", configured: nil)
        for allowed in ["127.0.0.1:8080", "localhost:8180", "LOCALHOST.", "[::1]:8080", "::1", "127.0.0.1"] {
            #expect(loopback.allows(authority: allowed), "\(allowed)")
        }
        for refused in ["evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example:80", "", "[::1", "10.0.0.5:8080"] {
            #expect(!loopback.allows(authority: refused), "\(refused)")
        }
        #expect(!loopback.allows(authority: nil))
        // Configured names replace the defaults; a LAN listen alone allows only its own address.
        let configured = WebHosts.inForce(listenHost: "0.0.0.0", configured: ["BaoCao.LacSon.gov.vn", "10.0.0.5"])
        #expect(configured.names == ["baocao.lacson.gov.vn", "10.0.0.5"])
        #expect(configured.allows(authority: "baocao.lacson.gov.vn:8080") && !configured.allows(authority: "localhost:8080"))
        #expect(WebHosts.inForce(listenHost: "10.0.0.5", configured: nil).names == ["10.0.0.5"])
        // Listening on every address: the loopback, the machine's name and its own addresses.
        let wildcard = WebHosts.inForce(listenHost: "0.0.0.0", configured: nil)
        #expect(wildcard.allows(authority: "127.0.0.1:8080") && wildcard.allows(authority: ProcessInfo.processInfo.hostName))
        #expect(!wildcard.allows(authority: "evil.example"))
    }

    @Test func foreignHost_refused421_inVietnamese_beforeSignIn() async throws {
        // The test client always sends Host: localhost; this node answers only to its LAN name.
        let fixture = try WebFixture(hosts: WebHosts(["baocao.lacson.gov.vn"]))
        try await fixture.application().test(.router) { client in
            for (method, path) in [(HTTPRequest.Method.get, "/dang-nhap"), (.post, "/dang-nhap"), (.get, "/"), (.get, "/healthz"), (.get, "/static/style.css")] {
                let response = try await client.execute(uri: path, method: method, headers: [:], body: nil)
                #expect(response.status.code == 421, "\(method) \(path)")
                #expect(String(buffer: response.body).contains("Nút này không phục vụ tên máy &quot;localhost&quot;"), "\(method) \(path)")
                #expect(response.headers[values: .setCookie].isEmpty, "\(method) \(path)")
            }
        }
        // The same node under its default names (a loopback listen) serves it.
        try await WebFixture().application().test(.router) { client in
            let served = try await client.execute(uri: "/dang-nhap", method: .get, headers: [:], body: nil)
            #expect(served.status == .ok)
        }
    }

    @Test func eleventhSignInAttemptInAMinute_refused429() async throws {
        // Ten attempts a day: however slowly a busy machine signs in, no attempt comes back
        // to the bucket during the test (ten in ten minutes gave one back after a minute,
        // and a fresh clone's whole suite once took longer than that over the ten).
        let fixture = try WebFixture(signInThrottle: SignInThrottle(attempts: 10, per: 86_400))
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            for attempt in 1...10 {
                #expect(try await browser.signIn("xem", password: "doan-mat-khau-\(attempt)").status == .unauthorized, "attempt \(attempt)")
            }
            let limited = try await browser.signIn("quantri")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "86400")
            #expect(browser.lastPage.contains("Máy này đã thử đăng nhập quá 10 lần trong 1440 phút. Hãy đợi 1440 phút rồi thử lại."))
            #expect(browser.cookies.keys.allSatisfy { !$0.hasPrefix("baocao_phien_") }, "no session opened")
        }
        // The refused attempt was never tried against the account: no sign-in in the audit log.
        let actions = try await fixture.store.writer.read { try AuditLog.entries($0) }.filter { $0.object == "quantri" }.map(\.action)
        #expect(!actions.contains(AuditAction.signIn.rawValue) && !actions.contains(AuditAction.signInFailed.rawValue), "\(actions)")
        #expect(try fixture.web.accounts.account(login: "xem")?.failedAttempts == 3, "locked after three; tries while locked do not count")
    }

    @Test func throttle_perAddress_refills_boundedMemory() {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let throttle = SignInThrottle(attempts: 10, per: 60, maximumAddresses: 100)
        for _ in 1...10 { #expect(throttle.allow("10.0.0.7", at: t0)) }
        #expect(!throttle.allow("10.0.0.7", at: t0.addingTimeInterval(1)))
        #expect(throttle.allow("10.0.0.8", at: t0.addingTimeInterval(1)), "another address has its own attempts")
        #expect(throttle.allow("10.0.0.7", at: t0.addingTimeInterval(7)), "one attempt back every six seconds")
        #expect(!throttle.allow("10.0.0.7", at: t0.addingTimeInterval(8)))
        // A flood from many addresses keeps at most the bound.
        for i in 0..<1_000 { _ = throttle.allow("172.16.\(i / 256).\(i % 256)", at: t0.addingTimeInterval(10)) }
        #expect(throttle.addressCount <= 100)
    }

    @Test func signedInPages_noStore_staticAndPublicCached() async throws {
        // The province's node: its public page may be cached — by nobody once someone is signed in.
        let fixture = try WebFixture(home: "17")
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            let anonymous = try await browser.get("/cong-khai")
            #expect(anonymous.status == .ok && anonymous.headers[.cacheControl] == "public, max-age=300")
            let signedIn = try await browser.signIn("xem")
            #expect(signedIn.status == .seeOther)
            for path in ["/cong-khai", "/", "/bao-cao", "/mat-khau"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok && page.headers[.cacheControl] == "no-store", "\(path): \(page.status)")
            }
            let style = try await browser.get("/static/style.css")
            #expect(style.headers[.cacheControl] == "public, max-age=3600")
        }
    }
}
