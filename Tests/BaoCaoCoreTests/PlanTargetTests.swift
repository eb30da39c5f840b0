import Testing
@testable import BaoCaoCore

@Suite("Plan targets")
struct PlanTargetTests {
    /// Plans kept in a spreadsheet read in both number conventions, exactly.
    @Test func csv_readsVietnameseAndInternationalNumbers() throws {
        let csv = "unit,year,indicator,value\n17,2026,NS01,\"3.250.000,5\"\n157,2026,NN01,6150.25\n"
        let plans = try PlanTarget.targets(csv: csv, fileName: "plans.csv")
        #expect(plans == [PlanTarget(unit: "17", year: 2026, indicator: "NS01", value: try ExactDecimal(canonical: "3250000.5")),
                          PlanTarget(unit: "157", year: 2026, indicator: "NN01", value: try ExactDecimal(canonical: "6150.25"))])
    }

    /// A number that reads two ways, a bad year, or a plan given twice: refused with the line.
    @Test(arguments: [
        ("unit,year,indicator,value\n17,2026,NS01,48.000\n", "dòng 2: Số \"48.000\" không rõ nghĩa"),
        ("unit,year,indicator,value\n17,20x6,NS01,5\n", "dòng 2: năm \"20x6\""),
        ("unit,year,indicator,value\n17,2026,NS01,5\n17,2026,NS01,6\n", "dòng 3: kế hoạch của đơn vị 17"),
        ("unit,year,value\n17,2026,5\n", "dòng 1: thiếu cột \"indicator\""),
    ])
    func csv_errorsNameTheLine(csv: String, expected: String) {
        do {
            _ = try PlanTarget.targets(csv: csv, fileName: "plans.csv")
            Issue.record("expected an error")
        } catch let error as CoreError {
            #expect(error.code == .invalidPlanFile)
            #expect(error.message.hasPrefix("plans.csv, " + expected), "\(error.message)")
            #expect(!error.message.hasSuffix(".."))
        } catch {
            Issue.record("\(error)")
        }
    }
}
