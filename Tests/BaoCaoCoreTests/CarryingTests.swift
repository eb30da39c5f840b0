import Testing
@testable import BaoCaoCore

/// A successor's figures for a period before the reform, derived from its predecessors'
/// reports. Every expected figure is worked out here with plain integer arithmetic from
/// the figures held, not with the code under test.
@Suite("Carrying figures across the reform")
struct CarryingTests {
    static let period: Period = "2025-03"

    /// Revenue, spending, staff and wages follow the seat; population and births belong to
    /// the territory. Ratios, a weighted average and a formula read them.
    static let catalog: Catalog = {
        let indicators = [
            Indicator(code: "THU", name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 2, carriesToDefaultPiece: true),
            Indicator(code: "CHI", name: "Chi ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 2, carriesToDefaultPiece: true),
            Indicator(code: "DAN", name: "Dân số", unitOfMeasure: "người", valueType: .integer),
            Indicator(code: "SINH", name: "Số trẻ sinh", unitOfMeasure: "trẻ", valueType: .integer),
            Indicator(code: "TLS", name: "Tỷ suất sinh thô", unitOfMeasure: "‰", valueType: .decimal, decimals: 2,
                      aggregation: .ratio(numerator: "SINH", denominator: "DAN", factor: ExactDecimal(1000))),
            Indicator(code: "TLC", name: "Tỷ lệ chi trên thu", unitOfMeasure: "%", valueType: .percent, decimals: 1,
                      aggregation: .ratio(numerator: "CHI", denominator: "THU", factor: ExactDecimal(100)), carriesToDefaultPiece: true),
            Indicator(code: "LD", name: "Số người làm việc", unitOfMeasure: "người", valueType: .integer, carriesToDefaultPiece: true),
            Indicator(code: "LUONG", name: "Tiền lương bình quân", unitOfMeasure: "đồng", valueType: .integer,
                      aggregation: .weightedAverage(by: "LD"), carriesToDefaultPiece: true),
            Indicator(code: "CAN", name: "Cân đối thu chi", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 2, formula: "THU - CHI"),
        ]
        return Catalog(indicators: indicators, forms: [Form(code: "F", title: "Biểu", sections: [.init(code: "A", title: "A", rows: indicators.map(\.code))])])
    }()

    /// Provinces 90 and 91 merged into 90; communes 90001 + 90002 → 90001; 90003 divided
    /// (seat 90003, a piece to 90005); 91001 → 90005; 91002 → 90007; districts ended.
    static let succession = Succession(
        effective: CivilDate(stringLiteral: "2025-07-01"), graceUntil: CivilDate(stringLiteral: "2025-09-30"), basis: "Nghị quyết thử",
        formerUnits: [
            ReportingUnit(code: "90", name: "Tỉnh Một", kind: .province),
            ReportingUnit(code: "91", name: "Tỉnh Hai", kind: .province),
            ReportingUnit(code: "901", name: "Huyện Một", kind: .district, parentCode: "90"),
            ReportingUnit(code: "911", name: "Huyện Hai", kind: .district, parentCode: "91"),
            ReportingUnit(code: "90001", name: "Xã Một", kind: .commune, parentCode: "901"),
            ReportingUnit(code: "90002", name: "Xã Hai", kind: .commune, parentCode: "901"),
            ReportingUnit(code: "90003", name: "Xã Ba", kind: .commune, parentCode: "901"),
            ReportingUnit(code: "91001", name: "Xã Bốn", kind: .commune, parentCode: "911"),
            ReportingUnit(code: "91002", name: "Xã Năm", kind: .commune, parentCode: "911"),
        ],
        links: [
            SuccessionLink(former: "90", successor: "90", share: .whole),
            SuccessionLink(former: "91", successor: "90", share: .whole),
            SuccessionLink(former: "901", successor: "90", share: .archive),
            SuccessionLink(former: "911", successor: "90", share: .archive),
            SuccessionLink(former: "90001", successor: "90001", share: .whole),
            SuccessionLink(former: "90002", successor: "90001", share: .whole),
            SuccessionLink(former: "90003", successor: "90003", share: .part, isDefault: true),
            SuccessionLink(former: "90003", successor: "90005", share: .part),
            SuccessionLink(former: "91001", successor: "90005", share: .whole),
            SuccessionLink(former: "91002", successor: "90007", share: .whole),
        ])

    static let newMap = try! Topology(units: [
        ReportingUnit(code: "90", name: "Tỉnh Một", kind: .province),
        ReportingUnit(code: "90001", name: "Xã Một", kind: .commune, parentCode: "90"),
        ReportingUnit(code: "90003", name: "Xã Ba", kind: .commune, parentCode: "90"),
        ReportingUnit(code: "90005", name: "Xã Năm Mới", kind: .commune, parentCode: "90"),
        ReportingUnit(code: "90007", name: "Xã Bảy", kind: .commune, parentCode: "90"),
    ])

    /// One unit's reported figures: money in hundredths (cents of a million đồng).
    struct Reported {
        var thu: Int, chi: Int, dan: Int, sinh: Int, ld: Int, luong: Int
        var withDerived = true

        var figures: [ValueKey: ExactDecimal] {
            var result: [ValueKey: ExactDecimal] = [
                ValueKey("THU"): ExactDecimal(significand: Int128(thu), scale: 2), ValueKey("CHI"): ExactDecimal(significand: Int128(chi), scale: 2),
                ValueKey("DAN"): ExactDecimal(dan), ValueKey("SINH"): ExactDecimal(sinh), ValueKey("LD"): ExactDecimal(ld), ValueKey("LUONG"): ExactDecimal(luong),
            ]
            if withDerived {
                // As the unit's own report computed them.
                result[ValueKey("TLS")] = halfEven(sinh * 1000, dan, decimals: 2)
                result[ValueKey("TLC")] = halfEven(chi * 100, thu, decimals: 1)
                result[ValueKey("CAN")] = ExactDecimal(significand: Int128(thu - chi), scale: 2)
            }
            return result
        }
    }

    static let reported: [UnitCode: Reported] = [
        "90": Reported(thu: 10_000_000, chi: 9_000_000, dan: 900_000, sinh: 11_000, ld: 5_000, luong: 8_000_000),
        "90001": Reported(thu: 123_456, chi: 100_010, dan: 10_000, sinh: 150, ld: 40, luong: 6_200_000),
        "90002": Reported(thu: 78_940, chi: 90_000, dan: 7_000, sinh: 121, ld: 25, luong: 7_100_000),
        "90003": Reported(thu: 50_005, chi: 42_000, dan: 8_000, sinh: 100, ld: 30, luong: 5_000_000, withDerived: false),
        "91001": Reported(thu: 30_000, chi: 31_025, dan: 5_000, sinh: 61, ld: 10, luong: 5_500_000),
        "91002": Reported(thu: 45_678, chi: 40_000, dan: 6_100, sinh: 70, ld: 12, luong: 5_900_000),
    ]

    static func held(_ codes: [UnitCode]) -> [UnitCode: [ValueKey: ExactDecimal]] {
        Dictionary(uniqueKeysWithValues: codes.map { ($0, reported[$0]!.figures) })
    }

    static let carrying = Carrying(succession: succession, consolidation: Consolidation(catalog: catalog, form: catalog.forms[0]))

    /// `numerator / denominator` to `decimals` places, rounded half to even, in integers.
    static func halfEven(_ numerator: Int, _ denominator: Int, decimals: Int) -> ExactDecimal {
        var scaled = numerator
        for _ in 0..<decimals { scaled *= 10 }
        var quotient = scaled / denominator
        let remainder = scaled % denominator
        if remainder * 2 > denominator || (remainder * 2 == denominator && quotient % 2 != 0) { quotient += 1 }
        return ExactDecimal(significand: Int128(quotient), scale: decimals)
    }

    static func money(_ hundredths: Int) -> ExactDecimal { ExactDecimal(significand: Int128(hundredths), scale: 2) }

    @Test func theSampleSuccession_isValid() {
        #expect(Self.succession.problems(against: Self.newMap).isEmpty)
    }

    /// 90001 took in 90002 wholly: sums add exactly; the birth rate, the spending ratio and
    /// the average wage are recomputed from the summed parts, not averaged; the balance is
    /// recomputed by its formula.
    @Test func aWholeMerge_sumsExactly_andRecomputesRatiosAveragesAndFormulas() throws {
        let carried = try Self.carrying.carry(to: "90001", period: Self.period, held: Self.held(["90001", "90002", "90003"]))
        let a = Self.reported["90001"]!, b = Self.reported["90002"]!
        #expect(carried.values[ValueKey("THU")] == Self.money(a.thu + b.thu))          // 2023,96
        #expect(carried.values[ValueKey("CHI")] == Self.money(a.chi + b.chi))
        #expect(carried.values[ValueKey("DAN")] == ExactDecimal(a.dan + b.dan))
        #expect(carried.values[ValueKey("SINH")] == ExactDecimal(a.sinh + b.sinh))
        let birthRate = Self.halfEven((a.sinh + b.sinh) * 1000, a.dan + b.dan, decimals: 2)
        #expect(carried.values[ValueKey("TLS")] == birthRate)
        // Not the mean of the two units' rates (15,00 and 17,29).
        #expect(birthRate != Self.halfEven((a.sinh * 1000 * b.dan + b.sinh * 1000 * a.dan), 2 * a.dan * b.dan, decimals: 2))
        #expect(carried.values[ValueKey("TLC")] == Self.halfEven((a.chi + b.chi) * 100, a.thu + b.thu, decimals: 1))
        #expect(carried.values[ValueKey("LUONG")] == Self.halfEven(a.luong * a.ld + b.luong * b.ld, a.ld + b.ld, decimals: 0))
        #expect(carried.values[ValueKey("CAN")] == Self.money(a.thu + b.thu - a.chi - b.chi))
        #expect(carried.notes.isEmpty)
        #expect(carried.counted == ["90001", "90002"] && carried.missing.isEmpty)
        #expect(Self.catalog.indicators.allSatisfy { carried.isComparable($0.code) })
        #expect(carried.vietnameseNote(for: "TLS") == nil)
    }

    /// One predecessor wholly: its figures as it reported them.
    @Test func aSingleWholePredecessor_carriesItsFiguresUnchanged() throws {
        let carried = try Self.carrying.carry(to: "90007", period: Self.period, held: Self.held(["91002"]))
        #expect(carried.values == Self.reported["91002"]!.figures)
        #expect(carried.notes.isEmpty && carried.counted == ["91002"])
    }

    /// 90003 took the divided commune's seat: what the catalog lets follow the seat is its
    /// whole figure (marked as attributed); population and births are left out and marked
    /// not comparable, and so are the rate read from them — while the spending ratio and
    /// the balance, read from figures that follow the seat, stay comparable.
    @Test func theSeatOfADividedCommune_getsOnlyWhatTheCatalogAttributes() throws {
        let carried = try Self.carrying.carry(to: "90003", period: Self.period, held: Self.held(["90003"]))
        let c = Self.reported["90003"]!
        #expect(carried.values[ValueKey("THU")] == Self.money(c.thu))
        #expect(carried.values[ValueKey("LD")] == ExactDecimal(c.ld))
        #expect(carried.values[ValueKey("LUONG")] == ExactDecimal(c.luong))
        #expect(carried.values[ValueKey("TLC")] == Self.halfEven(c.chi * 100, c.thu, decimals: 1))
        #expect(carried.values[ValueKey("CAN")] == Self.money(c.thu - c.chi))
        #expect(carried.values[ValueKey("DAN")] == nil && carried.values[ValueKey("SINH")] == nil && carried.values[ValueKey("TLS")] == nil)

        #expect(carried.notes["THU"] == .attributed(divided: ["90003"]))
        #expect(carried.notes["DAN"] == .notComparable(divided: ["90003"]))
        #expect(carried.isComparable("THU") && carried.isComparable("LUONG"))
        #expect(!carried.isComparable("DAN") && !carried.isComparable("SINH"))
        #expect(carried.vietnameseNote(for: "DAN") == "không so sánh được: đơn vị 90003 bị chia, số liệu không tách được theo phần")
        #expect(carried.vietnameseNote(for: "THU") == "gồm toàn bộ số liệu của đơn vị bị chia 90003 (quy về phần giữ trụ sở theo danh mục)")
    }

    /// The divided commune reported no rate or balance of its own: their notes come from
    /// the figures they read.
    @Test func notes_propagateToDependentIndicators() throws {
        let carried = try Self.carrying.carry(to: "90003", period: Self.period, held: Self.held(["90003"]))
        #expect(carried.notes["TLS"] == .notComparable(divided: ["90003"]))
        #expect(!carried.isComparable("TLS"))
        #expect(carried.notes["CAN"] == .attributed(divided: ["90003"]))
        #expect(carried.notes["TLC"] == .attributed(divided: ["90003"]))
    }

    /// 90005 got a piece of 90003 and the whole of 91001: only 91001's figures are counted,
    /// and every indicator 90003 reported is marked not comparable, even those that follow the seat.
    @Test func theOtherPieceOfADividedCommune_isNotComparable() throws {
        let carried = try Self.carrying.carry(to: "90005", period: Self.period, held: Self.held(["90003", "91001"]))
        let d = Self.reported["91001"]!
        #expect(carried.values[ValueKey("THU")] == Self.money(d.thu))
        #expect(carried.values[ValueKey("DAN")] == ExactDecimal(d.dan))
        #expect(carried.values[ValueKey("TLS")] == Self.halfEven(d.sinh * 1000, d.dan, decimals: 2))
        for code in ["THU", "CHI", "DAN", "SINH", "LD", "LUONG", "TLS", "TLC", "CAN"] {
            #expect(carried.notes[code] == .notComparable(divided: ["90003"]), "\(code)")
            #expect(!carried.isComparable(code), "\(code)")
        }
        #expect(carried.counted == ["90003", "91001"])
    }

    /// The merged province: province 91's own report is not held, so its communes' are
    /// consolidated in its place (through its ended district); 90's own report is counted.
    @Test func aPredecessorWithoutItsOwnReport_isConsolidatedFromItsFormerChildren() throws {
        let carried = try Self.carrying.carry(to: "90", period: Self.period, held: Self.held(["90", "91001", "91002", "90001"]))
        let p = Self.reported["90"]!, d = Self.reported["91001"]!, e = Self.reported["91002"]!
        #expect(carried.values[ValueKey("THU")] == Self.money(p.thu + d.thu + e.thu))
        #expect(carried.values[ValueKey("DAN")] == ExactDecimal(p.dan + d.dan + e.dan))
        #expect(carried.values[ValueKey("TLS")] == Self.halfEven((p.sinh + d.sinh + e.sinh) * 1000, p.dan + d.dan + e.dan, decimals: 2))
        #expect(carried.values[ValueKey("LUONG")] == Self.halfEven(p.luong * p.ld + d.luong * d.ld + e.luong * e.ld, p.ld + d.ld + e.ld, decimals: 0))
        // 90's own report stands for its communes: 90001 is not counted again.
        #expect(carried.counted == ["90", "91001", "91002"])
        #expect(!carried.isPartial && carried.isComparable("DAN"))
    }

    /// What is held of no predecessor at all is missing, at the level it is missing: the
    /// figure is partial, and says whose history is missing.
    @Test func missingPredecessors_makeThePartialFigure() throws {
        let names: (UnitCode) -> String = { Self.succession.formerUnit(code: $0)?.name ?? $0.rawValue }
        let p = Self.reported["90"]!, d = Self.reported["91001"]!

        let oneCommune = try Self.carrying.carry(to: "90", period: Self.period, held: Self.held(["90", "91001"]))
        #expect(oneCommune.values[ValueKey("THU")] == Self.money(p.thu + d.thu))
        #expect(oneCommune.counted == ["90", "91001"] && oneCommune.missing == ["91002"])
        #expect(oneCommune.isPartial && !oneCommune.isComparable("THU"))
        #expect(oneCommune.vietnameseNote(for: "THU", formerName: names) == "chưa đủ: thiếu số liệu của 1 đơn vị trước sắp xếp (Xã Năm)")

        let noneOfIt = try Self.carrying.carry(to: "90", period: Self.period, held: Self.held(["90"]))
        #expect(noneOfIt.values[ValueKey("THU")] == Self.money(p.thu))
        #expect(noneOfIt.missing == ["91"])
        #expect(noneOfIt.vietnameseNote(for: "DAN", formerName: names) == "chưa đủ: thiếu số liệu của 1 đơn vị trước sắp xếp (Tỉnh Hai)")

        let nothing = try Self.carrying.carry(to: "90001", period: Self.period, held: [:])
        #expect(nothing.values.isEmpty && nothing.missing == ["90001", "90002"])
    }
}
