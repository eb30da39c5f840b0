import BaoCaoCore
import BaoCaoStore
import Foundation
import Testing

@Suite("Bundle bytes: written once, described truly, read from the pack or an older file")
struct BundleFilesTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("bundle-files-\(UUID().uuidString)")
    }

    /// A receipt made twice under one id (two ingests of one bundle in the same second sign
    /// the same manifest twice, with different ECDSA bytes) keeps the first bytes, and the
    /// second writer learns the bytes that are there, so the row it writes describes them.
    @Test func secondWriterOfAnId_keepsTheFirstBytes_andIsToldThem() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = BundleFiles(directory: folder)
        let id = String(repeating: "ab", count: 32)
        let first = Data("chu ky thu nhat".utf8), second = Data("chu ky thu hai, dai hon".utf8)

        #expect(try files.writeKeepingExisting(first, id: id) == first)
        #expect(try files.writeKeepingExisting(second, id: id) == first)
        #expect(try files.read(id) == first)
        let made = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(made).isSubset(of: ["pack.sqlite", "pack.sqlite-wal", "pack.sqlite-shm"]), "one pack, no file per bundle: \(made)")
    }

    /// Many writers at once: exactly one set of bytes is kept, and every writer is told
    /// those bytes.
    @Test func concurrentWriters_allAgreeOnTheBytesKept() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = BundleFiles(directory: folder)
        let id = String(repeating: "cd", count: 32)
        let told = try await withThrowingTaskGroup(of: Data.self) { group in
            for writer in 0..<16 {
                group.addTask { try files.writeKeepingExisting(Data("nguoi ghi \(writer)".utf8), id: id, flush: false) }
            }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        let kept = try files.read(id)
        #expect(told.count == 16 && told.allSatisfy { $0 == kept })
    }

    /// A batch written without flushing, then flushed once, is read back by another
    /// opening of the same folder (another process, or the node after a restart).
    @Test func aFlushedBatch_isReadByTheNextOpening() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ids = (0..<50).map { String(format: "%064x", $0 * 7919) }
        do {
            let files = BundleFiles(directory: folder)
            for (index, id) in ids.enumerated() { try files.write(Data("gói tin \(index)".utf8), id: id, flush: false) }
            try files.flush(ids)
        }
        let reopened = BundleFiles(directory: folder)
        for (index, id) in ids.enumerated() {
            #expect(try reopened.read(id) == Data("gói tin \(index)".utf8))
        }
        #expect(!reopened.contains(String(repeating: "f", count: 64)))
    }

    /// A flush that names a bundle never written fails with the bundle's id, so that no row
    /// is committed for bytes that are not stored.
    @Test func flushNamingABundleNotWritten_fails() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = BundleFiles(directory: folder)
        let written = String(repeating: "12", count: 32), missing = String(repeating: "34", count: 32)
        try files.write(Data("có".utf8), id: written, flush: false)
        try files.flush([written])
        let error = #expect(throws: StoreError.self) { try files.flush([written, missing]) }
        #expect(error?.message.contains("Thiếu tệp của gói tin 343434343434") == true, "\(String(describing: error))")
        #expect(throws: StoreError.self) { try files.read(missing) }
    }

    /// A node that stored its bundles one file each, before the pack, still reads them,
    /// and a bundle made again under such an id keeps the file's bytes.
    @Test func bundlesStoredAsFilesBeforeThePack_areStillRead() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = String(repeating: "ef", count: 32)
        let old = Data("gói tin lưu từ trước".utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("ef"), withIntermediateDirectories: true)
        try old.write(to: folder.appendingPathComponent("ef/\(id).bcb"))
        let files = BundleFiles(directory: folder)

        #expect(files.contains(id))
        #expect(try files.read(id) == old)
        #expect(try files.writeKeepingExisting(Data("ký lại".utf8), id: id) == old)
        try files.flush([id])
    }

    /// Bundles stored one file each move into the pack: each is read back from it, the
    /// files and their folders are gone, other files are left alone, and a second move has
    /// nothing to do.
    @Test func looseFiles_moveIntoThePack_once() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ids = (1...30).map { String(format: "%064x", $0 * 104_729) }
        for id in ids {
            let sub = folder.appendingPathComponent(String(id.prefix(2)))
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try Data("tệp \(id)".utf8).write(to: sub.appendingPathComponent(id + ".bcb"))
        }
        try Data("ghi chú".utf8).write(to: folder.appendingPathComponent("ghi-chu.txt"))
        let files = BundleFiles(directory: folder)

        #expect(try files.packLooseFiles() == 30)
        for id in ids { #expect(try files.read(id) == Data("tệp \(id)".utf8)) }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix("pack.sqlite") }
        #expect(left == ["ghi-chu.txt"], "\(left)")
        #expect(try files.packLooseFiles() == 0)
    }

    /// A pack that is not a database (a damaged disk, a stray file) is refused with a
    /// message, and the bytes are not lost in silence: nothing is read or written.
    @Test func aPackThatIsNotADatabase_isRefusedInWords() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: folder.appendingPathComponent("pack.sqlite"))
        let files = BundleFiles(directory: folder)
        let error = #expect(throws: StoreError.self) { try files.write(Data("mới".utf8), id: String(repeating: "77", count: 32)) }
        #expect(error?.message.isEmpty == false)
        #expect(try Data(contentsOf: folder.appendingPathComponent("pack.sqlite")) == garbage, "the file is left as it was")
    }
}
