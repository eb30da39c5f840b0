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

@Suite("Web interface: sessions, CSRF, roles, entry")
struct WebInterfaceTests {
    let fixture: WebFixture

    init() throws {
        fixture = try WebFixture()
    }

    func reportCount() throws -> Int {
        try count("SELECT COUNT(*) FROM report")
    }

    func count(_ sql: String) throws -> Int {
        try fixture.store.writer.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    func text(_ sql: String) throws -> String? {
        try fixture.store.writer.read { try String.fetchOne($0, sql: sql) }
    }

    @Test func anonymous_isSentToSignIn_andSignInSetsAStrictHttpOnlyCookie() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            let home = try await browser.get("/")
            #expect(home.status == .seeOther && home.headers[.location] == "/dang-nhap")
            let form = try await browser.get("/dang-nhap")
            #expect(form.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(form.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(form.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(browser.lastPage.contains("<html lang=\"vi\">") && browser.lastPage.contains("Đăng nhập"))
            // The one style sheet comes from the node itself.
            let css = try await browser.get("/static/style.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(String(buffer: css.body).contains(".skip"))
            let signedIn = try await browser.post("/dang-nhap", [("login", "nhaplieu"), ("password", WebFixture.password)])
            #expect(signedIn.status == .seeOther)
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("baocao_phien_04801=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
            try await browser.get("/")
            #expect(browser.lastPage.contains("Việc cần làm") && browser.lastPage.contains("Chị Hoa"))
            // Signing out ends the session: the old cookie no longer opens anything.
            let oldCookies = browser.cookies
            try await browser.post("/dang-xuat", [])
            browser.cookies = oldCookies
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func formWithoutCsrfToken_isRefused_andChangesNothing() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            // Even signing in needs the form's token.
            try await browser.get("/dang-nhap")
            let forged = try await browser.post("/dang-nhap", [("login", "nhaplieu"), ("password", WebFixture.password)], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(browser.lastPage.contains("mã chống giả mạo"))
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao")
            let refused = try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")], csrf: false)
            #expect(refused.status == .forbidden)
            let wrong = try await browser.send(csrf: "khong-dung", "/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
            #expect(wrong.status == .forbidden)
            #expect(try reportCount() == 0)
            let made = try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
            #expect(made.status == .seeOther)
            #expect(try reportCount() == 1)
        }
    }

    @Test func dataEntryClerk_cannotReachApprovalOrAdministration() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/")
            #expect(!browser.lastPage.contains("href=\"/duyet\"") && !browser.lastPage.contains("href=\"/quan-tri\""))
            #expect(try await browser.get("/quan-tri").status == .forbidden)
            #expect(try await browser.get("/quan-tri/nhat-ky").status == .forbidden)
            try await browser.get("/bao-cao")
            try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
            try await browser.get("/bao-cao/1")
            #expect(!browser.lastPage.contains("Duyệt số liệu:"))
            let section = try await browser.post("/bao-cao/1/duyet-phan", [("section", "NN")])
            #expect(section.status == .forbidden)
            let approve = try await browser.post("/bao-cao/1/duyet", [])
            #expect(approve.status == .forbidden)
            #expect(browser.lastPage.contains("Chị Hoa không có quyền duyệt và ký báo cáo (cần vai trò: lãnh đạo)."), "\(browser.lastPage)")
            #expect(try count("SELECT COUNT(*) FROM report WHERE state = 'draft'") == 1)
            #expect(try count("SELECT COUNT(*) FROM reportSectionApproval") == 0)
            let addUser = try await browser.post("/quan-tri/tai-khoan", [("login", "ke-gian"), ("name", "Kẻ gian"), ("role", "admin"), ("password", "mat-khau-ke-gian")])
            #expect(addUser.status == .forbidden)
            #expect(try fixture.web.accounts.account(login: "ke-gian") == nil)

            // The leader sees the approval menu and may approve the section.
            let leader = Browser(client)
            try await leader.signIn("lanhdao")
            try await leader.get("/bao-cao/1")
            #expect(leader.lastPage.contains("href=\"/duyet\"") && leader.lastPage.contains("Duyệt số liệu: Nông nghiệp"))
            #expect(try await leader.post("/bao-cao/1/duyet-phan", [("section", "NN")]).status == .seeOther)
        }
    }

    @Test func wrongPassword_lockout_andUnknownLogin_answerAlike() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            let answer = #"<p class="error" role="alert" id="loi-dang-nhap">Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa. Hãy thử lại sau ít phút; nếu vẫn không được, hãy đề nghị quản trị hệ thống kiểm tra tài khoản.</p>"#
            var pages: [String] = []
            for (login, password) in [("xem", "sai-mat-khau"), ("xem", "sai-mat-khau"), ("xem", "sai-mat-khau"),
                                      ("xem", WebFixture.password), ("khongco", "sai-mat-khau")] {
                let refused = try await browser.signIn(login, password: password)
                #expect(refused.status == .unauthorized, "\(login)")
                #expect(browser.lastPage.contains(answer), "\(login): \(browser.lastPage)")
                pages.append(browser.lastPage.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression))
            }
            // Locked (the fourth, with the right password) and unknown read exactly as a wrong password does.
            #expect(pages[3] == pages[0] && pages[4] == pages[0])
        }
    }

    @Test func invalidFigure_isShownInline_keepsWhatWasTyped_andSavesNothing() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            let refused = try await browser.post("/bao-cao/1/luu", [("v_NN02", "1.245,5"), ("v_NN03", "12,3,4"), ("v_LD02", "abc"),
                                                                    ("narrative", "Tình hình ổn định"), ("action", "save")])
            #expect(refused.status == .unprocessableContent)
            let page = browser.lastPage
            #expect(page.contains("Chưa lưu: có 2 ô cần sửa"))
            #expect(page.contains("aria-invalid=\"true\""))
            #expect(page.contains("value=\"12,3,4\"") && page.contains("value=\"1.245,5\""))
            #expect(try count("SELECT COUNT(*) FROM reportValue") == 0)

            let saved = try await browser.post("/bao-cao/1/luu", [("v_NN02", "1.245,5"), ("v_NN03", "6.613,8"), ("v_LD02", "412"),
                                                                  ("narrative", "Tình hình ổn định"), ("action", "save")])
            #expect(saved.status == .seeOther)
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Đã lưu nháp"))
            #expect(browser.lastPage.contains("value=\"1.245,5\"") && browser.lastPage.contains("value=\"6.613,8\""))
            let stored = try text("SELECT value FROM reportValue WHERE key = 'NN02'")
            #expect(stored == "1245.5")
        }
    }

    @Test func attachedFile_isUploaded_listed_downloaded_andRefusedWithoutToken() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            let bytes = Data("Báo cáo thuyết minh: tình hình ổn định.".utf8)
            let forged = try await browser.postFile("/bao-cao/1/dinh-kem", field: "tep", fileName: "Thuyết minh.txt", type: "text/plain",
                                                    data: bytes, csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try count("SELECT COUNT(*) FROM reportAttachment") == 0)
            try await browser.get("/bao-cao/1")
            let uploaded = try await browser.postFile("/bao-cao/1/dinh-kem", field: "tep", fileName: "Thuyết minh.txt", type: "text/plain", data: bytes)
            #expect(uploaded.status == .seeOther)
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Thuyết minh.txt") && browser.lastPage.contains("Đã đính kèm tệp"))
            let download = try await browser.get("/bao-cao/1/tep?ten=" + Browser.encode("Thuyết minh.txt"))
            #expect(download.status == .ok)
            #expect(Data(download.body.readableBytesView) == bytes)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            try await browser.post("/bao-cao/1/dinh-kem/xoa", [("name", "Thuyết minh.txt")])
            #expect(try count("SELECT COUNT(*) FROM reportAttachment") == 0)
        }
    }

    @Test func admin_grantsAndWithdrawsRoles_andSeesTheNodeSettings() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("quantri")
            try await browser.get("/quan-tri")
            #expect(browser.lastPage.contains("Cài đặt của nút") && browser.lastPage.contains("Khóa tài khoản sau"))
            #expect(browser.lastPage.contains("3 lần đăng nhập sai liên tiếp"))
            try await browser.post("/quan-tri/tai-khoan/xem/vai-tro", [("role", "approver"), ("action", "grant")])
            #expect(try fixture.web.accounts.account(login: "xem")?.roles == [.viewer, .approver])
            try await browser.get("/quan-tri")
            #expect(browser.lastPage.contains("Vai trò của xem nay là"))
            try await browser.post("/quan-tri/tai-khoan/xem/vai-tro", [("role", "approver"), ("action", "withdraw")])
            #expect(try fixture.web.accounts.account(login: "xem")?.roles == [.viewer])
            // The clerk whose account is locked by the admin is signed out at once.
            let clerk = Browser(client)
            try await clerk.signIn("nhaplieu")
            #expect(try await clerk.get("/").status == .ok)
            try await browser.get("/quan-tri")
            try await browser.post("/quan-tri/tai-khoan/nhaplieu/khoa", [])
            #expect(try await clerk.get("/").status == .seeOther)
        }
    }

    @Test func figuresImportedFromACSVFile_fillTheDraft() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            let csv = Data("chỉ tiêu;giá trị\nNN02;1.245,5\nLD02;412\n".utf8)
            let imported = try await browser.postFile("/bao-cao/1/nhap-tep", field: "tep-so-lieu", fileName: "so-lieu.csv", type: "text/csv", data: csv)
            #expect(imported.status == .seeOther)
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Đã nhập 2 số liệu từ tệp so-lieu.csv"))
            #expect(browser.lastPage.contains("value=\"1.245,5\"") && browser.lastPage.contains("value=\"412\""))
            #expect(try text("SELECT value FROM reportValue WHERE key = 'LD02'") == "412")
        }
    }
}

extension Browser {
    /// The clerk signs in, makes the November report and opens it (report 1).
    func startDraft() async throws {
        try await signIn("nhaplieu")
        try await get("/bao-cao")
        try await post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
        try await get("/bao-cao/1")
    }

    /// Posts a form with a given (wrong) CSRF token.
    func send(csrf token: String, _ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await post(uri, fields + [("_csrf", token)], csrf: false)
    }
}
