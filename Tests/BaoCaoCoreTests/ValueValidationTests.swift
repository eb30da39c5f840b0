import Testing
@testable import BaoCaoCore

@Suite("Report value validation")
struct ValueValidationTests {
    let catalog = Fixtures.catalog
    let form = Fixtures.form

    @Test func completeValidReport_hasNoProblems() {
        let values = Fixtures.values(["NN01": "120.5", "NN02": "100", "NN03": "560", "NS01": "1500.125",
                                      "LD01": "12", "LD02": "300", "LD04": "10", "LD04[GT=nam]": "6", "LD04[GT=nu]": "4", "GC01": "Ổn định"])
        #expect(catalog.validate(values, on: form).map(\.description) == [])
    }

    /// A clerk sees every problem at once, each on its own indicator, in Vietnamese.
    @Test func everyProblem_isReported_withItsIndicator() {
        let values = Fixtures.values([
            "NN02": "130",            // more than sown (rule), and NN01 (required) missing
            "NN03": "abc",            // not a number
            "NN04": "56",             // computed, must not be entered
            "NS01": "1.2345",         // too many decimals (3 allowed)
            "LD01": "-1",             // below min
            "LD02": "2.5",            // integer
            "LD04": "10", "LD04[GT=nam]": "6", "LD04[GT=nu]": "5",  // 6 + 5 ≠ 10
            "LD04[GT=khac]": "1",     // no such member
            "XX01": "5",              // not on the form
        ])
        let problems = catalog.validate(values, on: form)
        let found = Set(problems.map { "\($0.indicator):\($0.code)" })
        for expected in ["NN01:missingValue", "NN03:wrongValueType", "NN04:computedValueEntered", "NS01:wrongValueType",
                         "LD01:valueOutOfRange", "LD02:wrongValueType", "LD04:breakdownMismatch", "LD04:invalidValueKey", "XX01:unknownIndicator"] {
            #expect(found.contains(expected), "missing \(expected) in \(found)")
        }
        let missing = problems.first { $0.code == .missingValue }!
        #expect(missing.message == "Diện tích gieo trồng lúa là chỉ tiêu bắt buộc, chưa nhập")
        let range = problems.first { $0.code == .valueOutOfRange }!
        #expect(range.message == "Số hộ nghèo không được nhỏ hơn 0 hộ")
    }

    @Test func crossRule_failure_usesTheRulesMessage() {
        let values = Fixtures.values(["NN01": "100", "NN02": "130", "NS01": "1", "LD01": "400", "LD02": "300"])
        let problems = catalog.validate(values, on: form).filter { $0.code == .crossRuleFailed }
        #expect(problems.map(\.message).contains("Diện tích thu hoạch không được lớn hơn diện tích gieo trồng"))
        #expect(problems.map(\.message).contains("LD01 (400) không được lớn hơn LD02 (300)"))
    }

    @Test func computedValues_roundHalfEven_toDeclaredDecimals() {
        // 560 / 100 * 10 = 56; 1000 / 300 * 10 = 33.333… → 33.33
        #expect(catalog.computedValues(from: ["NN02": 100, "NN03": 560])["NN04"] == 56)
        #expect(catalog.computedValues(from: ["NN02": 300, "NN03": 1000])["NN04"]?.description == "33.33")
        #expect(catalog.computedValues(from: ["NN02": 0, "NN03": 1000])["NN04"] == nil)
    }
}
