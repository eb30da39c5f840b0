import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

@Suite("Node store")
struct NodeStoreTests {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
        ReportingUnit(code: "148", name: "Thành phố Hòa Bình", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04789", name: "Phường Thái Bình", kind: .commune, parentCode: "148"),
    ])

    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NS01", name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 3),
            Indicator(code: "LD01", name: "Số hộ nghèo", unitOfMeasure: "hộ", valueType: .integer),
            Indicator(code: "LD02", name: "Tổng số hộ", unitOfMeasure: "hộ", valueType: .integer),
            Indicator(code: "LD03", name: "Tỷ lệ hộ nghèo", unitOfMeasure: "%", valueType: .percent,
                      aggregation: .ratio(numerator: "LD01", denominator: "LD02", factor: 100)),
        ],
        rules: [CrossRule(expression: "LD01 <= LD02", message: "Số hộ nghèo không vượt tổng số hộ")],
        forms: [Form(code: "F1", title: "Biểu 1", sections: [.init(code: "A", title: "Phần A", rows: ["NS01", "LD01", "LD02", "LD03"])])],
        regimes: [Regime(code: "R1", name: "Báo cáo tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16)], reporters: ReporterSelection(kinds: [.commune]), form: "F1")],
        plans: [PlanTarget(unit: "17", year: 2026, indicator: "NS01", value: try! ExactDecimal(canonical: "1500000.5"))])

    /// Given an empty database, when migrated, then every table of the schema exists.
    @Test func migrations_fromEmpty_createTheSchema() throws {
        let store = try NodeStore.inMemory()
        #expect(try store.schemaVersion() == NodeStore.currentSchemaVersion)
        let tables = try store.writer.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        for table in ["setting", "unit", "release", "indicator", "dimension", "crossRule", "form", "regime", "planTarget",
                      "report", "reportValue", "bundle", "auditEntry", "user", "userRole",
                      "personnelRecord", "personnelGrant", "personnelSpan", "personnelQuota", "personnelDeclaration"] {
            #expect(tables.contains(table), "table \(table)")
        }
        let foreignKeys = try store.writer.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
    }

    /// The topology and catalog come back exactly as stored, in their original order.
    @Test func topologyAndCatalog_roundTrip() throws {
        let store = try NodeStore.inMemory()
        #expect(try store.initialize(homeUnit: "148", topology: Self.topology, catalog: Self.catalog, at: Date()) == .initialized)
        #expect(try store.topology() == Self.topology)
        #expect(try store.catalog() == Self.catalog)
        #expect(try store.value(of: .homeUnit) == "148")
        let summary = try store.summary()
        #expect(summary.units == 3 && summary.indicators == 4 && summary.forms == 1 && summary.regimes == 1)
    }

    /// The topology a node reads again and again (consolidation, parents, completeness)
    /// is the one stored now: one written by another process — a release taken in by
    /// `baocao bundle import` while `serve` runs — is seen at the next read.
    @Test func topology_writtenByAnotherProcess_isSeenAtTheNextRead() throws {
        let directory = try TemporaryDirectory()
        let serving = try NodeStore.open(at: directory.file("baocao.sqlite"))
        _ = try serving.initialize(homeUnit: "148", topology: Self.topology, catalog: Self.catalog, at: Date())
        #expect(try serving.topology() == Self.topology)
        let grown = try Topology(units: Self.topology.units + [
            ReportingUnit(code: "04792", name: "Phường Tân Hòa", kind: .commune, parentCode: "148"),
        ])
        try NodeStore.open(at: directory.file("baocao.sqlite")).replaceTopology(grown)
        #expect(try serving.topology() == grown)
        #expect(try serving.topology().unit(code: "04792")?.name == "Phường Tân Hòa")
    }

    /// Initializing twice for the same unit changes nothing; for another unit it is refused.
    @Test func initialize_isIdempotent_andBelongsToOneUnit() throws {
        let store = try NodeStore.inMemory()
        _ = try store.initialize(homeUnit: "148", topology: Self.topology, catalog: Self.catalog, at: Date(timeIntervalSince1970: 0))
        let before = try store.value(of: .initializedAt)
        #expect(try store.initialize(homeUnit: "148", topology: Self.topology, catalog: Catalog(), at: Date()) == .alreadyInitialized)
        #expect(try store.value(of: .initializedAt) == before)
        #expect(try store.catalog() == Self.catalog)
        let other = #expect(throws: StoreError.self) {
            try store.initialize(homeUnit: "17", topology: Self.topology, catalog: Self.catalog, at: Date())
        }
        #expect(other?.code == .otherUnit)
        #expect(other?.message == "Cơ sở dữ liệu này thuộc đơn vị 148, không phải 17. Hãy kiểm tra lại thư mục dữ liệu trong cấu hình.")
        #expect(try store.value(of: .homeUnit) == "148")
    }

    /// A file database runs in WAL mode with synchronous=FULL, so an acknowledged commit survives power loss.
    @Test func fileDatabase_isWAL_withFullSynchronous() throws {
        let directory = try TemporaryDirectory()
        let store = try NodeStore.open(at: directory.file("node.sqlite"))
        #expect(try store.synchronousMode() == 2)
        let journal = try store.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    /// Reopening a closed database works and keeps the data.
    @Test func reopen_keepsData() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("node.sqlite")
        do {
            let store = try NodeStore.open(at: path)
            _ = try store.initialize(homeUnit: "148", topology: Self.topology, catalog: Self.catalog, at: Date())
            try (store.writer as? DatabasePool)?.close()
        }
        let again = try NodeStore.open(at: path)
        #expect(try again.value(of: .homeUnit) == "148")
        #expect(try again.topology() == Self.topology)
    }

    /// A database written by a newer BaoCao is refused, and the file is not touched.
    @Test func newerSchema_isRefused_andFileUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("node.sqlite")
        do {
            let store = try NodeStore.open(at: path)
            try store.writer.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v999-from-the-future')") }
            try (store.writer as? DatabasePool)?.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try NodeStore.open(at: path)
            Issue.record("a newer schema must be refused")
        } catch let error as StoreError {
            #expect(error.code == .newerSchema)
            #expect(error.message == "Cơ sở dữ liệu \(path) do một phiên bản BaoCao mới hơn tạo ra (lược đồ v999-from-the-future). "
                + "Hãy cập nhật BaoCao; tệp được giữ nguyên.")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// A file that is not a database is refused by name and left exactly as it was.
    @Test func notADatabase_isRefused_andFileUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("node.sqlite")
        let text = Data("Đây là một tệp văn bản, không phải cơ sở dữ liệu.\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        let refusal = #expect(throws: StoreError.self) { try NodeStore.open(at: path) }
        #expect(refusal?.code == .notADatabase)
        #expect(refusal?.message == "Tệp \(path) không phải là cơ sở dữ liệu BaoCao (SQLite). Tệp được giữ nguyên; "
            + "hãy kiểm tra đường dẫn trong cấu hình hoặc phục hồi từ bản sao lưu.")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// A database whose pages were damaged is refused as corrupt and left as it was.
    @Test func corruptDatabase_isRefused_andFileUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("node.sqlite")
        do {
            let store = try NodeStore.open(at: path)
            _ = try store.initialize(homeUnit: "148", topology: Self.topology, catalog: Self.catalog, at: Date())
            try (store.writer as? DatabasePool)?.close()
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 8192)
        // Overwrite the second page onward with garbage, keeping the header intact.
        for index in 4096..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 31) }
        try bytes.write(to: URL(fileURLWithPath: path))
        do {
            _ = try NodeStore.open(at: path)
            Issue.record("a corrupt database must be refused")
        } catch let error as StoreError {
            // What is damaged is SQLite's to say; the rest of the sentence is ours.
            #expect(error.code == .corrupt)
            #expect(error.message.hasPrefix("Cơ sở dữ liệu \(path) bị hỏng ("), "\(error.message)")
            #expect(error.message.hasSuffix("). Tệp được giữ nguyên; hãy phục hồi từ bản sao lưu (baocao restore)."), "\(error.message)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    /// Figures in the catalog (plan targets) keep every digit through the database.
    @Test func planValues_keepEveryDigit() throws {
        let store = try NodeStore.inMemory()
        try store.replaceCatalog(Self.catalog)
        #expect(try store.catalog().plan(unit: "17", indicator: "NS01", year: 2026)?.description == "1500000.5")
    }
}
