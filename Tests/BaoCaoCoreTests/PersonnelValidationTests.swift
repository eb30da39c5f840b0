import Foundation
import Testing
@testable import BaoCaoCore

/// Every rule of ``PersonnelCatalog/validate(_:topology:)``: each broken record is refused
/// with the field named as the curriculum vitae form prints it, and never the person's data.
@Suite("Personnel record validation")
struct PersonnelValidationTests {
    typealias F = PersonnelFixtures
    let catalog = F.catalog

    /// The error a record gets, checked to carry no personal data.
    func refusal(_ record: PersonnelRecord, topology: Topology? = nil) throws -> CoreError {
        let error = try #require(throws: CoreError.self) { try catalog.validate(record, topology: topology) }
        for secret in [record.identity.fullName, "Nguyễn", "1990-05-20", "20/05/1990", record.identity.nationalIDNumber ?? "-"] {
            #expect(!error.message.contains(secret), "\(error.message)")
        }
        return error
    }

    func withEvent(_ change: PersonnelChange, on day: String = "2020-06-01") -> PersonnelRecord {
        F.record([F.event(4, day, change)])
    }

    @Test func theFixture_isValid() throws {
        try catalog.validate(F.record())
    }

    @Test func unknownEthnicity_namesFieldAndList() throws {
        var record = F.record()
        record.personal.ethnicity = "xyz"
        let error = try refusal(record)
        #expect(error.code == .unknownPersonnelCode)
        #expect(error.message == #"Hồ sơ cán bộ, trường "Dân tộc": mã "xyz" không có trong danh mục Dân tộc."#)
    }

    @Test(arguments: [
        (PersonnelChange.training(Training(type: "chinh-quy", level: "tien-si-khoa-hoc")), "Trình độ đào tạo"),
        (.reward(Distinction(form: "huy-chuong-vang")), "Khen thưởng"),
        (.evaluation(year: 2019, rating: "xuat-sac"), "Đánh giá, xếp loại"),
        (.position(PositionChange(category: .party, position: "truong-phong", action: .appointed)), "Chức vụ Đảng"),
        (.allowance(AllowanceChange(type: "xang-xe", computation: "he-so", amount: 1)), "Phụ cấp"),
        (.pay(PayChange(rank: "99.999", step: 1, coefficient: 1)), "Mã ngạch"),
    ])
    func unknownCodeInAnEvent_namesTheField(change: PersonnelChange, field: String) throws {
        let error = try refusal(withEvent(change))
        #expect(error.code == .unknownPersonnelCode)
        #expect(error.message.contains("trường \"\(field)\""), "\(error.message)")
    }

    @Test func unknownCodeInTheRecruitment_isRefused() throws {
        var record = F.record()
        var recruitment = F.recruitment
        recruitment.form = "boc-tham"
        record.events[0].change = .recruited(recruitment)
        #expect(try refusal(record).message.contains("Hình thức tuyển dụng"))
    }

    @Test func eventBeforeBirth_isImpossible() throws {
        var record = F.record()
        record.events[2] = F.event(3, "1989-01-01", .evaluation(year: 1989, rating: "htt"))
        let error = try refusal(record)
        #expect(error.code == .impossiblePersonnelDate)
    }

    @Test func recruitmentBeforeLabourAge_isImpossible() throws {
        var record = F.record()
        record.events = [F.event(1, "2005-05-19", .recruited(F.recruitment))]
        let error = try refusal(record)
        #expect(error.code == .impossiblePersonnelDate)
        #expect(error.message.contains("Ngày được tuyển dụng") && error.message.contains("15 tuổi"), "\(error.message)")
        record.events = [F.event(1, "2005-05-20", .recruited(F.recruitment))]
        try catalog.validate(record)
    }

    @Test func eventBeforeRecruitment_isImpossible() throws {
        let error = try refusal(F.record([F.event(4, "2014-12-20", .evaluation(year: 2014, rating: "htt"))]))
        #expect(error.code == .impossiblePersonnelDate)
        #expect(error.message.contains("trước ngày được tuyển dụng"))
    }

    @Test func decisionSignedAfterItTakesEffect_isFine_butNotBeforeBirth() throws {
        var late = F.event(4, "2020-06-01", .evaluation(year: 2019, rating: "htt"))
        late.decision?.signedOn = F.date("2020-07-01")
        try catalog.validate(F.record([late]))
        var early = late
        early.decision?.signedOn = F.date("1980-01-01")
        let error = try refusal(F.record([early]))
        #expect(error.code == .impossiblePersonnelDate)
        #expect(error.message.contains("Ngày ký quyết định"))
    }

    @Test func trainingFinishingBeforeItStarts_isImpossible() throws {
        let error = try refusal(withEvent(.training(Training(type: "boi-duong", level: "qlnn-cv",
                                                           startedOn: F.date("2020-05-01"), finishedOn: F.date("2020-04-01")))))
        #expect(error.code == .impossiblePersonnelDate)
        #expect(error.message.contains("Thời gian đào tạo"))
    }

    @Test func termEndingBeforeTheAppointment_isImpossible() throws {
        let error = try refusal(withEvent(.position(PositionChange(category: .government, position: "pho-truong-phong",
                                                                 action: .appointed, termEndsOn: F.date("2019-01-01")))))
        #expect(error.code == .impossiblePersonnelDate)
        #expect(error.message.contains("Thời hạn bổ nhiệm"))
    }

    @Test func stepOrCoefficientNotTheRanks_isRefused() throws {
        let wrongCoefficient = try refusal(withEvent(.pay(PayChange(rank: "01.003", step: 3, coefficient: try ExactDecimal(canonical: "3.33")))))
        #expect(wrongCoefficient.code == .invalidPersonnelPay)
        #expect(wrongCoefficient.message.contains("Hệ số lương") && wrongCoefficient.message.contains("3"), "\(wrongCoefficient.message)")
        let noSuchStep = try refusal(withEvent(.pay(PayChange(rank: "01.001", step: 7, coefficient: try ExactDecimal(canonical: "8.36")))))
        #expect(noSuchStep.code == .invalidPersonnelPay)
        #expect(noSuchStep.message.contains("Bậc lương"))
        try catalog.validate(withEvent(.pay(PayChange(rank: "01.003", step: 3, coefficient: try ExactDecimal(canonical: "3.00")))))
    }

    @Test func firstEventMustBeTheRecruitment_andOnlyOnce() throws {
        var record = F.record()
        record.events.removeFirst()
        #expect(try refusal(record).code == .invalidPersonnelEvent)
        let twice = try refusal(F.record([F.event(4, "2020-01-01", .recruited(F.recruitment))]))
        #expect(twice.code == .invalidPersonnelEvent)
        #expect(twice.message.contains("một lần tuyển dụng"))
        var empty = F.record()
        empty.events = []
        #expect(try refusal(empty).code == .missingPersonnelField)
    }

    @Test func eventsAfterRetirement_areRefused_butCorrectionsAreNot() throws {
        let retired = F.event(4, "2050-06-01", .left(Leaving(reason: .retired, form: "du-tuoi")))
        let error = try refusal(F.record([retired, F.event(5, "2050-12-20", .evaluation(year: 2050, rating: "htt"))]))
        #expect(error.code == .invalidPersonnelEvent)
        #expect(error.message.contains("Trạng thái dữ liệu") && error.message.contains("đã nghỉ hưu"), "\(error.message)")
        var corrected = PersonnelFixtures.record().personal
        corrected.maritalStatus = "goa"
        try catalog.validate(F.record([retired, F.event(5, "2051-01-10", .personalDetails(corrected), decided: false)]))
        let deceased = F.event(4, "2040-06-01", .left(Leaving(reason: .deceased)))
        #expect(try self.refusal(F.record([deceased, F.event(5, "2041-01-01", .reward(Distinction(form: "giay-khen")))])).code == .invalidPersonnelEvent)
    }

    @Test func transferToTheUnitItself_isRefused() throws {
        let error = try refusal(withEvent(.transferredOut(TransferOut(receivingUnit: "157", employingUnit: F.unit))))
        #expect(error.code == .invalidPersonnelEvent)
        #expect(error.message.contains("chính đơn vị"))
        try catalog.validate(withEvent(.transferredOut(TransferOut(receivingUnit: "157", employingUnit: "05293"))))
    }

    @Test func transferToAUnitTheProvinceHasNot_isRefusedWithTheTopology() throws {
        let topology = try Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province, parentCode: nil),
            ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
            ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
        ])
        let record = withEvent(.transferredOut(TransferOut(receivingUnit: "157", employingUnit: "05293")))
        let error = try refusal(record, topology: topology)
        #expect(error.code == .unknownPersonnelUnit)
        #expect(error.message.contains("05293"))
    }

    @Test func namesAndTextMustBeNFCAndNotEmpty() throws {
        var blank = F.record()
        blank.identity.fullName = "  "
        let missing = try refusal(blank)
        #expect(missing.code == .missingPersonnelField)
        #expect(missing.message.contains("Họ và tên khai sinh"))
        var decomposed = F.record()
        decomposed.identity.fullName = "Nguyễn Văn An".decomposedStringWithCanonicalMapping
        let notNFC = try #require(throws: CoreError.self) { try catalog.validate(decomposed) }
        #expect(notNFC.code == .invalidPersonnelText)
        #expect(notNFC.message.contains("Họ và tên khai sinh") && !notNFC.message.contains("An"), "\(notNFC.message)")
        let section = try refusal(withEvent(.movedWithinUnit(section: "")))
        #expect(section.message.contains("Phòng, ban, bộ phận"))
        var decision = F.event(4, "2020-06-01", .evaluation(year: 2019, rating: "htt"))
        decision.decision?.number = ""
        #expect(try refusal(F.record([decision])).message.contains("Số quyết định"))
    }

    @Test(arguments: ["01709099000", "0170909900011", "01709099000a", "０１７０９０９９０００１"])
    func nationalIDNotTwelveDigits_isRefused(_ number: String) throws {
        var record = F.record()
        record.identity.nationalIDNumber = number
        let error = try refusal(record)
        #expect(error.code == .invalidNationalIDNumber)
        #expect(error.message.contains("Số định danh cá nhân") && !error.message.contains(number))
    }

    @Test func disciplineOfAnotherKind_isRefused() throws {
        let error = try refusal(withEvent(.discipline(Distinction(form: "vc-khien-trach"))))
        #expect(error.code == .invalidPersonnelEvent)
        #expect(error.message.contains("công chức"))
        try catalog.validate(withEvent(.discipline(Distinction(form: "cc-khien-trach"))))
    }

    @Test func spouseSideHasNoChildren() throws {
        var record = F.record()
        record.personal.family.append(FamilyMember(side: .spouse, relation: "con", fullName: "Nguyễn Văn Cường"))
        #expect(try refusal(record).message.contains("Quan hệ gia đình"))
    }

    @Test func oneNewEvent_isCheckedAgainstTheRecord() throws {
        let record = F.record()
        try catalog.validate(F.event(4, "2021-03-01", .pay(PayChange(rank: "01.003", step: 3, coefficient: try ExactDecimal(canonical: "3.00")))), for: record)
        #expect(throws: CoreError.self) { try catalog.validate(F.event(3, "2021-03-01", .evaluation(year: 2020, rating: "htt")), for: record) }
        let early = try #require(throws: CoreError.self) {
            try catalog.validate(F.event(4, "2014-01-01", .evaluation(year: 2014, rating: "htt")), for: record)
        }
        #expect(early.code == .impossiblePersonnelDate)
        // An old event's code a later catalog dropped does not stop a new one.
        var old = record
        old.events[2].change = .reward(Distinction(form: "huy-hieu-cu"))
        try catalog.validate(F.event(4, "2021-12-20", .evaluation(year: 2021, rating: "htt")), for: old)
        #expect(throws: CoreError.self) { try catalog.validate(old) }
    }
}
