import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The personnel pages (seed 003) through the web interface: who may open and do what,
/// by their grants (a literal table), masking, approval, other units' records, the read
/// audit, the Excel export, and no record on a public page.
@Suite("Personnel pages through the web interface")
struct PersonnelPagesTests {
    /// The accounts of ``PersonnelWebNode``: no grant (`xem`, `quantri`), read
    /// (`khaithac`, `lanhdao`), read with sensitive fields (`nhaycam`), edit (`hoso`).
    static let people = ["quantri", "xem", "khaithac", "nhaycam", "hoso", "lanhdao"]
    static let readers: Set<String> = ["khaithac", "nhaycam", "hoso", "lanhdao"]

    /// action → who may do it; everyone else gets 403.
    static let matrix: [(action: String, allowed: Set<String>)] = [
        ("xem danh sách", readers),
        ("tìm kiếm", readers),
        ("xem hồ sơ", readers),
        ("in sơ yếu lý lịch", readers),
        ("tải danh sách Excel", readers),
        ("nhập người mới", ["hoso"]),
        ("ghi biến động", ["hoso"]),
        ("duyệt biến động", ["lanhdao"]),
        ("cấp quyền", ["quantri"]),
        ("xem ai đã xem hồ sơ", ["quantri", "lanhdao"]),
    ]

    /// Tries `action` as `person` on `node`; the status answered.
    static func attempt(_ action: String, as person: String, on node: PersonnelWebNode, _ browser: Browser) async throws -> HTTPResponse.Status {
        let id = node.record.rawValue
        let decision = [("so-qd", "30/QĐ-UBND"), ("ngay-ky", "01/11/2026"), ("co-quan", "UBND huyện Lạc Sơn"), ("ngay-hieu-luc", "02/11/2026")]
        switch action {
        case "xem danh sách": return try await browser.get("/nhan-su").status
        case "tìm kiếm": return try await browser.get("/nhan-su/tim-kiem?ten=hoa").status
        case "xem hồ sơ": return try await browser.get("/nhan-su/\(id)").status
        case "in sơ yếu lý lịch": return try await browser.get("/nhan-su/\(id)/in").status
        case "tải danh sách Excel": return try await browser.get("/nhan-su/danh-sach.xlsx").status
        case "nhập người mới":
            return try await browser.post("/nhan-su/moi", [("ho-ten", "Lò Văn Mới"), ("ngay-sinh", "04/04/2000"), ("gioi-tinh", "male"),
                                                          ("loai", "civilServant"), ("hinh-thuc", "thi-tuyen"), ("ngach", "01.003"), ("bac", "1")]
                                          + decision).status
        case "ghi biến động":
            return try await browser.post("/nhan-su/\(id)/bien-dong", [("loai", "luong"), ("ngach", "01.003"), ("bac", "2")] + decision).status
        case "duyệt biến động":
            _ = try node.service.addEvent(to: node.record, PersonnelEventInput(
                effectiveOn: "2026-11-02", decision: DecisionReference(number: "30/QĐ-UBND", signedOn: "2026-11-01", issuer: "UBND huyện Lạc Sơn",
                                                                       effectiveOn: "2026-11-02"),
                change: .pay(PayChange(rank: "01.003", step: 2, coefficient: PersonnelWebNode.decimal("2.67")))), by: try node.actor("hoso"), at: Date())
            return try await browser.post("/nhan-su/\(id)/duyet", []).status
        case "cấp quyền":
            return try await browser.post("/quan-tri/quyen-ho-so", [("tai-khoan", "xem"), ("quyen", "read"), ("so-van-ban", "40/QĐ-UBND"),
                                                                  ("ngay-van-ban", "01/12/2026")]).status
        case "xem ai đã xem hồ sơ": return try await browser.get("/nhan-su/nhat-ky").status
        default: Issue.record("no such action \(action)"); return .internalServerError
        }
    }

    @Test(arguments: matrix.map(\.action))
    func everyGrant(action: String) async throws {
        let allowed = Self.matrix.first { $0.action == action }!.allowed
        for person in Self.people {
            let node = try PersonnelWebNode()
            let before = try node.personnelAudit().map(\.sequence).max() ?? 0
            try await node.browse { browser in
                try await browser.signIn(person)
                try await browser.get("/")
                let status = try await Self.attempt(action, as: person, on: node, browser)
                let passed = status == .ok || status == .seeOther
                #expect(passed == allowed.contains(person), "\(action) by \(person): \(status)")
                if !passed {
                    #expect(status == .forbidden, "\(action) by \(person): \(status), not 403")
                    // Refused: nothing read, nothing written — the audit log holds no new personnel entry.
                    let added = try node.personnelAudit().filter { $0.sequence > before }
                    #expect(added.filter { $0.action != "personnel.event" }.isEmpty, "\(action) by \(person) left \(added.map(\.action))")
                }
            }
        }
    }

    @Test func withoutAGrant_theMenuHasNoPersonnelLink_andNoRecordIsRead() async throws {
        let node = try PersonnelWebNode()
        try await node.browse { browser in
            try await browser.signIn("xem")
            try await browser.get("/")
            #expect(!browser.lastPage.contains("href=\"/nhan-su\""))
            let response = try await browser.get("/nhan-su/\(node.record)")
            #expect(response.status == .forbidden)
            #expect(!browser.lastPage.contains("Đinh Thị Hòa"))
            #expect(try node.personnelAudit().allSatisfy { $0.actor != "xem" })
        }
        try await node.browse { browser in
            try await browser.signIn("khaithac")
            try await browser.get("/")
            #expect(browser.lastPage.contains("href=\"/nhan-su\""))
        }
    }

    @Test func aReaderWithoutTheSensitiveGrantSeesDots_onTheRecordAndTheCurriculumVitae() async throws {
        let node = try PersonnelWebNode()
        let secrets = ["Mường", "Phật giáo", "Bùi Thị Lan"]
        try await node.browse { browser in
            try await browser.signIn("khaithac")
            #expect(try await browser.get("/nhan-su/\(node.record)").status == .ok)
            #expect(browser.lastPage.contains("Đinh Thị Hòa") && browser.lastPage.contains("•••"))
            for secret in secrets { #expect(!browser.lastPage.contains(secret), "\(secret) on the record page") }
            #expect(try await browser.get("/nhan-su/\(node.record)/in").status == .ok)
            #expect(browser.lastPage.contains("SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC") && browser.lastPage.contains("ĐINH THỊ HÒA"))
            #expect(browser.lastPage.contains("•••"))
            for secret in secrets { #expect(!browser.lastPage.contains(secret), "\(secret) on the printed CV") }
        }
        try await node.browse { browser in
            try await browser.signIn("nhaycam")
            try await browser.get("/nhan-su/\(node.record)")
            for secret in secrets { #expect(browser.lastPage.contains(secret), "\(secret) hidden from a reader granted it") }
            try await browser.get("/nhan-su/\(node.record)/in")
            #expect(browser.lastPage.contains("Mường") && browser.lastPage.contains("Phật giáo") && browser.lastPage.contains("Bùi Thị Lan"))
        }
    }

    @Test func theCurriculumVitaeNamesEveryNumberedItem_onA4() async throws {
        let node = try PersonnelWebNode()
        try await node.browse { browser in
            try await browser.signIn("khaithac")
            try await browser.get("/nhan-su/\(node.record)/in?ngay=2026-12-01")
            let page = browser.lastPage
            for number in (1...32).map(String.init) where number != "15" {
                #expect(page.contains(">\(number))<") || page.contains("<h2>\(number)) "), "item \(number)")
            }
            for number in (1...6).map({ "15.\($0)" }) { #expect(page.contains(">\(number))<"), "item \(number)") }
            #expect(page.contains("Huyện Lạc Sơn") && page.contains("Chuyên viên") && page.contains("2,34") && page.contains("17/05/1990"))
            let css = String(buffer: try await browser.get("/static/style.css").body)
            #expect(css.contains("@page { size: A4"))
        }
    }

    @Test func anEditorsNewPersonAndEvent_stayPendingUntilTheHeadApproves() async throws {
        let node = try PersonnelWebNode()
        let decision = [("so-qd", "31/QĐ-UBND"), ("ngay-ky", "01/11/2026"), ("co-quan", "UBND huyện Lạc Sơn"), ("ngay-hieu-luc", "02/11/2026")]
        let newID = TextBox()
        try await node.browse { browser in
            try await browser.signIn("hoso")
            try await browser.get("/nhan-su/moi")
            let saved = try await browser.post("/nhan-su/moi", [("ho-ten", "Lò Văn Mới"), ("ngay-sinh", "04/04/2000"), ("gioi-tinh", "male"),
                                                               ("loai", "civilServant"), ("phong-ban", "Văn phòng"), ("hinh-thuc", "thi-tuyen"),
                                                               ("ngach", "01.003"), ("bac", "1")] + decision)
            #expect(saved.status == .seeOther)
            newID.text = String(saved.headers[.location]?.dropFirst("/nhan-su/".count) ?? "")
            try await browser.get("/nhan-su/\(newID.text)")
            #expect(browser.lastPage.contains("Lò Văn Mới") && browser.lastPage.contains("Chờ duyệt"))
            try await browser.get("/nhan-su?ngay=2026-12-01")
            #expect(!browser.lastPage.contains("Lò Văn Mới"), "a pending recruitment is on the roster")
            // A raise on the approved record: pending, the coefficient unchanged.
            try await browser.get("/nhan-su/\(node.record)/bien-dong")
            let raised = try await browser.post("/nhan-su/\(node.record)/bien-dong", [("loai", "luong"), ("ngach", "01.003"), ("bac", "2")] + decision)
            #expect(raised.status == .seeOther)
            try await browser.get("/nhan-su/\(node.record)")
            #expect(browser.lastPage.contains("Chờ duyệt") && browser.lastPage.contains("2,34") && !browser.lastPage.contains("2,67"))
        }
        try await node.browse { browser in
            try await browser.signIn("lanhdao")
            // The head's list: both pending, each with the deadline it must be approved by and a button.
            try await browser.get("/nhan-su/qua-han")
            #expect(browser.lastPage.contains(newID.text) && browser.lastPage.contains(node.record.rawValue))
            #expect(browser.lastPage.contains("Duyệt hồ sơ \(newID.text)") && browser.lastPage.contains("Điều 9 khoản 1"))
            try await browser.get("/nhan-su/\(newID.text)")
            #expect(try await browser.post("/nhan-su/\(newID.text)/duyet", []).status == .seeOther)
            try await browser.get("/nhan-su/\(node.record)")
            #expect(try await browser.post("/nhan-su/\(node.record)/duyet", []).status == .seeOther)
            try await browser.get("/nhan-su?ngay=2026-12-01")
            #expect(browser.lastPage.contains("Lò Văn Mới"))
            try await browser.get("/nhan-su/\(node.record)")
            #expect(browser.lastPage.contains("2,67") && !browser.lastPage.contains("Chờ duyệt"))
        }
    }

    @Test func searchFindsANameTypedWithoutDiacritics_andByRankAndStatus() async throws {
        let node = try PersonnelWebNode()
        try await node.browse { browser in
            try await browser.signIn("khaithac")
            try await browser.get("/nhan-su/tim-kiem?ten=dinh+thi+hoa")
            #expect(browser.lastPage.contains("Đinh Thị Hòa") && browser.lastPage.contains("1 kết quả"))
            try await browser.get("/nhan-su/tim-kiem?ngach=01.003&trang-thai=working")
            #expect(browser.lastPage.contains("Đinh Thị Hòa"))
            try await browser.get("/nhan-su/tim-kiem?ten=hoa&trang-thai=retired")
            #expect(!browser.lastPage.contains("Đinh Thị Hòa") && browser.lastPage.contains("0 kết quả"))
        }
        let search = try node.personnelAudit().filter { $0.action == "personnel.search" }
        #expect(search.count == 3 && search.allSatisfy { $0.actor == "khaithac" && !($0.detail ?? "").contains("hoa") })
    }

    @Test func anotherUnitsRecord_isNotReachableByURL() async throws {
        let node = try PersonnelWebNode()
        try node.storeCopy(as: "HS-ffffffffffffffffffff", named: "Người Đơn Vị Khác", heldFor: "04802")
        try await node.browse { browser in
            try await browser.signIn("nhaycam")
            for path in ["/nhan-su/HS-ffffffffffffffffffff", "/nhan-su/HS-ffffffffffffffffffff/in"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
                #expect(!browser.lastPage.contains("Người Đơn Vị Khác"))
            }
            try await browser.get("/nhan-su/tim-kiem?ten=nguoi")
            #expect(!browser.lastPage.contains("Người Đơn Vị Khác"))
        }
    }

    @Test func theAuditShowsWhoReadWhoseRecord_afterAPageView() async throws {
        let node = try PersonnelWebNode()
        try await node.browse { browser in
            try await browser.signIn("khaithac")
            try await browser.get("/nhan-su/\(node.record)")
        }
        let read = try node.personnelAudit().last { $0.action == "personnel.read" }
        #expect(read?.actor == "khaithac" && read?.object == node.record.rawValue)
        try await node.browse { browser in
            try await browser.signIn("lanhdao")
            #expect(try await browser.get("/nhan-su/nhat-ky").status == .ok)
            let page = browser.lastPage
            #expect(page.contains("khaithac") && page.contains("xem hồ sơ") && page.contains(node.record.rawValue))
            #expect(page.contains("Đinh Thị Hòa"), "the head, who may read the record, sees whose it is")
        }
    }

    @Test func theRosterAsExcel_isReadBack_andAudited() async throws {
        let node = try PersonnelWebNode()
        try await node.browse { browser in
            try await browser.signIn("khaithac")
            let response = try await browser.get("/nhan-su/danh-sach.xlsx?ngay=2026-12-01")
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition]?.contains("danh-sach-can-bo_04801_2026-12-01.xlsx") == true)
            let cells = try XLSXReader(data: Data(response.body.readableBytesView)).cells(ofSheet: RosterWorkbook.sheetName)
            #expect(cells["B6"]?.text == "Đinh Thị Hòa" && cells["C6"]?.text == "17/05/1990" && cells["J6"]?.text == "2.34")
            #expect(cells["M5"] == nil && !cells.values.contains { $0.text == "Mường" })
        }
        let export = try node.personnelAudit().last { $0.action == "personnel.export" }
        #expect(export?.actor == "khaithac" && export?.detail?.contains(node.record.rawValue) == true)
    }

    @Test func recordsNeverAppearOnThePublicPage_norWithoutSignIn() async throws {
        let node = try PersonnelWebNode()
        try await node.browse { browser in
            let page = try await browser.get("/nhan-su/\(node.record)")
            #expect(page.status != .ok)
            #expect(!String(buffer: page.body).contains("Đinh Thị Hòa"))
        }
        // The province's public page, on a top node keeping a record of its own.
        let province = try WebFixture(home: "17", personnelCatalog: PersonnelWebNode.catalog)
        let admin = try PersonnelWebNode.actor("quantri", in: province.store)
        _ = try province.web.accounts.addUser(login: "hoso", displayName: "Cán bộ hồ sơ", roles: [.dataEntry], password: WebFixture.password,
                                               by: admin, at: Date())
        let service = PersonnelService(work: province.web.work, catalog: PersonnelWebNode.catalog)
        try service.grant(login: "hoso", scope: .edit, documentNumber: "15/QĐ-UBND", documentDate: "2026-01-05", by: admin, at: Date())
        let id = try service.recruit(PersonnelRecruitmentInput(
            identity: PersonIdentity(fullName: "Hà Văn Công Khai", birthDate: "1985-01-01", sex: .male),
            recruitment: Recruitment(unit: "17", kind: .civilServant, form: "thi-tuyen"),
            decision: DecisionReference(number: "1/QĐ-UBND", signedOn: "2026-02-01", issuer: "UBND tỉnh", effectiveOn: "2026-02-02")),
            by: try PersonnelWebNode.actor("hoso", in: province.store), at: Date())
        try await province.application().test(.router) { client in
            let response = try await client.execute(uri: "/cong-khai", method: .get)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(!text.contains("Hà Văn Công Khai") && !text.contains(id.rawValue) && !text.contains("nhan-su"))
        }
    }
}

/// A value a browsing closure sets and the test reads after it.
final class TextBox: @unchecked Sendable {
    var text = ""
}
