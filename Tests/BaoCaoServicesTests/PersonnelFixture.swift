import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// A commune node (04801) of Fixtures' district with a small personnel catalog and the
/// accounts the rules of seed 003 name: an admin, a records officer (edit), a reader, a
/// reader of sensitive fields, the unit head, and a clerk with no grant.
final class PersonnelFixture: @unchecked Sendable {
    static let home: UnitCode = "04801"

    static func decimal(_ text: String) -> ExactDecimal { try! ExactDecimal(canonical: text) }

    static let catalog = PersonnelCatalog(
        version: "thu-nghiem-1",
        sources: [PersonnelCatalogSource(id: "tt11-2012", title: "Thông tư số 11/2012/TT-BNV")],
        authority: "17",
        lists: [
            PersonnelCatalogList(name: "recruitmentForms", title: "Hình thức tuyển dụng", article: "8.1a", source: "tt11-2012",
                                 entries: [.init(code: "thi-tuyen", name: "Thi tuyển"), .init(code: "xet-tuyen", name: "Xét tuyển")]),
            PersonnelCatalogList(name: "ethnicities", title: "Dân tộc", article: "8.1e", source: "tt11-2012",
                                 entries: [.init(code: "kinh", name: "Kinh", group: "kinh"), .init(code: "muong", name: "Mường", group: "thieu-so")]),
            PersonnelCatalogList(name: "religions", title: "Tôn giáo", article: "8.1e", source: "tt11-2012",
                                 entries: [.init(code: "khong", name: "Không"), .init(code: "phat-giao", name: "Phật giáo")]),
            PersonnelCatalogList(name: "governmentPositions", title: "Chức vụ chính quyền", article: "8.1b", source: "tt11-2012",
                                 entries: [.init(code: "chu-tich-xa", name: "Chủ tịch UBND xã")]),
            PersonnelCatalogList(name: "familyRelations", title: "Quan hệ gia đình", article: "8.1e", source: "tt11-2012",
                                 entries: [.init(code: "cha", name: "Cha"), .init(code: "me", name: "Mẹ"), .init(code: "vo", name: "Vợ")]),
        ],
        ranks: [PersonnelRank(code: "01.003", name: "Chuyên viên", group: "chuyen-vien", kind: .civilServant,
                              coefficients: [decimal("2.34"), decimal("2.67"), decimal("3")])],
        statistics: PersonnelStatisticsDefinition(regime: "CBCCVC-TK", form: "TK-CBCCVC", formVersion: 1, source: "tt11-2012", indicators: [
            PersonnelStatisticsIndicator(code: "TS", filter: PersonnelHeadcountFilter()),
            PersonnelStatisticsIndicator(code: "CC", filter: PersonnelHeadcountFilter(kinds: [.civilServant])),
            PersonnelStatisticsIndicator(code: "NU", filter: PersonnelHeadcountFilter(sex: .female)),
        ]))

    let directory: URL
    let store: NodeStore
    let service: PersonnelService
    let admin: StaffMember
    let officer: StaffMember
    let reader: StaffMember
    let sensitiveReader: StaffMember
    let head: StaffMember
    let clerk: StaffMember

    init(home: UnitCode = PersonnelFixture.home, calendar: WorkingCalendar = WorkingCalendar()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("personnel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try NodeStore.inMemory()
        try store.replaceTopology(Fixtures.topology)
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: home, bootstrap: nil,
                                  clockTolerance: 86_400)
        service = PersonnelService(work: NodeWork(runtime: runtime, identity: nil), calendar: calendar, catalog: Self.catalog)
        let store = store
        func account(_ login: String, _ name: String, _ roles: Set<Role>) throws -> StaffMember {
            let user = try store.writer.write { db in
                try NodeStore.addUser(UserRecord(login: login, displayName: name, passwordHash: "x", at: Date()), roles: roles, in: db)
            }
            return StaffMember(userId: user.id!, login: login, displayName: name, roles: roles)
        }
        admin = try account("quantri", "Quản trị", [.admin])
        officer = try account("hoso", "Cán bộ quản lý hồ sơ", [.dataEntry])
        reader = try account("khaithac", "Người khai thác", [.viewer])
        sensitiveReader = try account("khaithac2", "Người khai thác có quyền nhạy cảm", [.viewer])
        head = try account("lanhdao", "Chủ tịch xã", [.approver])
        clerk = try account("nhaplieu", "Nhập liệu", [.dataEntry])
        let document = (number: "15/QĐ-UBND", date: "2026-01-05" as CivilDate)
        try service.grant(login: "hoso", scope: .edit, documentNumber: document.number, documentDate: document.date, by: admin, at: Self.now)
        try service.grant(login: "khaithac", scope: .read, documentNumber: document.number, documentDate: document.date, by: admin, at: Self.now)
        try service.grant(login: "khaithac2", scope: .read, documentNumber: document.number, documentDate: document.date, by: admin, at: Self.now)
        try service.grant(login: "khaithac2", scope: .sensitive, documentNumber: document.number, documentDate: document.date, by: admin, at: Self.now)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// 12 noon in Vietnam on a day.
    static func noon(_ date: CivilDate) -> Date { VietnamTime.startOfDay(date).addingTimeInterval(12 * 3600) }

    static let now = noon("2026-03-02")

    static func decision(_ number: String, _ effective: CivilDate) -> DecisionReference {
        DecisionReference(number: number, signedOn: effective.adding(days: -3), issuer: "UBND huyện Lạc Sơn", effectiveOn: effective)
    }

    /// A synthetic person: a civil servant recruited by examination on `effective`,
    /// Kinh, no religion, with a family member.
    static func recruitment(name: String = "Đinh Thị Hòa", born: CivilDate = "1990-05-17", effective: CivilDate = "2026-02-02",
                            form: String = "thi-tuyen", section: String = "VP") -> PersonnelRecruitmentInput {
        PersonnelRecruitmentInput(
            identity: PersonIdentity(fullName: name, birthDate: born, sex: .female, nationalIDNumber: "017190000123"),
            personal: PersonalDetails(ethnicity: "kinh", religion: "khong",
                                      family: [FamilyMember(side: .own, relation: "me", fullName: "Bùi Thị Lan", birthYear: 1965)]),
            recruitment: Recruitment(unit: home, section: section, kind: .civilServant, form: form,
                                     pay: PayChange(rank: "01.003", step: 1, coefficient: decimal("2.34"))),
            decision: decision("12/QĐ-UBND", effective))
    }

    /// Recruits and has the head approve it.
    func recruitApproved(_ input: PersonnelRecruitmentInput = PersonnelFixture.recruitment(), at now: Date = PersonnelFixture.now) throws -> PersonnelID {
        let id = try service.recruit(input, by: officer, at: now)
        try service.approve(id, by: head, at: now)
        return id
    }

    /// What a refused input must leave as it was: every personnel row and the audit log.
    func snapshot() throws -> [String] {
        try store.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT id || ':' || hex(document) FROM personnelRecord
                UNION ALL SELECT recordId || ':' || validFrom || ':' || status FROM personnelSpan
                UNION ALL SELECT 'audit:' || sequence || ':' || hash FROM auditEntry
                UNION ALL SELECT 'decl:' || year || recordId || ifnull(declaredAt, '') FROM personnelDeclaration
                UNION ALL SELECT 'quota:' || unit || section || headcount FROM personnelQuota
                UNION ALL SELECT 'grant:' || id || scope || ifnull(revokedAt, '') FROM personnelGrant
                """)
        }
    }

    func auditEntries() throws -> [AuditEntry] { try AuditLog.entries(in: store) }
}
