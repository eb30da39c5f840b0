import BaoCaoCore
@testable import BaoCaoExchange
import Foundation
import Testing

@Suite("Curriculum vitae (Mẫu 2C-BNV/2008) from a record on a date")
struct CurriculumVitaeTests {
    let record = PersonnelDocumentFixture.civilServant

    func vitae(on date: CivilDate = "2026-12-01", sensitive: Bool = true) throws -> CurriculumVitae {
        try CurriculumVitae(record: record, on: date, catalog: PersonnelDocumentFixture.catalog,
                            topology: PersonnelDocumentFixture.topology, showsSensitive: sensitive)
    }

    @Test func everyNumberedItemIsThere_withTheRecordsValuesByTheirCatalogNames() throws {
        let cv = try vitae()
        let numbers = (1...26).map(String.init).filter { $0 != "15" } + (1...6).map { "15.\($0)" }
        for number in numbers {
            #expect(cv.item(number) != nil, "item \(number) missing")
        }
        #expect(CurriculumVitae.tableHeadings.map(\.number) == ["27", "28", "29", "30", "31", "32"])
        #expect(cv.managingBody == "Huyện Lạc Sơn")
        #expect(cv.employingUnit == "Văn phòng, Xã Một")
        #expect(cv.recordNumber == "HS-0123456789abcdef0123")
        let expected: [String: String] = [
            "Họ và tên khai sinh (viết chữ in hoa)": "NGUYỄN THỊ THU HÀ",
            "Tên gọi khác": "Thu",
            "Sinh ngày": "05/03/1988",
            "Giới tính (nam, nữ)": "Nữ",
            "Nơi sinh": "Xã Một, huyện Lạc Sơn, tỉnh Hòa Bình",
            "Quê quán": "Xã Hai, huyện Lạc Sơn, tỉnh Hòa Bình",
            "Dân tộc": "Tày",
            "Tôn giáo": "Phật giáo",
            "Nơi ở hiện nay": "Thôn Đồng Tâm, xã Một",
            "Nghề nghiệp khi được tuyển dụng": "Vị trí chuyên môn, nghiệp vụ, Thi tuyển",
            "Ngày tuyển dụng": "01/08/2012",
            "Vào cơ quan nào, ở đâu": "Văn phòng, Xã Một",
            "Chức vụ (chức danh) hiện tại": "Phó Chủ tịch Ủy ban nhân dân",
            "Công việc chính được giao": "Văn phòng - thống kê",
            "Ngạch công chức (viên chức)": "Chuyên viên",
            "Mã ngạch": "01.003",
            "Bậc lương": "3",
            "Hệ số": "3,00",
            "Ngày hưởng": "01/08/2018",
            "Phụ cấp chức vụ": "0,25",
            "Trình độ chuyên môn cao nhất": "Đại học — Kế toán",
            "Lý luận chính trị": "Trung cấp lý luận chính trị",
            "Danh hiệu được phong tặng cao nhất": "Chiến sĩ thi đua cơ sở",
            "Khen thưởng": "Giấy khen của Chủ tịch UBND huyện (hoàn thành xuất sắc nhiệm vụ năm 2023)",
            "Tình trạng sức khỏe": "Tốt",
            "Nhóm máu": "Nhóm máu O",
            "Là con gia đình chính sách": "Con thương binh",
            "Số định danh cá nhân": "017188000123",
        ]
        for (label, value) in expected {
            #expect(cv.field(label)?.value == value, "\(label)")
        }
        #expect(cv.training == [.init(institution: "Trường Đại học Kinh tế quốc dân", speciality: "Kế toán", period: "09/2006 – 06/2010",
                                      type: "Chính quy", diploma: "Bằng cử nhân, Đại học"),
                                .init(institution: "", speciality: "", period: "05/2019", type: "Vừa làm vừa học",
                                      diploma: "Trung cấp lý luận chính trị")])
        #expect(cv.work == [.init(period: "08/2012 – 03/2016", description: "Chuyên viên, Văn phòng, Xã Một"),
                            .init(period: "03/2016 – nay", description: "Phó Chủ tịch Ủy ban nhân dân, Văn phòng, Xã Một")])
        #expect(cv.familyOwn == [.init(relation: "Bố đẻ", fullName: "Nguyễn Văn Thái", birthYear: "1960", details: "Nông dân, xã Một")])
        #expect(cv.familySpouse.map(\.fullName) == ["Lê Thị Mận"])
        #expect(cv.pay == [.init(month: "08/2012", rankAndStep: "01.003/1", coefficient: "2,34"),
                           .init(month: "08/2018", rankAndStep: "01.003/3", coefficient: "3,00")])
        #expect(cv.evaluations == [.init(year: "2024", rating: "Hoàn thành tốt nhiệm vụ")])
    }

    @Test func withoutTheSensitiveGrant_sensitiveFieldsPrintDots_andTheirValuesAppearNowhere() throws {
        let cv = try vitae(sensitive: false)
        for label in ["Dân tộc", "Tôn giáo", "Tình trạng sức khỏe", "Nhóm máu", "Là thương binh hạng", "Là con gia đình chính sách"] {
            #expect(cv.field(label)?.value == CurriculumVitae.masked, "\(label)")
            #expect(cv.field(label)?.isMasked == true)
        }
        #expect(cv.familyMasked)
        #expect(cv.familyOwn.isEmpty && cv.familySpouse.isEmpty)
        let everything = String(describing: cv)
        for secret in ["Tày", "Phật giáo", "Nhóm máu O", "Con thương binh", "Nguyễn Văn Thái", "Lê Thị Mận"] {
            #expect(!everything.contains(secret), "\(secret) shown to a reader without the sensitive grant")
        }
        // What is not sensitive is still there.
        #expect(cv.field("Họ và tên khai sinh (viết chữ in hoa)")?.value == "NGUYỄN THỊ THU HÀ")
        #expect(cv.field("Hệ số")?.value == "3,00")
    }

    @Test func theFormReadsTheRecordAsItStoodThatDay_andNeverAPendingEvent() throws {
        // Before the appointment: no position, first pay.
        let early = try vitae(on: "2015-01-01")
        #expect(early.field("Chức vụ (chức danh) hiện tại")?.value == "")
        #expect(early.field("Hệ số")?.value == "2,34")
        #expect(early.work.map(\.period) == ["08/2012 – nay"])
        // The raise to 3,33 from 2026 waits for the head's approval: it is not printed.
        let now = try vitae(on: "2026-12-01")
        #expect(now.field("Hệ số")?.value == "3,00")
        #expect(!now.pay.contains { $0.coefficient == "3,33" })
        // Before recruitment there is nothing to print: a Vietnamese refusal naming the record, not the person.
        let error = #expect(throws: ExchangeError.self) { try vitae(on: "2010-01-01") }
        #expect(error?.message.contains("HS-0123456789abcdef0123") == true)
        #expect(error?.message.contains("Nguyễn") == false)
    }

    @Test func aRetiredPersonsHistoryEndsWithLeaving() throws {
        let retired = PersonnelDocumentFixture.records[2]
        let cv = try CurriculumVitae(record: retired, on: "2026-12-01", catalog: PersonnelDocumentFixture.catalog,
                                     topology: PersonnelDocumentFixture.topology, showsSensitive: true)
        #expect(cv.status == "đã nghỉ hưu")
        #expect(cv.work.last == .init(period: "02/2020", description: "Đã nghỉ hưu (Xã Một)"))
        #expect(cv.work.first?.period == "01/1985 – 02/2020")
    }
}
