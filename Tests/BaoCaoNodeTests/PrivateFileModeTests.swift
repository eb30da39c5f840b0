import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import Testing

/// Files only the node can read: made in this test process, whose umask lets group and
/// others read, so each mode comes from the code that creates the file.
@Suite("Files only the node can read")
struct PrivateFileModeTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    /// Every folder 0700 and every file 0600 under `root`, by relative path.
    static func wrongModes(under root: URL) throws -> [String] {
        var wrong: [String] = []
        let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        for relative in paths.sorted() {
            var isDirectory: ObjCBool = false
            let path = root.appendingPathComponent(relative).path
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let mode = try mode(path)
            if mode != (isDirectory.boolValue ? 0o700 : 0o600) { wrong.append("\(relative) \(String(mode, radix: 8))") }
        }
        return wrong
    }

    @Test func database_walAndShm_bundles_andBackup_areTheOwners() throws {
        let previous = umask(0o022)
        umask(previous)
        try #require(previous & 0o044 == 0, "the test needs a umask that would let others read")

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-modes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data/05290")
        try DurableFile.createFolder(data)
        let store = try NodeStore.open(at: data.appendingPathComponent("baocao.sqlite").path)
        let topology = try Topology(units: [ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
                                            ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "17")])
        _ = try store.initialize(homeUnit: "05290", topology: topology, catalog: Catalog(), at: Date())
        let files = BundleFiles(dataDirectory: data.path)
        try files.write(Data("gói tin".utf8), id: String(repeating: "ab", count: 32))
        let backups = root.appendingPathComponent("sao-luu")
        try DurableFile.createFolder(backups)
        let backup = backups.appendingPathComponent("b.zip")
        let pki = try DevelopmentPKI.make(topology: topology, unitCodes: ["17", "05290"], keyKind: .ecP256, now: Date())
        try NodeBackup.write(store: store, files: files, unit: "05290", signedBy: pki.units["05290"]!.signing, to: backup, now: Date())

        let made = try FileManager.default.subpathsOfDirectory(atPath: data.path)
        #expect(Set(made).isSuperset(of: ["baocao.sqlite", "baocao.sqlite-wal", "baocao.sqlite-shm"]), "\(made)")
        #expect(made.contains("bundles/pack.sqlite"), "\(made)")
        #expect(try Self.wrongModes(under: root.appendingPathComponent("data")) == [])
        #expect(try Self.mode(root.appendingPathComponent("data").path) == 0o700)
        #expect(try Self.mode(backup.path) == 0o600)
        #expect(try Self.mode(backups.path) == 0o700)
        try store.close()

        // A restore lays the data down as privately.
        let restored = root.appendingPathComponent("khoi-phuc/05290")
        try DurableFile.createFolder(restored.deletingLastPathComponent())
        let signers = BackupSignerCheck(trust: try TrustStore(anchors: [pki.root.certificate]), registry: pki.registry, clockTolerance: 86_400)
        try NodeBackup.restore(from: backup, into: restored.path, expectedUnit: "05290", signers: signers, now: Date())
        #expect(try Self.mode(restored.path) == 0o700)
        #expect(try Self.wrongModes(under: restored) == [])
    }
}
