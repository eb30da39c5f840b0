import Testing
@testable import BaoCaoCore

@Suite("Catalog validation")
struct CatalogValidationTests {
    @Test func sampleFixture_isValid() {
        #expect(Fixtures.catalog.problems().map(\.message) == [])
    }

    private func problems(_ change: (inout Catalog) -> Void) -> [CoreError] {
        var catalog = Fixtures.catalog
        change(&catalog)
        return catalog.problems()
    }

    /// Each mistake an author can make is reported with the offending item's code.
    @Test func errors_nameTheOffendingItem() {
        let cases: [(String, CoreError.Code, String, (inout Catalog) -> Void)] = [
            ("duplicate", .duplicateIndicator, "NN01", { $0.indicators.append($0.indicators[0]) }),
            ("unknown in formula", .unknownReference, "XX99", { $0.indicators[3].formula = "NN03 / XX99" }),
            ("bad formula", .invalidFormula, "NN04", { $0.indicators[3].formula = "NN03 /" }),
            ("cycle", .formulaCycle, "NN04", { $0.indicators[3].formula = "NN04 + 1" }),
            ("percent summed", .invalidAggregation, "LD03", { $0.indicators[8].aggregation = .sum }),
            ("ratio unknown", .invalidAggregation, "LD99", { $0.indicators[8].aggregation = .ratio(numerator: "LD99", denominator: "LD02", factor: 100) }),
            ("weight text", .invalidAggregation, "GC01", { $0.indicators[4].aggregation = .weightedAverage(by: "GC01") }),
            ("min > max", .invalidIndicator, "LD03", { $0.indicators[8].min = 101 }),
            ("integer decimals", .invalidIndicator, "LD01", { $0.indicators[6].decimals = 2 }),
            ("unknown dimension", .unknownReference, "TT", { $0.indicators[9].dimensions = ["TT"] }),
            ("rule unknown", .unknownReference, "ZZ01", { $0.rules.append(CrossRule(expression: "ZZ01 <= NN01")) }),
            ("form unknown row", .unknownReference, "QQ01", { $0.forms[0].sections[0].rows.append("QQ01") }),
            ("form row twice", .invalidForm, "NN01", { $0.forms[0].sections[1].rows.append("NN01") }),
            ("formula input off form", .invalidForm, "NN03", { $0.forms[0].sections[0].rows.removeAll { $0 == "NN03" } }),
            ("regime unknown form", .unknownReference, "BM-X", { $0.regimes[0].form = "BM-X" }),
            ("regime no deadline for kind", .invalidRegime, "huyện", { $0.regimes[0].deadlines.removeLast() }),
            ("periodic without frequency", .invalidRegime, "KTXH-THANG", { $0.regimes[0].frequency = nil }),
            ("deadline both forms", .invalidRegime, "KTXH-THANG", { $0.regimes[0].deadlines[0].daysAfterCutOff = 3 }),
            ("regime twice", .duplicateRegime, "KTXH-THANG", { $0.regimes.append($0.regimes[0]) }),
            ("plan unknown", .unknownReference, "NN77", { $0.plans.append(PlanTarget(unit: "17", year: 2026, indicator: "NN77", value: 1)) }),
        ]
        for (name, code, mention, change) in cases {
            let found = problems(change)
            #expect(found.contains { $0.code == code && $0.message.contains(mention) }, "\(name): \(found.map(\.message))")
        }
    }

    /// Against a topology, a receiver or plan unit that does not exist is reported.
    @Test func againstTopology_unknownUnits() throws {
        var catalog = Fixtures.catalog
        catalog.regimes[0].receiver = "17-SXX"
        catalog.plans = [PlanTarget(unit: "99", year: 2026, indicator: "NS01", value: 5)]
        let topology = try Topology(units: [ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province)])
        let problems = catalog.problems(against: topology)
        #expect(problems.map(\.code) == [.unknownReference, .unknownReference])
        #expect(problems.map(\.message) == ["Danh mục: chế độ báo cáo KTXH-THANG: đơn vị nhận 17-SXX không có trong danh sách đơn vị.",
                                            "Danh mục: kế hoạch năm 2026: đơn vị 99 không có trong danh sách đơn vị."])
    }
}
