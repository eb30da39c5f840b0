import BaoCaoStore
import Foundation
import Testing

@Suite("Bundle files: written once, described truly")
struct BundleFilesTests {
    /// A receipt made twice under one id (two ingests of one bundle in the same second sign
    /// the same manifest twice, with different ECDSA bytes) keeps the first file, and the
    /// second writer learns the bytes that are there, so the row it writes describes them.
    @Test func secondWriterOfAnId_keepsTheFirstBytes_andIsToldThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = BundleFiles(directory: folder)
        let id = String(repeating: "ab", count: 32)
        let first = Data("chu ky thu nhat".utf8), second = Data("chu ky thu hai, dai hon".utf8)

        #expect(try files.writeKeepingExisting(first, id: id) == first)
        #expect(try files.writeKeepingExisting(second, id: id) == first)
        #expect(try files.read(id) == first)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: files.url(for: id).deletingLastPathComponent().path)
        #expect(leftovers == ["\(id).bcb"], "no temporary file is left behind")
    }

    /// Many writers at once: exactly one set of bytes ends up in the file, and every writer
    /// is told those bytes.
    @Test func concurrentWriters_allAgreeOnTheBytesOnDisk() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = BundleFiles(directory: folder)
        let id = String(repeating: "cd", count: 32)
        let told = try await withThrowingTaskGroup(of: Data.self) { group in
            for writer in 0..<16 {
                group.addTask { try files.writeKeepingExisting(Data("nguoi ghi \(writer)".utf8), id: id, flush: false) }
            }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        let onDisk = try files.read(id)
        #expect(told.count == 16 && told.allSatisfy { $0 == onDisk })
    }
}
