import Testing
@testable import BaoCaoCore

/// A succession is checked against the new map before any node takes it: each kind of bad
/// input is refused with its own reason, and a table file's problem names its line.
@Suite("Succession validation")
struct SuccessionValidationTests {
    static let effective = CivilDate(stringLiteral: "2025-07-01")
    static let grace = CivilDate(stringLiteral: "2025-09-30")

    /// The new map: province 90 and four communes.
    static let newMap = try! Topology(units: [
        ReportingUnit(code: "90", name: "Tỉnh Thử", kind: .province),
        ReportingUnit(code: "90001", name: "Xã Một", kind: .commune, parentCode: "90"),
        ReportingUnit(code: "90003", name: "Xã Ba", kind: .commune, parentCode: "90"),
        ReportingUnit(code: "90005", name: "Xã Năm", kind: .commune, parentCode: "90"),
        ReportingUnit(code: "90007", name: "Xã Bảy", kind: .commune, parentCode: "90"),
    ])

    /// The old map the links below name: province 90, district 901, communes 90001–90004.
    static let formerUnits = [
        ReportingUnit(code: "90", name: "Tỉnh Thử", kind: .province),
        ReportingUnit(code: "901", name: "Huyện Cũ", kind: .district, parentCode: "90"),
        ReportingUnit(code: "90001", name: "Xã Một", kind: .commune, parentCode: "901"),
        ReportingUnit(code: "90002", name: "Xã Hai", kind: .commune, parentCode: "901"),
        ReportingUnit(code: "90003", name: "Xã Ba", kind: .commune, parentCode: "901"),
        ReportingUnit(code: "90004", name: "Xã Bốn", kind: .commune, parentCode: "901"),
    ]

    static let goodLinks = [
        SuccessionLink(former: "90", successor: "90", share: .whole),
        SuccessionLink(former: "901", successor: "90", share: .archive),
        SuccessionLink(former: "90001", successor: "90001", share: .whole),
        SuccessionLink(former: "90002", successor: "90001", share: .whole),
        SuccessionLink(former: "90003", successor: "90003", share: .part, isDefault: true),
        SuccessionLink(former: "90003", successor: "90005", share: .part),
        SuccessionLink(former: "90004", successor: "90007", share: .whole),
    ]

    static func succession(links: [SuccessionLink] = goodLinks, units: [ReportingUnit] = formerUnits,
                           grace: CivilDate = grace, basis: String = "Nghị quyết thử 01/2025") -> Succession {
        Succession(effective: effective, graceUntil: grace, basis: basis, formerUnits: units, links: links)
    }

    static func messages(_ succession: Succession) -> [String] {
        succession.problems(against: newMap).map(\.message)
    }

    @Test func aGoodSuccession_hasNoProblem() throws {
        #expect(Self.messages(Self.succession()).isEmpty)
        #expect(try Self.succession().validated(against: Self.newMap) == Self.succession())
    }

    @Test func anUnknownSuccessor_isNamedWithItsFormerUnit() {
        var links = Self.goodLinks
        links[6] = SuccessionLink(former: "90004", successor: "90009", share: .whole)
        #expect(Self.messages(Self.succession(links: links)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị kế thừa 90009 (của 90004) không có trong danh sách đơn vị mới.",
        ])
        let error = #expect(throws: CoreError.self) { try Self.succession(links: links).validated(against: Self.newMap) }
        #expect(error?.code == .invalidSuccession)
    }

    @Test func aLinkFromAnUnknownFormerUnit_isNamed() {
        let links = Self.goodLinks + [SuccessionLink(former: "90008", successor: "90007", share: .whole)]
        #expect(Self.messages(Self.succession(links: links)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: mã 90008 không có trong danh sách đơn vị trước sắp xếp.",
        ])
    }

    @Test func anOldUnitWithNoSuccessor_isNamed() {
        let links = Self.goodLinks.filter { $0.former != "90004" }
        #expect(Self.messages(Self.succession(links: links)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị cũ 90004 (Xã Bốn) không có đơn vị kế thừa.",
        ])
    }

    @Test func aDividedUnit_needsExactlyOneSeat() {
        var two = Self.goodLinks
        two[5] = SuccessionLink(former: "90003", successor: "90005", share: .part, isDefault: true)
        #expect(Self.messages(Self.succession(links: two)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị cũ 90003 (Xã Ba) được chia cho 2 đơn vị nhưng có 2 phần giữ trụ sở (cần đúng 1).",
        ])
        var none = Self.goodLinks
        none[4] = SuccessionLink(former: "90003", successor: "90003", share: .part)
        #expect(Self.messages(Self.succession(links: none)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị cũ 90003 (Xã Ba) được chia cho 2 đơn vị nhưng có 0 phần giữ trụ sở (cần đúng 1).",
        ])
        let one = Self.goodLinks.filter { !($0.former == "90003" && $0.successor == "90005") }
        #expect(Self.messages(Self.succession(links: one)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị cũ 90003 (Xã Ba) ghi là chia một phần nhưng chỉ có một đơn vị kế thừa.",
        ])
    }

    @Test func contradictoryRows_areNamed() {
        var mixed = Self.goodLinks
        mixed[5] = SuccessionLink(former: "90003", successor: "90005", share: .whole)
        #expect(Self.messages(Self.succession(links: mixed)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị cũ 90003 (Xã Ba) vừa được chia vừa được nhập toàn bộ hoặc bàn giao.",
        ])
        let twice = Self.goodLinks + [SuccessionLink(former: "90004", successor: "90005", share: .whole)]
        #expect(Self.messages(Self.succession(links: twice)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị cũ 90004 (Xã Bốn) có 2 đơn vị kế thừa toàn bộ.",
        ])
        let listedTwice = Self.formerUnits + [ReportingUnit(code: "90004", name: "Xã Bốn", kind: .commune, parentCode: "901")]
        #expect(Self.messages(Self.succession(units: listedTwice)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị cũ 90004 được kê hai lần.",
        ])
    }

    @Test func aParentNamedNowhere_isRefused() {
        var units = Self.formerUnits
        units[5] = ReportingUnit(code: "90004", name: "Xã Bốn", kind: .commune, parentCode: "909")
        #expect(Self.messages(Self.succession(units: units)) == [
            "Phương án sắp xếp đơn vị không hợp lệ: đơn vị cấp trên 909 của đơn vị cũ 90004 (Xã Bốn) không có trong danh sách đơn vị trước sắp xếp lẫn danh sách mới.",
        ])
    }

    /// Two units each said to go wholly into the other: neither could hold the other's history.
    @Test func aCycleOfWholeMerges_isRefused() {
        var links = Self.goodLinks
        links[2] = SuccessionLink(former: "90001", successor: "90003", share: .whole)
        links[4] = SuccessionLink(former: "90003", successor: "90001", share: .whole)
        links[5] = SuccessionLink(former: "90002", successor: "90005", share: .whole)
        links.remove(at: 3)
        let messages = Self.messages(Self.succession(links: links))
        #expect(messages == ["Phương án sắp xếp đơn vị không hợp lệ: phương án tạo thành vòng: 90001 → 90003 → 90001."], "\(messages)")
    }

    /// The official table has divided communes that exchanged seats (Hồ Chí Minh City's
    /// Tân Quý 27019 and Tân Thành 27022): the new map reuses old codes for other units, so
    /// pieces are no cycle.
    @Test func dividedUnitsExchangingSeats_areNoCycle() {
        var links = Self.goodLinks.filter { $0.former != "90001" && $0.former != "90003" }
        links += [
            SuccessionLink(former: "90001", successor: "90001", share: .part),
            SuccessionLink(former: "90001", successor: "90003", share: .part, isDefault: true),
            SuccessionLink(former: "90003", successor: "90001", share: .part, isDefault: true),
            SuccessionLink(former: "90003", successor: "90003", share: .part),
        ]
        #expect(Self.messages(Self.succession(links: links)).isEmpty)
    }

    @Test func datesAndBasis_areChecked() {
        #expect(Self.messages(Self.succession(grace: CivilDate(stringLiteral: "2025-06-30"), basis: "  ")) == [
            "Phương án sắp xếp đơn vị không hợp lệ: hạn nhận báo cáo muộn của đơn vị cũ (30/06/2025) trước ngày sắp xếp có hiệu lực (01/07/2025).",
            "Phương án sắp xếp đơn vị không hợp lệ: thiếu căn cứ pháp lý (số, ngày của nghị quyết sắp xếp).",
        ])
    }

    @Test func everyProblem_isListedAtOnce() {
        var links = Self.goodLinks.filter { $0.former != "90004" }
        links[5] = SuccessionLink(former: "90003", successor: "90009", share: .part)
        #expect(Self.messages(Self.succession(links: links)).count == 2)
    }
}
