import Foundation
import Testing

@testable import BaoCaoCore

private func coreError(_ code: CoreError.Code) -> CoreError { CoreError(code, message: "", log: "") }

private func message(_ body: () throws -> some Any) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as CoreError {
        return error.message
    } catch {
        return "\(error)"
    }
}

@Suite("Unit codes, regime codes, bundle recipients")
struct DomainCodeTests {
    // MARK: - Unit codes

    /// Every shape of code the official lists, the sample topologies and the configs use is a
    /// unit code, and reads back as written.
    @Test(arguments: ["17", "25", "148", "157", "04792", "05290", "17-SKHDT", "25-SNNMT", "VN", "A1", "other_unit", "DV-1"])
    func unitCode_knownShapes_parseAndPrintAsWritten(text: String) throws {
        let code = try UnitCode(parsing: text)
        #expect(code.rawValue == text)
        #expect(code.description == text)
        #expect("\(code)" == text)
    }

    /// What can never name a unit is refused: nothing, spaces, other characters, a leading
    /// `-` or `_` (it would read as a command-line option), the broadcast address `*`, and
    /// all digits that are not 2, 3 or 5 of them (no official code has another length).
    @Test(arguments: ["", " ", " 17", "17 ", "1 7", "17/SKHDT", "*", "-17", "_17", "Xã1", "1", "1234", "000001", "４８", "17\n"])
    func unitCode_impossibleText_isRefused(text: String) {
        #expect(throws: coreError(.invalidUnitCode)) { try UnitCode(parsing: text) }
    }

    /// The refusal names the text and says what a code is, in Vietnamese.
    @Test func unitCode_refusals_nameTheTextAndTheRule() {
        #expect(message { try UnitCode(parsing: "") } == "Mã đơn vị \"\" không hợp lệ: thiếu mã đơn vị.")
        #expect(message { try UnitCode(parsing: "17 SKHDT") } == "Mã đơn vị \"17 SKHDT\" không hợp lệ: mã chỉ gồm chữ, số, dấu - và _.")
        #expect(message { try UnitCode(parsing: "-17") } == "Mã đơn vị \"-17\" không hợp lệ: mã phải bắt đầu bằng chữ hoặc số.")
        #expect(message { try UnitCode(parsing: "4792") }
                == "Mã đơn vị \"4792\" không hợp lệ: mã đơn vị hành chính gồm 2 chữ số (tỉnh), 3 chữ số (huyện) hoặc 5 chữ số (xã).")
    }

    /// Codes compare and sort as their text did (leading zeros kept: `04792` before `148`).
    @Test func unitCode_ordersByText() {
        let codes: [UnitCode] = ["17", "148", "04792", "17-SKHDT"]
        #expect(codes.sorted().map(\.rawValue) == ["04792", "148", "17", "17-SKHDT"])
    }

    /// In JSON a code is the string it was, also as a dictionary key; decoding refuses a
    /// text that is no code.
    @Test func unitCode_codable_isTheSameString() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(["u": UnitCode("04792")]), as: UTF8.self) == #"{"u":"04792"}"#)
        #expect(String(decoding: try encoder.encode([UnitCode("148"): 1, UnitCode("04792"): 2]), as: UTF8.self) == #"{"04792":2,"148":1}"#)
        #expect(try JSONDecoder().decode([UnitCode].self, from: Data(#"["17","04792"]"#.utf8)) == ["17", "04792"])
        #expect(try JSONDecoder().decode([UnitCode: Int].self, from: Data(#"{"17":1}"#.utf8)) == ["17": 1])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([UnitCode].self, from: Data(#"["1 7"]"#.utf8)) }
    }

    // MARK: - Regime codes

    /// The province's codes and the local ones (`DV157.…`, `DV17_SKHDT.…`) are regime codes.
    @Test(arguments: ["KTXH-THANG", "KTXH-QUY", "R1", "HT-SUDUNG-THANG", "DV157.XD-QUY", "DV17_SKHDT.R", "cd01"])
    func regimeCode_knownShapes_parseAndPrintAsWritten(text: String) throws {
        let code = try RegimeCode(parsing: text)
        #expect(code.rawValue == text && code.description == text)
    }

    /// Codes travel in bundles, URLs, file names and national packets: ASCII letters and
    /// digits joined by `-`, `_` and `.`, nothing else.
    @Test(arguments: ["", " ", "KTXH THANG", "KTXH-THÁNG", "KTXH/THANG", "-KTXH", ".KTXH", "KTXH\n", "a&b", "a?b"])
    func regimeCode_impossibleText_isRefused(text: String) {
        #expect(throws: coreError(.invalidRegimeCode)) { try RegimeCode(parsing: text) }
    }

    @Test func regimeCode_refusals_nameTheTextAndTheRule() {
        #expect(message { try RegimeCode(parsing: "") } == "Mã chế độ báo cáo \"\" không hợp lệ: thiếu mã chế độ báo cáo.")
        #expect(message { try RegimeCode(parsing: "KTXH THÁNG") }
                == "Mã chế độ báo cáo \"KTXH THÁNG\" không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số và các dấu gạch ngang (-), gạch dưới (_), chấm (.).")
        #expect(message { try RegimeCode(parsing: "-KTXH") } == "Mã chế độ báo cáo \"-KTXH\" không hợp lệ: mã phải bắt đầu bằng chữ hoặc số.")
    }

    @Test func regimeCode_codable_isTheSameString() throws {
        #expect(String(decoding: try JSONEncoder().encode([RegimeCode("KTXH-THANG")]), as: UTF8.self) == #"["KTXH-THANG"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RegimeCode].self, from: Data(#"["a b"]"#.utf8)) }
    }

    // MARK: - Periods

    /// A period written in the program reads like the id it is.
    @Test func period_literal_isTheParsedPeriod() throws {
        let literal: Period = "2026-Q4"
        #expect(literal == (try Period(parsing: "2026-Q4")))
        #expect(literal.kind == .quarterly)
    }

    // MARK: - Bundle recipients

    /// `*` is every unit; anything else is one unit's code, checked as such.
    @Test func bundleRecipient_readsEveryoneOrAUnit() throws {
        let everyone = try BundleRecipient(parsing: "*")
        #expect(everyone == .everyone && everyone.isEveryone && everyone.unit == nil && everyone.description == "*")
        let unit = try BundleRecipient(parsing: "157")
        #expect(unit == .unit("157") && !unit.isEveryone && unit.unit == "157" && unit.description == "157")
        #expect(throws: coreError(.invalidUnitCode)) { try BundleRecipient(parsing: "") }
        #expect(throws: coreError(.invalidUnitCode)) { try BundleRecipient(parsing: "**") }
        #expect(("*" as BundleRecipient) == .everyone && ("17-SKHDT" as BundleRecipient) == .unit("17-SKHDT"))
    }

    @Test func bundleRecipient_codable_isTheManifestText() throws {
        #expect(String(decoding: try JSONEncoder().encode([BundleRecipient.everyone, .unit("04792")]), as: UTF8.self) == #"["*","04792"]"#)
        #expect(try JSONDecoder().decode([BundleRecipient].self, from: Data(#"["*","17"]"#.utf8)) == [.everyone, .unit("17")])
    }
}

/// Where text from files and bundles becomes these types, what cannot be one is refused there.
@Suite("Unit codes, regime codes and periods where files are read")
struct DomainCodeReadingTests {
    /// A topology line whose code can never be a unit's is refused with the file line; an
    /// administrative code of the wrong length keeps its kind's own reason.
    @Test func topology_refusesImpossibleCodes_namingTheLine() {
        let header = "code,name,name_en,kind,parent\n"
        for (csv, reason) in [
            (header + "17,Tỉnh Hoà Bình,,province,\n1234,Ban khác,,other,17\n", "2 chữ số (tỉnh), 3 chữ số (huyện) hoặc 5 chữ số (xã)"),
            (header + "17,Tỉnh Hoà Bình,,province,\n4789,Phường Thái Bình,,commune,17\n", "mã xã phải gồm 5 chữ số"),
            (header + "17,Tỉnh Hoà Bình,,province,\n04789,Phường Thái Bình,,commune,1 7\n", "mã chỉ gồm chữ, số, dấu - và _"),
        ] {
            do {
                _ = try Topology(csv: csv, fileName: "t.csv")
                Issue.record("expected a refusal of \(csv)")
            } catch let error as CoreError {
                #expect(error.code == .invalidUnitCode)
                #expect(error.message.hasPrefix("t.csv, dòng 3: đơn vị"), "\(error.message)")
                #expect(error.message.contains(reason), "\(error.message)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    /// A report whose period or unit cannot exist is refused as it is read, rather than
    /// filed under a name no page can open.
    @Test func reportDocument_refusesAnImpossiblePeriodOrUnit() throws {
        let document = ReportDocument(regime: "KTXH-THANG", period: "2026-11", unit: "04792", revision: 1, form: "KTXH", formVersion: 1,
                                      releaseVersion: nil, values: [:], narrative: "", sectionApprovals: [], approvedBy: "lanhdao")
        let text = String(decoding: try document.encoded(), as: UTF8.self)
        #expect(try ReportDocument.decode(Data(text.utf8)) == document)
        for (from, to) in [(#""period":"2026-11""#, #""period":"2026-13""#), (#""unit":"04792""#, #""unit":"4792""#),
                           (#""regime":"KTXH-THANG""#, #""regime":"KTXH THANG""#)] {
            let changed = text.replacingOccurrences(of: from, with: to)
            #expect(changed != text)
            #expect(throws: CoreError(.invalidDocument, message: "", log: "")) { try ReportDocument.decode(Data(changed.utf8)) }
        }
        let refused = text.replacingOccurrences(of: #""period":"2026-11""#, with: #""period":"2026-13""#)
        #expect(message { try ReportDocument.decode(Data(refused.utf8)) }
                == "Tệp report.json không hợp lệ: Kỳ báo cáo \"2026-13\" không hợp lệ: tháng phải từ 01 đến 12.")
    }

    /// Each figure is exactly `[code, value, status]`: read as written, and one with a cell
    /// missing or one too many refuses the report, saying what a figure must be.
    @Test func reportDocument_figuresAreThreeCells() throws {
        let document = ReportDocument(regime: "KTXH-THANG", period: "2026-11", unit: "04792", revision: 1, form: "KTXH", formVersion: 1,
                                      releaseVersion: nil, values: [ValueKey("DS01"): ReportValue(text: "1245.5"), ValueKey("DS02", dimension: "GT", member: "nu"): ReportValue(text: "7", status: .estimated)],
                                      narrative: "", sectionApprovals: [], approvedBy: "lanhdao")
        let text = String(decoding: try document.encoded(), as: UTF8.self)
        let decoded = try ReportDocument.decode(Data(text.utf8))
        #expect(decoded.values == document.values)
        #expect(decoded.values[ValueKey("DS02", dimension: "GT", member: "nu")]?.status == .estimated)
        for (from, to) in [(#"["DS01","1245.5","final"]"#, #"["DS01","1245.5"]"#),
                           (#"["DS01","1245.5","final"]"#, #"["DS01","1245.5","final","final"]"#),
                           (#"["DS01","1245.5","final"]"#, #"["DS01","1245.5","cuoi"]"#)] {
            let changed = text.replacingOccurrences(of: from, with: to)
            #expect(changed != text, "\(text)")
            #expect(message { try ReportDocument.decode(Data(changed.utf8)) }
                    == "Tệp report.json không hợp lệ: mỗi số liệu phải là [mã, giá trị, trạng thái].")
        }
    }
}
