import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// Private keys: created 0600 from the start (the test's umask would let others read
/// anything created wider), never overwritten.
@Suite("Private key files")
struct SecretFileTests {
    static func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func developmentPKI_keysOwnerOnly_foldersPrivate_noKeyOverwritten() throws {
        let previous = umask(0o022)
        umask(previous)
        try #require(previous & 0o044 == 0, "the test needs a umask that would let others read")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-pki-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let pki = TestPKI.ec.pki
        try pki.write(to: root.appendingPathComponent("pki"))

        let keys = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("pki").path).filter { $0.hasSuffix(".key") }
        #expect(keys.contains("root.key") && keys.contains("units/05290/signing.key") && keys.contains("units/05290/node.key"), "\(keys)")
        for key in keys { #expect(try Self.mode(root.appendingPathComponent("pki/\(key)")) == 0o600, "\(key)") }
        #expect(try Self.mode(root.appendingPathComponent("pki")) == 0o700)
        #expect(try Self.mode(root.appendingPathComponent("pki/units/05290")) == 0o700)

        // A key already there is kept, byte for byte.
        let existing = root.appendingPathComponent("pki/units/05290/signing.key")
        let before = try Data(contentsOf: existing)
        let refused = #expect(throws: BundleError.self) { try PKIFiles.writeSecret(Data("khóa khác".utf8), to: existing) }
        #expect(refused?.code == .keyFileExists)
        #expect(refused?.message == "Tệp \(existing.path) đã tồn tại; không ghi đè khóa bí mật. Hãy chọn tệp khác hoặc xóa tệp cũ.")
        #expect(try Data(contentsOf: existing) == before)
    }
}
