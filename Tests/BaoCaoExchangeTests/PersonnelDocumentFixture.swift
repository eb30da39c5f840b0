import BaoCaoCore
import Foundation

/// Synthetic staff (no real person) and a small personnel catalog for the curriculum
/// vitae and roster tests: a commune (04801) under district 148 of province 17.
enum PersonnelDocumentFixture {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "17-SNV", name: "Sở Nội vụ tỉnh Hòa Bình", kind: .department, parentCode: "17"),
        ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "148"),
        ReportingUnit(code: "04802", name: "Xã Hai", kind: .commune, parentCode: "148"),
    ])

    static func list(_ name: String, _ entries: [(String, String, String?)]) -> PersonnelCatalogList {
        PersonnelCatalogList(name: name, title: name, article: "8.1", source: "mau",
                             entries: entries.map { PersonnelCatalogEntry(code: $0.0, name: $0.1, group: $0.2) })
    }

    static let catalog = PersonnelCatalog(
        version: "thu-nghiem", sources: [PersonnelCatalogSource(id: "mau", title: "Danh mục mẫu để thử")], authority: "17-SNV",
        lists: [
            list("ethnicities", [("kinh", "Kinh", nil), ("tay", "Tày", nil), ("muong", "Mường", nil)]),
            list("religions", [("khong", "Không", nil), ("phat-giao", "Phật giáo", nil)]),
            list("healthStates", [("tot", "Tốt", nil)]),
            list("bloodGroups", [("O", "Nhóm máu O", nil)]),
            list("policyGroups", [("con-thuong-binh", "Con thương binh", nil)]),
            list("warInvalidRanks", [("hang-4", "Hạng 4/4", nil)]),
            list("honorificTitles", [("chien-si-thi-dua", "Chiến sĩ thi đua cơ sở", nil)]),
            list("familyRelations", [("bo", "Bố đẻ", nil), ("me-vo", "Mẹ vợ (chồng)", nil)]),
            list("recruitmentForms", [("thi-tuyen", "Thi tuyển", nil), ("hop-dong", "Ký hợp đồng lao động", nil)]),
            list("recruitmentPositions", [("chuyen-mon-nghiep-vu", "Vị trí chuyên môn, nghiệp vụ", nil)]),
            list("professionalWork", [("van-phong-thong-ke", "Văn phòng - thống kê", nil)]),
            list("governmentPositions", [("pho-chu-tich-ubnd", "Phó Chủ tịch Ủy ban nhân dân", nil)]),
            list("allowanceTypes", [("chuc-vu", "Phụ cấp chức vụ lãnh đạo", nil), ("khu-vuc", "Phụ cấp khu vực", nil)]),
            list("allowanceComputations", [("he-so", "Hệ số", nil)]),
            list("trainingTypes", [("chinh-quy", "Chính quy", nil), ("tai-chuc", "Vừa làm vừa học", nil)]),
            list("specialities", [("ke-toan", "Kế toán", nil)]),
            list("trainingLevels", [("thac-si", "Thạc sĩ", "chuyen-mon"), ("dai-hoc", "Đại học", "chuyen-mon"),
                                    ("trung-cap", "Trung cấp", "chuyen-mon"),
                                    ("llct-trung-cap", "Trung cấp lý luận chính trị", "ly-luan-chinh-tri"),
                                    ("qlnn-cv", "Quản lý nhà nước ngạch chuyên viên", "quan-ly-nha-nuoc"),
                                    ("ngoai-ngu-b1", "Ngoại ngữ bậc 3 (B1)", "ngoai-ngu"),
                                    ("tin-hoc-co-ban", "Ứng dụng công nghệ thông tin cơ bản", "tin-hoc")]),
            list("diplomaTypes", [("bang-cu-nhan", "Bằng cử nhân", nil)]),
            list("institutions", [("dh-kinh-te", "Trường Đại học Kinh tế quốc dân", nil)]),
            list("rewardForms", [("giay-khen-huyen", "Giấy khen của Chủ tịch UBND huyện", nil)]),
            list("disciplineForms", [("khien-trach", "Khiển trách", nil)]),
            list("evaluationRatings", [("hoan-thanh-tot", "Hoàn thành tốt nhiệm vụ", nil)]),
        ],
        ranks: [
            PersonnelRank(code: "01.003", name: "Chuyên viên", group: "chuyen-vien", kind: .civilServant,
                          coefficients: ["2.34", "2.67", "3.00", "3.33"].map { try! VietnameseNumberFormat.parse($0, convention: .anyUnambiguous) }),
            PersonnelRank(code: "01.011", name: "Nhân viên", group: "nhan-vien", kind: .contractStaff,
                          coefficients: ["1.50", "1.68"].map { try! VietnameseNumberFormat.parse($0, convention: .anyUnambiguous) }),
        ])

    static func decimal(_ text: String) -> ExactDecimal { try! VietnameseNumberFormat.parse(text, convention: .anyUnambiguous) }

    static let approval = PersonnelApproval(account: "lanhdao", name: "Chủ tịch xã", approvedAt: Date(timeIntervalSince1970: 1_700_000_000))

    static func event(_ sequence: Int, _ day: CivilDate, _ change: PersonnelChange, approved: Bool = true,
                      unit: UnitCode = "04801") -> PersonnelEvent {
        PersonnelEvent(sequence: sequence, effectiveOn: day,
                       decision: DecisionReference(number: "\(sequence)/QĐ-UBND", signedOn: day, issuer: "UBND huyện Lạc Sơn", effectiveOn: day),
                       change: change, recordedBy: unit, recordedByAccount: "nhaplieu", recordedAt: Date(timeIntervalSince1970: 1_700_000_000),
                       approval: approved ? approval : nil)
    }

    /// A civil servant of 04801 with something in every part of the form, and a raise
    /// entered but not yet approved.
    static let civilServant = PersonnelRecord(
        id: try! PersonnelID(parsing: "HS-0123456789abcdef0123"),
        identity: PersonIdentity(fullName: "Nguyễn Thị Thu Hà", otherNames: "Thu", birthDate: "1988-03-05", sex: .female,
                                 nationalIDNumber: "017188000123", birthplace: "Xã Một, huyện Lạc Sơn, tỉnh Hòa Bình",
                                 hometown: "Xã Hai, huyện Lạc Sơn, tỉnh Hòa Bình", residence: "Thôn Đồng Tâm, xã Một"),
        personal: PersonalDetails(ethnicity: "tay", religion: "phat-giao", health: "tot", bloodGroup: "O", policyGroup: "con-thuong-binh",
                                  titles: ["chien-si-thi-dua"],
                                  family: [FamilyMember(side: .own, relation: "bo", fullName: "Nguyễn Văn Thái", birthYear: 1960,
                                                        details: "Nông dân, xã Một"),
                                           FamilyMember(side: .spouse, relation: "me-vo", fullName: "Lê Thị Mận", birthYear: 1962,
                                                        details: "Hưu trí, xã Hai")]),
        events: [
            event(1, "2012-08-01", .recruited(Recruitment(unit: "04801", section: "Văn phòng", kind: .civilServant, form: "thi-tuyen",
                                                          position: "chuyen-mon-nghiep-vu", work: "van-phong-thong-ke",
                                                          pay: PayChange(rank: "01.003", step: 1, coefficient: decimal("2.34"))))),
            event(2, "2012-08-01", .training(Training(type: "chinh-quy", speciality: "ke-toan", level: "dai-hoc", diploma: "bang-cu-nhan",
                                                      institution: "dh-kinh-te", startedOn: "2006-09-01", finishedOn: "2010-06-30"))),
            event(3, "2016-03-01", .position(PositionChange(category: .government, position: "pho-chu-tich-ubnd", action: .appointed))),
            event(4, "2016-03-01", .allowance(AllowanceChange(type: "chuc-vu", computation: "he-so", amount: decimal("0.25")))),
            event(5, "2018-08-01", .pay(PayChange(rank: "01.003", step: 3, coefficient: decimal("3.00")))),
            event(6, "2019-05-15", .training(Training(type: "tai-chuc", level: "llct-trung-cap", finishedOn: "2019-05-15"))),
            event(7, "2023-12-20", .reward(Distinction(form: "giay-khen-huyen", reason: "hoàn thành xuất sắc nhiệm vụ năm 2023"))),
            event(8, "2024-12-31", .evaluation(year: 2024, rating: "hoan-thanh-tot")),
            event(9, "2026-01-01", .pay(PayChange(rank: "01.003", step: 4, coefficient: decimal("3.33"))), approved: false),
        ])

    static func record(_ hex: String, name: String, born: CivilDate, sex: PersonIdentity.Sex, unit: UnitCode, recruited: CivilDate,
                       kind: PersonnelKind, section: String?, pay: PayChange?, later: [PersonnelEvent] = [],
                       recruitmentApproved: Bool = true) -> PersonnelRecord {
        PersonnelRecord(
            id: try! PersonnelID(parsing: "HS-" + hex), identity: PersonIdentity(fullName: name, birthDate: born, sex: sex),
            personal: PersonalDetails(ethnicity: "muong", religion: "khong"),
            events: [event(1, recruited, .recruited(Recruitment(unit: unit, section: section, kind: kind, form: "thi-tuyen", pay: pay)),
                           approved: recruitmentApproved, unit: unit)] + later)
    }

    /// The civil servant, a contract worker of the same commune, a retired one, one of the
    /// other commune and one whose recruitment waits for the head's approval.
    static let records: [PersonnelRecord] = [
        civilServant,
        record("00000000000000000002", name: "Bùi Văn Đức", born: "1995-11-20", sex: .male, unit: "04801", recruited: "2020-02-01",
               kind: .contractStaff, section: "Bộ phận một cửa", pay: PayChange(rank: "01.011", step: 2, coefficient: decimal("1.68"))),
        record("00000000000000000003", name: "Đinh Công Lý", born: "1960-01-10", sex: .male, unit: "04801", recruited: "1985-01-01",
               kind: .civilServant, section: "Văn phòng", pay: PayChange(rank: "01.003", step: 4, coefficient: decimal("3.33")),
               later: [event(2, "2020-02-01", .left(Leaving(reason: .retired)))]),
        record("00000000000000000004", name: "Hà Thị Lan", born: "1990-07-07", sex: .female, unit: "04802", recruited: "2015-01-01",
               kind: .civilServant, section: "Văn phòng", pay: PayChange(rank: "01.003", step: 2, coefficient: decimal("2.67"))),
        record("00000000000000000005", name: "Quách Văn Mới", born: "2000-04-04", sex: .male, unit: "04801", recruited: "2026-11-01",
               kind: .civilServant, section: "Văn phòng", pay: PayChange(rank: "01.003", step: 1, coefficient: decimal("2.34")),
               recruitmentApproved: false),
    ]
}
