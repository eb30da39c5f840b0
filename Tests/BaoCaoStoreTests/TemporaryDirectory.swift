import Foundation
import GRDB
@testable import BaoCaoStore

/// A fresh directory per test, removed afterwards.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// A node's database file here as the build whose last migration was `migration` left
    /// it, holding what `seed` wrote; closed, for ``NodeStore/open(at:)`` to upgrade.
    func database(migratedUpTo migration: String, seed: (Database) throws -> Void) throws -> String {
        let path = file("baocao.sqlite")
        let queue = try DatabaseQueue(path: path)
        try NodeStore.migrator.migrate(queue, upTo: migration)
        try queue.write(seed)
        try queue.close()
        return path
    }
}
