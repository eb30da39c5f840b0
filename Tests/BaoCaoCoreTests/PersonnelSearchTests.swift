import Testing
@testable import BaoCaoCore

@Suite("Personnel search by name")
struct PersonnelSearchTests {
    @Test func nameWithoutDiacritics_findsTheRecord() {
        let record = PersonnelFixtures.record()
        #expect(record.searchKey == "nguyen van an")
        for query in ["nguyen van an", "NGUYEN  VAN", "văn an", "Nguyễn Văn An", "an"] {
            #expect(record.matchesName(query), "\(query)")
        }
        for query in ["nguyen van anh", "tran", "nguyen an"] {
            #expect(!record.matchesName(query), "\(query)")
        }
    }

    @Test func otherNamesAndBothTonePlacements_areFound() {
        var record = PersonnelFixtures.record()
        record.identity.fullName = "Đặng Thị Thuỷ"
        record.identity.otherNames = "Thủy Đặng"
        #expect(record.matchesName("dang thi thuy"))
        #expect(record.matchesName("Thủy"))
        #expect(record.matchesName("thuy dang"))
    }
}
