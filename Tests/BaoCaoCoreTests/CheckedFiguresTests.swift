import Testing
@testable import BaoCaoCore

@Suite("Checked figures: each figure checked once as it is added, the report then checked as a whole")
struct CheckedFiguresTests {
    /// The fixture's catalog with a second indicator broken down by sex, so that one
    /// indicator's breakdowns can come apart, another's between them.
    static let catalog: Catalog = {
        var catalog = Fixtures.catalog
        catalog.indicators.append(Indicator(code: "LD05", name: "Lao động đi làm việc ở nước ngoài", unitOfMeasure: "người", valueType: .integer,
                                            min: 0, dimensions: ["GT"]))
        catalog.forms[0].sections[2].rows.append("LD05")
        return catalog
    }()
    let catalog = Self.catalog
    var form: Form { catalog.forms[0] }

    /// The figures `pairs` give, added in turn, and what was refused, said as `key: why`.
    func checked(_ pairs: [(key: String, text: String)]) -> (figures: CheckedFigures, refused: [String]) {
        var figures = CheckedFigures(form: form, checks: FigureChecks(catalog: catalog, form: form))
        var refused: [String] = []
        for (position, pair) in pairs.enumerated() {
            let key = try! ValueKey(parsing: pair.key)
            switch figures.claim(key, position: position) {
            case .notOnForm: refused.append("\(pair.key): not on the form")
            case .taken(let first): refused.append("\(pair.key): given at \(first)")
            case .claimed(let claim):
                let problem = catalog.indicator(code: key.indicator)!.valueType.isNumeric
                    ? figures.add(Fixtures.decimal(pair.text), for: claim) : figures.add(ReportValue(text: pair.text), for: claim)
                if let problem { refused.append("\(pair.key): \(problem.code)") }
            }
        }
        return (figures, refused)
    }

    @Test func eachFigure_isChecked_asItIsAdded_andEachKeyIsTakenOnce() {
        let (figures, refused) = checked([
            ("NN01", "12.5"), ("NN01", "13"), ("XX01", "1"), ("LD04[GT=khac]", "1"), ("LD04[DT=kinh]", "1"), ("LD02", "2.5"),
            ("NN04", "5"), ("LD01", "-1"), ("LD04[GT=nu]", "3"), ("GC01", "Ổn định"),
        ])
        #expect(figures.keys.map(\.description) == ["NN01", "LD04[GT=nu]", "GC01"])
        #expect(figures.numbers == [Fixtures.decimal("12.5"), Fixtures.decimal("3"), nil])
        #expect(refused == ["NN01: given at 0", "XX01: not on the form", "LD04[GT=khac]: invalidValueKey", "LD04[DT=kinh]: invalidValueKey",
                            "LD02: wrongValueType", "NN04: computedValueEntered", "LD01: valueOutOfRange"])
    }

    /// The draft's problems from the checks of the report as a whole are those the full
    /// validation finds for the same figures, whatever their order: required figures,
    /// breakdowns adding up (their members given apart from each other too) and rules.
    @Test func wholeReportChecks_findWhatTheFullValidationFinds_inAnyOrder() {
        let pool: [(key: String, texts: [String])] = [
            ("NN01", ["100", "120.5", "0"]), ("NN02", ["90", "130", "100"]), ("NN03", ["560", "1000"]), ("NS01", ["1500.125", "1"]),
            ("LD01", ["12", "400"]), ("LD02", ["300", "12"]), ("LD04", ["10", "11"]), ("LD04[GT=nam]", ["6", "5"]), ("LD04[GT=nu]", ["4", "5", "6"]),
            ("LD05", ["3"]), ("LD05[GT=nam]", ["1", "2"]), ("LD05[GT=nu]", ["1", "2"]),
            ("TL01", ["3.5"]), ("GC01", ["Ổn định", ""]),
        ]
        var random = SeededGenerator(seed: 22)
        var outcomes = Set<[String]>()
        for _ in 0..<400 {
            let chosen = pool.filter { _ in random.next() % 4 != 0 }
                .map { (key: $0.key, text: $0.texts[Int(random.next() % UInt64($0.texts.count))]) }
                .shuffled(using: &random)
            let (figures, refused) = checked(chosen)
            #expect(refused.isEmpty)
            let whole = catalog.validate(figures, on: form, reporter: .commune).map(\.description).sorted()
            let full = catalog.validate(figures.dictionary, on: form, reporter: .commune).map(\.description).sorted()
            #expect(whole == full, "\(chosen)")
            outcomes.insert(whole)
        }
        // The draws met many different outcomes, mismatched breakdowns among them.
        #expect(outcomes.count > 20)
        #expect(outcomes.contains { $0.contains { $0.contains("tổng các nhóm theo Giới tính") } })
    }
}
