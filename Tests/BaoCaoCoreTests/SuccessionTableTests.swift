import Foundation
import Testing
@testable import BaoCaoCore

/// The succession table file (`Topology/*-ke-thua.csv`): a malformed line is refused as it
/// is read, and a problem found against the new map names the file and line to correct.
@Suite("Succession table file")
struct SuccessionTableTests {
    static let header = "old_code,old_name,old_kind,old_parent,new_code,share,default"
    /// Lines 1–2 comments, 3 the header, the rows from line 4.
    static let good = """
        # Phương án thử
        # dòng chú thích thứ hai, có dấu phẩy
        \(header)
        90,Tỉnh Thử,province,,90,whole,
        901,Huyện Cũ,district,90,90,archive,
        90001,Xã Một,commune,901,90001,whole,
        90002,Xã Hai,commune,901,90001,whole,
        90003,Xã Ba,commune,901,90003,part,default
        90003,Xã Ba,commune,901,90005,part,
        90004,Xã Bốn,commune,901,90007,whole,

        """

    static func table(_ text: String) throws -> SuccessionTable {
        try SuccessionTable(csv: text, fileName: "ke-thua.csv", effective: SuccessionValidationTests.effective,
                            graceUntil: SuccessionValidationTests.grace, basis: "Nghị quyết thử 01/2025")
    }

    static func readError(_ text: String) -> String? {
        (#expect(throws: CoreError.self) { try table(text) })?.message
    }

    static func replacing(_ line: String, with new: String) -> String {
        good.replacingOccurrences(of: line + "\n", with: new + "\n")
    }

    @Test func aGoodTable_readsEveryRowWithItsLine() throws {
        let table = try Self.table(Self.good)
        #expect(table.succession.formerUnits.map(\.code) == ["90", "901", "90001", "90002", "90003", "90004"])
        #expect(table.succession.links.count == 7)
        #expect(table.linkLines == [4, 5, 6, 7, 8, 9, 10])
        #expect(table.succession.links[4] == SuccessionLink(former: "90003", successor: "90003", share: .part, isDefault: true))
        #expect(table.succession.formerUnit(code: "90002")?.parentCode == "901")
        #expect(table.problems(against: SuccessionValidationTests.newMap).isEmpty)
        // The convenience initializer reads the same.
        #expect(try Succession(csv: Self.good, fileName: "ke-thua.csv", effective: SuccessionValidationTests.effective,
                               graceUntil: SuccessionValidationTests.grace, basis: "Nghị quyết thử 01/2025") == table.succession)
    }

    @Test func malformedLines_areRefusedWithTheirLine() {
        #expect(Self.readError("") == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 1: tệp trống, thiếu dòng tiêu đề \(Self.header).")
        #expect(Self.readError(Self.good.replacingOccurrences(of: ",share,", with: ",phan,"))
            == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 3: thiếu cột \"share\" trong dòng tiêu đề.")
        #expect(Self.readError(Self.replacing("90002,Xã Hai,commune,901,90001,whole,", with: "90002,Xã Hai,commune,901,90001,whole"))
            == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 7: có 6 cột, dòng tiêu đề có 7 cột.")
        #expect(Self.readError(Self.replacing("90002,Xã Hai,commune,901,90001,whole,", with: "90002,Xã Hai,commune,901,9x001!,whole,"))
            == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 7: mã \"9x001!\" ở cột new_code không hợp lệ.")
        #expect(Self.readError(Self.replacing("90002,Xã Hai,commune,901,90001,whole,", with: "90002,Xã Hai,village,901,90001,whole,"))
            == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 7: loại đơn vị \"village\" không hợp lệ.")
        #expect(Self.readError(Self.replacing("90002,Xã Hai,commune,901,90001,whole,", with: "90002,Xã Hai,commune,901,90001,merged,"))
            == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 7: cột share phải là whole, part hoặc archive, không phải \"merged\".")
        #expect(Self.readError(Self.replacing("90003,Xã Ba,commune,901,90005,part,", with: "90003,Xã Ba,commune,901,90005,part,yes"))
            == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 9: cột default chỉ được để trống hoặc ghi default.")
        #expect(Self.readError(Self.replacing("90003,Xã Ba,commune,901,90005,part,", with: "90003,Xã Ba Mới,commune,901,90005,part,"))
            == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 9: đơn vị cũ 90003 được ghi khác với dòng trước.")
        #expect(Self.readError(Self.replacing("90002,Xã Hai,commune,901,90001,whole,", with: "90002,,commune,901,90001,whole,"))
            == "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 7: thiếu tên đơn vị cũ (cột old_name).")
    }

    /// What the checks against the new map find names the row to correct.
    @Test func problemsAgainstTheNewMap_nameTheirLine() throws {
        func problems(_ text: String) throws -> [String] {
            try Self.table(text).problems(against: SuccessionValidationTests.newMap, settingsFile: "phuong-an.yaml").map(\.message)
        }
        #expect(try problems(Self.replacing("90004,Xã Bốn,commune,901,90007,whole,", with: "90004,Xã Bốn,commune,901,90009,whole,")) == [
            "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 10: đơn vị kế thừa 90009 (của 90004) không có trong danh sách đơn vị mới.",
        ])
        #expect(try problems(Self.replacing("90003,Xã Ba,commune,901,90005,part,", with: "90003,Xã Ba,commune,901,90005,part,default")) == [
            "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 8: đơn vị cũ 90003 (Xã Ba) được chia cho 2 đơn vị nhưng có 2 phần giữ trụ sở (cần đúng 1).",
        ])
        // An empty new_code: the unit has no successor.
        #expect(try problems(Self.replacing("90004,Xã Bốn,commune,901,90007,whole,", with: "90004,Xã Bốn,commune,901,,,")) == [
            "Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 10: đơn vị cũ 90004 (Xã Bốn) không có đơn vị kế thừa.",
        ])
        let cycle = Self.good
            .replacingOccurrences(of: "90001,Xã Một,commune,901,90001,whole,", with: "90001,Xã Một,commune,901,90003,whole,")
            .replacingOccurrences(of: "90003,Xã Ba,commune,901,90003,part,default\n90003,Xã Ba,commune,901,90005,part,",
                                  with: "90003,Xã Ba,commune,901,90001,whole,")
        #expect(try problems(cycle) == ["Phương án sắp xếp đơn vị không hợp lệ: ke-thua.csv, dòng 6: phương án tạo thành vòng: 90001 → 90003 → 90001."])
        // The dates are the settings file's, not the table's.
        let late = try SuccessionTable(csv: Self.good, fileName: "ke-thua.csv", effective: SuccessionValidationTests.effective,
                                       graceUntil: CivilDate(stringLiteral: "2025-01-01"), basis: "Nghị quyết thử")
        #expect(late.problems(against: SuccessionValidationTests.newMap, settingsFile: "phuong-an.yaml").map(\.message) == [
            "Phương án sắp xếp đơn vị không hợp lệ: phuong-an.yaml: hạn nhận báo cáo muộn của đơn vị cũ (01/01/2025) trước ngày sắp xếp có hiệu lực (01/07/2025).",
        ])
        let error = #expect(throws: CoreError.self) {
            try Self.table(Self.replacing("90004,Xã Bốn,commune,901,90007,whole,", with: "90004,Xã Bốn,commune,901,90009,whole,"))
                .validated(against: SuccessionValidationTests.newMap)
        }
        #expect(error?.message.contains("ke-thua.csv, dòng 10") == true)
    }
}
