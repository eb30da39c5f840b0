import BaoCaoCore
import Foundation
import Yams

/// The sample catalogs of `Config/catalog/`, read as the CLI reads them: the reporting
/// catalog and the personnel catalog for Hòa Bình (its Sở Nội vụ 17-SNV).
enum SampleCatalogs {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func reporting() throws -> Catalog {
        try YAMLDecoder().decode(Catalog.self, from: text("Config/catalog/kinh-te-xa-hoi.yaml"))
    }

    static let personnel: PersonnelCatalog = {
        do {
            return try YAMLDecoder().decode(PersonnelCatalogFile.self, from: text("Config/catalog/nhan-su.yaml")).catalog(forProvince: "17")
        } catch {
            fatalError("Config/catalog/nhan-su.yaml: \(error)")
        }
    }()
}
