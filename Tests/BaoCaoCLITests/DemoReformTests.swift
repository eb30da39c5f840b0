import BaoCaoBundle
import BaoCaoStore
import Foundation
import Testing

/// `baocao demo --reform`, prepared as a person starts it (without serving): the Hòa Bình
/// network's generated history from January 2024 to June 2025. Every expected figure is
/// computed here from the communes' own signed originals — the `.bcb` files in each commune
/// node's data — never from the code that consolidates them.
@Suite("The reform demo's history", .serialized)
struct DemoReformTests {
    /// Prepares the demo in a fresh folder (as `Scripts/demo --reform` would, without
    /// starting the nodes); returns the network's folder and what was printed.
    static func prepare(in directory: URL) throws -> (URL, String) {
        let result = try CommandRunner.run(["demo", "--reform", "--prepare-only", "--dir", directory.path, "--port-base", "28600",
                                            "--repository", CommandRunner.packageRoot.path])
        guard result.status == 0 else { throw DemoFailure("demo --reform --prepare-only: \(result.output)\n\(result.error)") }
        return (directory.appendingPathComponent("sap-xep"), result.output)
    }

    /// One preparation for every check (it takes most of the time), removed afterwards.
    @Test func reformDemo_generatesTheHistory_consolidatedOnTime_andReusedOnASecondRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-demo-reform-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (base, printed) = try Self.prepare(in: directory)
        try everyCommune_signedEveryMonth_andTheDistrictConsolidatedThem(base, printed)
        try theDistricts_wereOnTime_atTheOldProvince(base)
        try afterTheReform_theContinuingCommunesReportTo25(base)
        try aMergedCommune_sendingUnderItsOldCode_isRefusedNamingItsSuccessor(base, directory)
        try aSecondRun_reusesTheNetwork(base, directory)
    }

    struct DemoFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// One commune's signed report as it left the commune: its unit, period and figures.
    struct Original {
        let unit: String
        let period: String
        let revision: Int
        let values: [String: Decimal]
    }

    /// Every report `unit` signed, as the node of `holder` (by default its own) keeps it among its bundles.
    static func originals(of unit: String, heldBy holder: String? = nil, in base: URL) throws -> [Original] {
        let files = BundleFiles(dataDirectory: base.appendingPathComponent("data/\(holder ?? unit)").path)
        var found: [Original] = []
        for id in try files.storedIds() {
            let archive = try BundleArchive(reading: try files.read(id))
            guard let part = try archive.contents(of: "report.json"),
                  let json = try JSONSerialization.jsonObject(with: part) as? [String: Any],
                  json["unit"] as? String == unit,
                  let period = json["period"] as? String, let revision = json["revision"] as? Int,
                  let rows = json["values"] as? [[String]] else { continue }
            var values: [String: Decimal] = [:]
            for row in rows where row.count == 3 { values[row[0]] = Decimal(string: row[1], locale: Locale(identifier: "en_US_POSIX")) }
            found.append(Original(unit: unit, period: period, revision: revision, values: values))
        }
        return found
    }

    /// The sum of `key` over the latest revisions of `units`' own reports for `periods`.
    static func sum(_ key: String, units: [String], periods: [String], in base: URL) throws -> Decimal {
        var total = Decimal(0)
        for unit in units {
            let reports = try originals(of: unit, in: base)
            for period in periods {
                let latest = reports.filter { $0.period == period }.max { $0.revision < $1.revision }
                guard let value = latest?.values[key] else { throw DemoFailure("\(unit) has no signed \(key) for \(period)") }
                total += value
            }
        }
        return total
    }

    func run(_ arguments: [String]) throws -> String {
        let result = try CommandRunner.run(arguments + ["--user", "lanhdao"], environment: ["BAOCAO_PASSWORD": "baocao-demo-2026"])
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.error)")
        return result.output
    }

    /// One row of `aggregate --json` by its key.
    func row(_ key: String, regime: String = "KTXH-THANG", period: String, at unit: String, in base: URL) throws -> [String: Any] {
        let output = try run(["aggregate", regime, period, "--json", "--config", base.appendingPathComponent("nodes/\(unit).yaml").path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        let rows = try #require(json["rows"] as? [[String: Any]])
        return try #require(rows.first { $0["key"] as? String == key }, "no \(key) in \(output)")
    }

    func decimal(_ value: Any?) -> Decimal? {
        (value as? String).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
    }

    static let merged = ["04792", "04813", "04825"]   // Thành phố Hòa Bình's communes, all into 04792

    func everyCommune_signedEveryMonth_andTheDistrictConsolidatedThem(_ base: URL, _ printed: String) throws {
        #expect(printed.contains("2024-01") && printed.contains("2025-06"), "\(printed)")
        for unit in Self.merged + ["04888", "04891"] {
            let periods = Set(try Self.originals(of: unit, in: base).map(\.period)).filter { $0 < "2025-07" }
            #expect(periods.count == 18 && periods.contains("2024-01") && periods.contains("2025-06"), "\(unit): \(periods.sorted())")
        }
        // March 2025 at the district: each figure the sum of its three communes' signed March
        // — what 04792 must show as cùng kỳ for March 2026 once the three have merged.
        for key in ["NN01", "NS01", "LD01", "LD01[GT=nu]"] {
            let expected = try Self.sum(key, units: Self.merged, periods: ["2025-03"], in: base)
            #expect(decimal(try row(key, period: "2025-03", at: "148", in: base)["value"]) == expected, "\(key)")
        }
        // Its lũy kế at June 2025 adds January to June, and cùng kỳ is March 2024's.
        let january = (1...6).map { "2025-0\($0)" }
        #expect(decimal(try row("NS01", period: "2025-06", at: "148", in: base)["yearToDate"])
                == (try Self.sum("NS01", units: Self.merged, periods: january, in: base)))
        #expect(decimal(try row("NS01", period: "2025-03", at: "148", in: base)["samePeriodLastYear"])
                == (try Self.sum("NS01", units: Self.merged, periods: ["2024-03"], in: base)))
        // The ratio is recomputed from the summed components, never averaged.
        let disbursed = try Self.sum("DT01", units: ["04792", "04891"], periods: ["2026-03"], in: base)
        let planned = try Self.sum("DT02", units: ["04792", "04891"], periods: ["2026-03"], in: base)
        let ratio = try #require(decimal(try row("DT03", period: "2026-03", at: "25", in: base)["value"]))
        let exact = disbursed / planned * 100
        #expect(abs((ratio - exact) as Decimal) < Decimal(string: "0.06")!, "DT03 \(ratio) vs \(exact)")
    }

    func theDistricts_wereOnTime_atTheOldProvince(_ base: URL) throws {
        // Judged as it was then: at the old province (retired, its node keeps the old map's
        // judgement) and at the new province, from the archives it took over — both
        // districts on time; at 25 the other former districts (never simulated) are listed.
        for (unit, expected) in [("17", 2), ("25", 2)] {
            for period in ["2024-01", "2025-06"] {
                let output = try CommandRunner.run(["completeness", "KTXH-THANG", period, "--json", "--config",
                                                    base.appendingPathComponent("nodes/\(unit).yaml").path, "--user", "tonghop"],
                                                   environment: ["BAOCAO_PASSWORD": "baocao-demo-2026"]).output
                let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
                let summary = try #require(json["summary"] as? [String: Int])
                #expect(summary["accepted"] == expected && summary["onTime"] == expected && summary["late"] == 0, "\(unit) \(period): \(summary)")
                let accepted = (json["units"] as? [[String: Any]] ?? []).filter { $0["accepted"] as? Bool == true }.compactMap { $0["unit"] as? String }
                #expect(Set(accepted) == ["148", "150"], "\(unit) \(period): \(accepted)")
            }
        }
    }

    /// One aggregate view as JSON.
    func view(period: String, at unit: String, in base: URL) throws -> [String: Any] {
        let output = try run(["aggregate", "KTXH-THANG", period, "--json", "--config", base.appendingPathComponent("nodes/\(unit).yaml").path])
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
    }

    func afterTheReform_theContinuingCommunesReportTo25(_ base: URL) throws {
        // Every month from July 2025 the two continuing communes report to the new province.
        for unit in ["04792", "04891"] {
            let periods = Set(try Self.originals(of: unit, in: base).map(\.period))
            #expect(periods.isSuperset(of: ["2025-07", "2025-12", "2026-01", "2026-03"]), "\(unit): \(periods.sorted())")
        }
        let output = try CommandRunner.run(["completeness", "KTXH-THANG", "2026-03", "--json", "--config",
                                            base.appendingPathComponent("nodes/25.yaml").path, "--user", "tonghop"],
                                           environment: ["BAOCAO_PASSWORD": "baocao-demo-2026"]).output
        let completeness = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        let accepted = (completeness["units"] as? [[String: Any]] ?? []).filter { $0["accepted"] as? Bool == true }.compactMap { $0["unit"] as? String }
        #expect(Set(accepted) == ["04792", "04891"], "\(output)")
        // 04792's own March 2026 is its signed report.
        let own = try Self.sum("NS01", units: ["04792"], periods: ["2026-03"], in: base)
        #expect(decimal(try row("NS01", period: "2026-03", at: "04792", in: base)["value"]) == own)

        // The merged commune: March 2026's cùng kỳ is the sum of the three communes' signed
        // March 2025, exactly; its 2025 lũy kế adds their January–June to its own July–December.
        let merged = try view(period: "2026-03", at: "04792", in: base)
        #expect(Set(merged["carriedFrom"] as? [String] ?? []) == Set(Self.merged), "\(merged)")
        #expect((merged["inexactColumns"] as? [String])?.isEmpty == true, "\(merged)")
        for key in ["NN01", "NS01", "LD01", "LD01[GT=nam]"] {
            let expected = try Self.sum(key, units: Self.merged, periods: ["2025-03"], in: base)
            #expect(decimal(try row(key, period: "2026-03", at: "04792", in: base)["samePeriodLastYear"]) == expected, "\(key)")
        }
        let firstHalf = try Self.sum("NS01", units: Self.merged, periods: (1...6).map { "2025-0\($0)" }, in: base)
        let secondHalf = try Self.sum("NS01", units: ["04792"], periods: ["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"], in: base)
        #expect(decimal(try row("NS01", period: "2025-12", at: "04792", in: base)["yearToDate"]) == firstHalf + secondHalf)

        // The divided commune: last year's figure of an indicator that does not follow the
        // seat is marked not comparable, naming Vầy Nưa.
        let divided = try view(period: "2026-03", at: "04891", in: base)
        #expect((divided["inexactColumns"] as? [String])?.contains("samePeriodLastYear") == true, "\(divided)")
        let rice = try row("NN01", period: "2026-03", at: "04891", in: base)
        let note = (rice["comparisonNotes"] as? [String: String])?["samePeriodLastYear"] ?? ""
        #expect(note.contains("không so sánh được") && note.contains("04891"), "\(rice)")
        // An indicator that follows the seat counts Vầy Nưa wholly, with Tiền Phong merged in.
        let spending = try row("NS03", period: "2026-03", at: "04891", in: base)
        #expect(decimal(spending["samePeriodLastYear"]) == (try Self.sum("NS03", units: ["04891", "04888"], periods: ["2025-03"], in: base)),
                "\(spending)")

        // The province merged from three sees last year as partial: Vĩnh Phúc (26) and the
        // old Phú Thọ (25) are not simulated.
        let province = try view(period: "2026-03", at: "25", in: base)
        #expect(Set(province["carriedMissing"] as? [String] ?? []).isSuperset(of: ["25", "26"]), "\(province)")
    }

    /// 04813 went into 04792 and handed its history over: its node refuses a report for
    /// August 2025, naming 04792, and keeps serving what it holds.
    func aMergedCommune_sendingUnderItsOldCode_isRefusedNamingItsSuccessor(_ base: URL, _ directory: URL) throws {
        let commune = base.appendingPathComponent("nodes/04813.yaml").path
        let refused = try CommandRunner.run(["report", "new", "KTXH-THANG", "2025-08", "--config", commune, "--user", "nhaplieu"],
                                            environment: ["BAOCAO_PASSWORD": "baocao-demo-2026"])
        #expect(refused.status != 0 && refused.error.contains("04792"), "\(refused.output) \(refused.error)")
        #expect(try Self.originals(of: "04813", in: base).filter { $0.period == "2025-08" }.isEmpty)
    }

    func aSecondRun_reusesTheNetwork(_ base: URL, _ directory: URL) throws {
        let before = try Self.originals(of: "04792", in: base).count
        let again = try CommandRunner.run(["demo", "--reform", "--prepare-only", "--dir", directory.path,
                                           "--port-base", "28600", "--repository", CommandRunner.packageRoot.path])
        #expect(again.status == 0, "\(again.error)")
        #expect(!again.output.contains("Tạo lịch sử"), "\(again.output)")
        #expect(try Self.originals(of: "04792", in: base).count == before)
    }
}
