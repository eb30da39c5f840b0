import Foundation
import Testing

/// The store owns the schema: SQL text lives in `Sources/BaoCaoStore` and nowhere else, so
/// that a table can change in one module, behind its record type and repository functions
/// (DESIGN §12: "one record type and repository per table").
@Suite("Layering")
struct LayeringTests {
    /// The package root, three levels above this file (`Tests/BaoCaoStoreTests/…`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Modules allowed to hold SQL text, and why.
    static let exempt: [String: String] = [
        "BaoCaoStore": "the schema, migrations and repositories",
        // The benchmarks' reference measurements are plain SQL by definition: the limit our
        // code is measured against (consolidation vs a GROUP BY, an import vs `.import`).
        "BaoCaoBench": "reference measurements in plain SQL",
    ]

    /// A GRDB argument that takes SQL text: `sql:` (`execute(sql:)`, `fetchAll(_:sql:)`,
    /// `cachedStatement(sql:)`, `order(sql:)`, `filter(sql:)` …) and `literal:` (the same,
    /// with SQL interpolation).
    static let sqlArgument = #"\b(sql|literal):"#

    struct Finding: CustomStringConvertible {
        let path: String
        let line: Int
        let text: String
        var description: String { "\(path):\(line): \(text)" }
    }

    /// Every line of a Swift file under `Sources/<module>` that passes SQL text, comment lines left out.
    static func findings(inModule module: String) throws -> [Finding] {
        let folder = root.appendingPathComponent("Sources").appendingPathComponent(module)
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        let pattern = try Regex(sqlArgument)
        var result: [Finding] = []
        for case let file as URL in files where file.pathExtension == "swift" {
            let path = String(file.path.dropFirst(root.path.count + 1))
            for (index, line) in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") || code.hasPrefix("*") || code.hasPrefix("/*") { continue }
                if code.contains(pattern) { result.append(Finding(path: path, line: index + 1, text: code)) }
            }
        }
        return result.sorted { ($0.path, $0.line) < ($1.path, $1.line) }
    }

    static func modules() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Sources").path).sorted()
    }

    /// No module but the store passes SQL text to the database; each place that does is
    /// named with its file and line.
    @Test func sourcesOutsideStore_passNoSQLText() throws {
        let modules = try Self.modules()
        #expect(modules.contains("BaoCaoStore") && modules.contains("BaoCaoServices"), "package root: \(Self.root.path)")
        for module in modules where Self.exempt[module] == nil {
            for finding in try Self.findings(inModule: module) {
                Issue.record("SQL outside BaoCaoStore — move it into a Store repository function: \(finding)")
            }
        }
    }

    /// The check sees SQL where there is some: the store's migrations and repositories are
    /// found (else a scan that reads nothing would pass).
    @Test func scan_ofStore_findsItsSQL() throws {
        let paths = Set(try Self.findings(inModule: "BaoCaoStore").map(\.path))
        #expect(paths.contains("Sources/BaoCaoStore/Schema/NodeStore+Migrations.swift"))
        #expect(paths.contains("Sources/BaoCaoStore/NodeStore+Aggregation.swift"))
    }
}
