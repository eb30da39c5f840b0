import Foundation
import Testing
@testable import BaoCaoCore

/// The JSON of a record's changes is a wire format (transfer bundles, custody copies):
/// one flat object per change, `type` naming it, read strictly.
@Suite("Personnel wire format")
struct PersonnelWireFormatTests {
    static let d = PersonnelFixtures.date

    /// One change of every kind, each with its optional fields filled.
    static let everyChange: [PersonnelChange] = [
        .recruited(PersonnelFixtures.recruitment),
        .identity(PersonIdentity(fullName: "Trần Thị Bích", otherNames: "Bích", birthDate: d("1988-02-29"), sex: .female,
                                 nationalIDNumber: "017188990002", birthplace: "Hòa Bình", hometown: "Lạc Sơn", residence: "Phường Tân Hòa")),
        .personalDetails(PersonalDetails(ethnicity: "01", religion: "khong", origin: "nong-dan", health: "tot", bloodGroup: "A",
                                         maritalStatus: "da-ket-hon", policyGroup: "con-liet-si", warInvalidRank: "4-4",
                                         titles: ["nha-giao-uu-tu"], family: [FamilyMember(side: .spouse, relation: "me", fullName: "Lê Thị Hoa", birthYear: 1960, details: "Hưu trí")])),
        .position(PositionChange(category: .party, position: "bi-thu-chi-bo", action: .reappointed, termEndsOn: d("2030-12-31"))),
        .movedWithinUnit(section: "Phòng Tổng hợp"),
        .pay(PayChange(rank: "01.002", step: 3, coefficient: try! ExactDecimal(canonical: "5.08"), form: "nang-ngach")),
        .allowance(AllowanceChange(type: "chuc-vu", computation: "he-so", amount: try! ExactDecimal(canonical: "0.25"), ends: true)),
        .seniorityBeyondFrame(percent: 7, form: "hang-nam"),
        .training(Training(type: "boi-duong", speciality: "quan-ly-nha-nuoc", level: "qlnn-cv", diploma: "chung-chi", graduation: "kha",
                           institution: "hv-hcqg", funding: "ngan-sach", startedOn: d("2020-03-01"), finishedOn: d("2020-05-30"))),
        .reward(Distinction(form: "giay-khen", reason: "Hoàn thành xuất sắc nhiệm vụ")),
        .discipline(Distinction(form: "cc-khien-trach", reason: nil)),
        .evaluation(year: 2025, rating: "htt"),
        .transferredOut(TransferOut(receivingUnit: "157", employingUnit: "05293")),
        .transferredIn(from: "05290", section: "Văn phòng"),
        .left(Leaving(reason: .retired, form: "du-tuoi")),
    ]

    @Test func everyKindOfChange_isCovered() {
        #expect(Set(Self.everyChange.map(\.wireType)) == Set(PersonnelChange.WireType.allCases))
    }

    @Test(arguments: everyChange)
    func change_roundTrips_asAFlatObjectNamingItsType(_ change: PersonnelChange) throws {
        let data = try PersonnelWireFormat.encoder().encode(change)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == change.wireType.rawValue)
        #expect(object.keys.allSatisfy { !$0.hasPrefix("_") }, "\(object.keys)")
        #expect(try PersonnelWireFormat.decoder().decode(PersonnelChange.self, from: data) == change)
    }

    @Test func evaluation_isWrittenAsDocumented() throws {
        let data = try PersonnelWireFormat.encoder().encode(PersonnelChange.evaluation(year: 2025, rating: "htt"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"rating":"htt","type":"evaluation","year":2025}"#)
        let allowance = try PersonnelWireFormat.encoder().encode(PersonnelChange.allowance(
            AllowanceChange(type: "chuc-vu", computation: "he-so", amount: try ExactDecimal(canonical: "0.25"))))
        #expect(String(decoding: allowance, as: UTF8.self)
                == #"{"allowanceType":"chuc-vu","amount":"0.25","computation":"he-so","ends":false,"type":"allowance"}"#)
    }

    @Test func aWholeRecord_roundTrips() throws {
        let record = PersonnelFixtures.record()
        let data = try record.jsonData()
        #expect(try PersonnelRecord(jsonData: data) == record)
        #expect(String(decoding: data, as: UTF8.self).contains(#""recordedAt":"2015-03-01T02:00:00Z""#))
    }

    @Test(arguments: [
        #"{"type":"promoted","rank":"01.002"}"#,  // unknown type
        #"{"rating":"htt","year":2025}"#,  // no type
        #"{"type":"evaluation","year":2025}"#,  // missing rating
        #"{"type":"recruited","unit":"05290","kind":"civilServant"}"#,  // missing form
        #"{"type":"pay","rank":"01.003","step":2,"coefficient":2.67}"#,  // a coefficient as a number
        #"{"type":"movedWithinUnit"}"#,  // missing section
        #"{"type":"left","reason":"fired"}"#,  // unknown reason
        #"{"type":"training","level":"dai-hoc"}"#,  // missing trainingType
        #"{"type":"transferredOut","receivingUnit":"157"}"#,  // missing employingUnit
    ])
    func malformedChange_isADecodingError(_ json: String) {
        #expect(throws: DecodingError.self) {
            try PersonnelWireFormat.decoder().decode(PersonnelChange.self, from: Data(json.utf8))
        }
    }
}
