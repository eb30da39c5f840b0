import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting

/// A commune node (04801) serving the personnel pages, with a small personnel catalog,
/// one approved synthetic record and the accounts seed 003's rules name, each granted on
/// a written approval: `hoso` edits records, `khaithac` reads them, `nhaycam` reads them
/// with the sensitive fields, `lanhdao` is the unit head (approver; it reads too), `xem`
/// has no grant, `quantri` is the admin.
final class PersonnelWebNode: @unchecked Sendable {
    static func decimal(_ text: String) -> ExactDecimal { try! ExactDecimal(canonical: text) }

    static let catalog = PersonnelCatalog(
        version: "thu-nghiem-web", sources: [PersonnelCatalogSource(id: "mau", title: "Danh mục mẫu để thử")], authority: "17",
        lists: [
            PersonnelCatalogList(name: "recruitmentForms", title: "Hình thức tuyển dụng", article: "8.1a", source: "mau",
                                 entries: [.init(code: "thi-tuyen", name: "Thi tuyển"), .init(code: "xet-tuyen", name: "Xét tuyển")]),
            PersonnelCatalogList(name: "ethnicities", title: "Dân tộc", article: "8.1e", source: "mau",
                                 entries: [.init(code: "kinh", name: "Kinh"), .init(code: "muong", name: "Mường")]),
            PersonnelCatalogList(name: "religions", title: "Tôn giáo", article: "8.1e", source: "mau",
                                 entries: [.init(code: "khong", name: "Không"), .init(code: "phat-giao", name: "Phật giáo")]),
            PersonnelCatalogList(name: "governmentPositions", title: "Chức vụ chính quyền", article: "8.1b", source: "mau",
                                 entries: [.init(code: "pho-chu-tich-ubnd", name: "Phó Chủ tịch Ủy ban nhân dân")]),
            PersonnelCatalogList(name: "familyRelations", title: "Quan hệ gia đình", article: "8.1e", source: "mau",
                                 entries: [.init(code: "cha", name: "Cha"), .init(code: "me", name: "Mẹ")]),
        ],
        ranks: [PersonnelRank(code: "01.003", name: "Chuyên viên", group: "chuyen-vien", kind: .civilServant,
                              coefficients: [decimal("2.34"), decimal("2.67"), decimal("3.00")])])

    let fixture: WebFixture
    let service: PersonnelService
    let admin: StaffMember
    /// The approved record: Mường, Phật giáo, a mother named Bùi Thị Lan (all sensitive).
    let record: PersonnelID

    init() throws {
        fixture = try WebFixture(personnelCatalog: Self.catalog)
        let accounts = fixture.web.accounts
        admin = try Self.actor("quantri", in: fixture.store)
        for (login, name, role) in [("hoso", "Cán bộ hồ sơ", Role.dataEntry), ("khaithac", "Người khai thác", .viewer),
                                    ("nhaycam", "Người khai thác nhạy cảm", .viewer)] {
            _ = try accounts.addUser(login: login, displayName: name, roles: [role], password: WebFixture.password, by: admin, at: Date())
        }
        service = PersonnelService(work: fixture.web.work, calendar: fixture.web.calendar, catalog: Self.catalog)
        let now = Date()
        for (login, scope) in [("hoso", PersonnelScope.edit), ("khaithac", .read), ("nhaycam", .read), ("nhaycam", .sensitive), ("lanhdao", .read)] {
            try service.grant(login: login, scope: scope, documentNumber: "15/QĐ-UBND", documentDate: "2026-01-05", by: admin, at: now)
        }
        let officer = try Self.actor("hoso", in: fixture.store)
        record = try service.recruit(PersonnelRecruitmentInput(
            identity: PersonIdentity(fullName: "Đinh Thị Hòa", birthDate: "1990-05-17", sex: .female, nationalIDNumber: "017190000123"),
            personal: PersonalDetails(ethnicity: "muong", religion: "phat-giao",
                                      family: [FamilyMember(side: .own, relation: "me", fullName: "Bùi Thị Lan", birthYear: 1965)]),
            recruitment: Recruitment(unit: "04801", section: "Văn phòng", kind: .civilServant, form: "thi-tuyen",
                                     pay: PayChange(rank: "01.003", step: 1, coefficient: Self.decimal("2.34"))),
            decision: DecisionReference(number: "12/QĐ-UBND", signedOn: "2026-02-01", issuer: "UBND huyện Lạc Sơn", effectiveOn: "2026-02-02")),
            by: officer, at: now)
        try service.approve(record, by: try Self.actor("lanhdao", in: fixture.store), at: now)
    }

    func actor(_ login: String) throws -> StaffMember { try Self.actor(login, in: fixture.store) }

    static func actor(_ login: String, in store: NodeStore) throws -> StaffMember {
        try store.writer.read { db in
            let user = try NodeStore.users(in: db).first { $0.login == login }!
            return StaffMember(userId: user.id!, login: user.login, displayName: user.displayName, roles: try NodeStore.roles(ofUser: user.id!, in: db))
        }
    }

    /// Stores a copy of the record renamed, held for another unit (as a custody copy
    /// would be): a record this node may not read.
    func storeCopy(as id: String, named name: String, heldFor holder: UnitCode) throws {
        var copy = try fixture.store.writer.read { try NodeStore.personnelRecord(id: record, in: $0)! }
        copy.id = try PersonnelID(parsing: id)
        copy.identity.fullName = name
        try fixture.store.writer.write { db in
            try NodeStore.storePersonnelRecord(copy, holder: holder, holding: .copy, today: "2026-12-01", at: Date(), in: db)
        }
    }

    /// The audit entries about personnel records, in order.
    func personnelAudit() throws -> [AuditEntry] {
        try AuditLog.entries(in: fixture.store).filter { $0.action.hasPrefix("personnel.") }
    }

    /// Runs `body` with a browser on this node's web interface.
    func browse(_ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        try await fixture.application().test(.router) { client in try await body(Browser(client)) }
    }
}
