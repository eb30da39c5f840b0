import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// A node on the new map after a reform like 1 July 2025: the old district 148 (province
/// 17) had communes 04801, 04802 (merged into the new 04790) and 04804 (divided: its seat
/// went to 04806, a part to 04807); the new province 25 continues 17, 25 and 26. Only
/// province 17's history exists here (as in the demo, Vĩnh Phúc and the old Phú Thọ are
/// not simulated). The catalog is the services fixture's, with NS01 (the commune's own
/// budget) allowed to follow the seat of a divided commune.
enum ReformFixture {
    static let effective = try! CivilDate(year: 2025, month: 7, day: 1)

    static let newTopology = try! Topology(units: [
        ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
        ReportingUnit(code: "04790", name: "Xã Hợp Nhất", kind: .commune, parentCode: "25"),
        ReportingUnit(code: "04806", name: "Xã Trụ Sở", kind: .commune, parentCode: "25"),
        ReportingUnit(code: "04807", name: "Xã Tách Ra", kind: .commune, parentCode: "25"),
    ])

    static let formerUnits = [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
        ReportingUnit(code: "26", name: "Tỉnh Vĩnh Phúc", kind: .province),
        ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "148"),
        ReportingUnit(code: "04802", name: "Xã Hai", kind: .commune, parentCode: "148"),
        ReportingUnit(code: "04804", name: "Xã Bốn", kind: .commune, parentCode: "148"),
    ]

    /// The table rows, as a province publishes them (`old,new,share,default`).
    static let rows: [(former: UnitCode, successor: UnitCode, share: SuccessionShare, isDefault: Bool)] = [
        ("17", "25", .whole, false), ("25", "25", .whole, false), ("26", "25", .whole, false),
        ("148", "25", .archive, false),
        ("04801", "04790", .whole, false), ("04802", "04790", .whole, false),
        ("04804", "04806", .part, true), ("04804", "04807", .part, false),
    ]

    static let succession = Succession(
        effective: effective, graceUntil: try! CivilDate(year: 2025, month: 9, day: 30), basis: "Nghị quyết mẫu (thử nghiệm)",
        formerUnits: formerUnits,
        links: rows.map { SuccessionLink(former: $0.former, successor: $0.successor, share: $0.share, isDefault: $0.isDefault) })

    static let catalog: Catalog = {
        var catalog = Fixtures.catalog
        catalog.indicators = catalog.indicators.map { indicator in
            var indicator = indicator
            if indicator.code == "NS01" { indicator.carriesToDefaultPiece = true }
            return indicator
        }
        return catalog
    }()

    /// A store on the new map holding the succession, as a node has it after the release.
    static func store() throws -> NodeStore {
        let store = try NodeStore.inMemory()
        try store.replaceTopology(newTopology)
        try store.replaceCatalog(catalog)
        try store.writer.write { db in
            try NodeStore.recordSuccession(succession, releaseHash: "sha256-reform", at: Date(timeIntervalSince1970: 1_751_328_000), in: db)
        }
        return store
    }

    static func decimal(_ text: String) -> ExactDecimal { Fixtures.decimal(text) }

    /// The exact sum of some texts.
    static func sum(_ texts: [String]) -> ExactDecimal {
        texts.reduce(ExactDecimal.zero) { try! $0.adding(decimal($1)) }
    }
}
