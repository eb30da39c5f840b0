import Foundation
import Testing
import Yams
@testable import BaoCaoCore

/// The personnel catalog: the sample file of `Config/catalog/nhan-su.yaml` for both
/// provinces, and what ``PersonnelCatalog/validated()`` refuses.
@Suite("Personnel catalog")
struct PersonnelCatalogTests {
    typealias F = PersonnelFixtures

    @Test func sampleCatalog_isValid_forBothProvinces_eachWithItsSoNoiVu() throws {
        let file = try F.catalogFile()
        #expect(try file.catalog(forProvince: "17").authority == "17-SNV")
        #expect(try file.catalog(forProvince: "25").authority == "25-SNV")
        let unknown = try #require(throws: CoreError.self) { try file.catalog(forProvince: "01") }
        #expect(unknown.code == .invalidPersonnelCatalog)
        #expect(unknown.message.contains("authorities"))
    }

    @Test func sampleCatalog_authorities_areInTheSampleTopologies() throws {
        for (province, path) in [("17", "Topology/hoa-binh-2025-03-3-cap.csv"), ("25", "Topology/phu-tho-2025-07-2-cap.csv")] {
            let topology = try Topology(csv: F.text(path), fileName: path)
            let authority = try F.catalogFile().catalog(forProvince: UnitCode(parsing: province)).authority
            let unit = try #require(topology.unit(code: authority))
            #expect(unit.kind == .department && unit.name == "Sở Nội vụ" && unit.parentCode?.rawValue == province)
        }
    }

    @Test func sampleCatalog_hasEveryListOfArticle8_eachWithItsSource() throws {
        let catalog = F.catalog
        for name in PersonnelCatalog.requiredLists {
            let list = try #require(catalog.list(name), "\(name)")
            #expect(catalog.sources.contains { $0.id == list.source }, "\(name)")
            #expect(["8.1a", "8.1b", "8.1c", "8.1d", "8.1e"].contains(list.article))
        }
        #expect(catalog.sources.allSatisfy { !($0.note ?? "").isEmpty })
    }

    @Test func sampleCatalog_has54Ethnicities_numberedAsTheStatisticsOfficeDoes() throws {
        let entries = try #require(F.catalog.list("ethnicities")).entries
        #expect(entries.count == 54)
        #expect(entries.map(\.code) == (1...54).map { $0 < 10 ? "0\($0)" : "\($0)" })
        #expect(entries.first?.name == "Kinh" && entries.first?.group == "kinh")
        #expect(entries[5].name == "Mường" && entries.last?.name == "Ơ Đu")
        #expect(entries.dropFirst().allSatisfy { $0.group == "thieu-so" })
    }

    @Test func sampleCatalog_ranks_carryDecree204Coefficients() throws {
        let catalog = F.catalog
        let chuyenVien = try #require(catalog.rank(code: "01.003"))
        #expect(chuyenVien.coefficients.map(\.description) == ["2.34", "2.67", "3.00", "3.33", "3.66", "3.99", "4.32", "4.65", "4.98"])
        #expect(catalog.rank(code: "01.001")?.coefficients.last == (try ExactDecimal(canonical: "8.00")))
        #expect(catalog.rank(code: "01.002")?.coefficients.first == (try ExactDecimal(canonical: "4.40")))
        #expect(catalog.rank(code: "01.004")?.group == "can-su")
        #expect(catalog.rank(code: "01.005")?.coefficients.count == 12)
        #expect(Set(catalog.ranks.filter { $0.kind == .publicEmployee }.map(\.group)) == ["hang-I", "hang-II", "hang-III", "hang-IV"])
    }

    /// The statistics section and the report catalog's regime, form and indicators agree.
    @Test func statistics_matchTheReportCatalog() throws {
        let report = try YAMLDecoder().decode(Catalog.self, from: F.text("Config/catalog/kinh-te-xa-hoi.yaml")).validated()
        let statistics = try #require(F.catalog.statistics)
        let regime = try #require(report.regime(code: statistics.regime))
        #expect(regime.frequency == .yearly && regime.form == statistics.form)
        #expect(Set(regime.reporters.kinds) == [.commune, .district, .department])
        let form = try #require(report.form(code: statistics.form, version: statistics.formVersion))
        let rows = form.sections.flatMap(\.rows)
        #expect(rows == statistics.indicators.map(\.code))
        for code in rows {
            let indicator = try #require(report.indicator(code: code))
            #expect(indicator.valueType == .integer && indicator.measure == .stock, "\(code)")
        }
        #expect(PersonnelStatisticsDefinition.referenceDate(for: try .year(2026), regime: regime) == F.date("2026-12-31"))
    }

    // MARK: what validated() refuses

    func problems(_ change: (inout PersonnelCatalog) -> Void) -> [String] {
        var catalog = F.catalog
        change(&catalog)
        #expect(throws: CoreError.self) { try catalog.validated() }
        return catalog.problems()
    }

    @Test func duplicateCode_isAProblem() {
        let found = problems { $0.lists[0].entries.append($0.lists[0].entries[0]) }
        #expect(found == ["danh mục agencyBlocks: mã dang bị trùng"])
    }

    @Test func listWhoseSourceIsUnknown_isAProblem() {
        let found = problems { $0.lists[1].source = "tt99-2030" }
        #expect(found == ["danh mục recruitmentForms dẫn nguồn tt99-2030 không có trong sources"])
    }

    @Test func missingRequiredList_isAProblem() {
        let found = problems { $0.lists.removeAll { $0.name == "bloodGroups" } }
        #expect(found == ["thiếu danh mục bloodGroups"])
    }

    @Test func coefficientsThatDoNotRise_areAProblem() {
        let found = problems { catalog in
            let index = catalog.ranks.firstIndex { $0.code == "01.003" }!
            catalog.ranks[index].coefficients[4] = catalog.ranks[index].coefficients[3]
        }
        #expect(found == ["ngạch 01.003: hệ số bậc 5 (3.33) không lớn hơn bậc 4 (3.33)"])
    }

    @Test func ethnicityWithoutGroup_andFilterNamingNothing_areProblems() {
        let found = problems { catalog in
            let list = catalog.lists.firstIndex { $0.name == "ethnicities" }!
            catalog.lists[list].entries[2].group = nil
            catalog.statistics!.indicators[0].filter.rankGroups = ["chuyen-vien-trung-cap"]
        }
        #expect(found.count == 2)
        #expect(found.contains("danh mục ethnicities: mục 03 thiếu nhóm (group)"))
        #expect(found.contains { $0.contains("chuyen-vien-trung-cap") })
    }

    /// A misspelt condition would count everyone: it is refused when read.
    @Test func misspeltFilterKey_isADecodingError() {
        #expect(throws: DecodingError.self) {
            try YAMLDecoder().decode(PersonnelHeadcountFilter.self, from: "{ kinds: [civilServant], rankGroup: [chuyen-vien] }")
        }
        #expect(throws: DecodingError.self) {
            try YAMLDecoder().decode(PersonnelTrainingCondition.self, from: "{ track: chuyen-mon, higest: [dai-hoc] }")
        }
    }

    /// The release carries the catalog as JSON: it comes back the same.
    @Test func catalog_roundTripsAsJSON() throws {
        let data = try PersonnelWireFormat.encoder().encode(F.catalog)
        #expect(try PersonnelWireFormat.decoder().decode(PersonnelCatalog.self, from: data) == F.catalog)
    }
}
