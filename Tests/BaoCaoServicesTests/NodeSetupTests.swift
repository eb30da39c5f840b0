import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

@Suite("Setting a node up")
struct NodeSetupTests {
    /// The first run loads the unit and writes the log's first entry; a second run changes
    /// nothing and writes nothing; an edit of the configuration is noticed afterwards.
    @Test func initialize_once_withItsAuditEntry() throws {
        let store = try NodeStore.inMemory()
        let unit = Fixtures.topology.unit(code: "148")!
        let text = "unit: \"148\"\ntopology: a.csv\ncatalog: b.yaml\n"

        let first = try NodeSetup.initialize(store, unit: unit, topology: Fixtures.topology, catalog: Fixtures.catalog,
                                             configuration: text, file: "node.yaml", at: Fixtures.instant("2026-11-01T00:00:00Z"))
        let again = try NodeSetup.initialize(store, unit: unit, topology: Fixtures.topology, catalog: Fixtures.catalog,
                                             configuration: text, file: "node.yaml", at: Fixtures.instant("2026-11-02T00:00:00Z"))

        #expect(first == .initialized && again == .alreadyInitialized)
        let entries = try AuditLog.entries(in: store)
        #expect(entries.count == 1)
        #expect(entries.first?.action == "node.init" && entries.first?.object == "unit:148" && entries.first?.actor == "node")
        #expect(entries.first?.detail == "7 đơn vị, 15 chỉ tiêu, cấu hình node.yaml")
        #expect(try store.value(of: .homeUnit) == "148")
        let edited = try ConfigurationAudit.note(text + "plans: c.csv\n", file: "node.yaml", store: store, at: Date())
        #expect(edited?.action == "config.change")
    }
}
