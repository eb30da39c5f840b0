import Foundation
import Testing
import BaoCaoZip

/// Bundles are written by ``MemoryZipWriter`` instead of ZIPFoundation: the container a
/// verifier, an older node or a person's unzip tool opens must not change by one byte.
@Suite("ZIP written in memory in one pass")
struct MemoryZipWriterTests {
    /// What ZIPFoundation (``ZipWriter``) writes for the same entries.
    static func zipFoundation(_ entries: [MemoryZipWriter.Entry]) throws -> Data {
        let writer = try ZipWriter()
        for entry in entries { try writer.add(entry.name, data: entry.data, compressed: entry.compressed) }
        return try #require(writer.data)
    }

    static let report = Data(String(repeating: "{\"CT001\":\"1.245,5\",\"ghiChu\":\"Xã Nhân Nghĩa\"}", count: 180).utf8)
    static let attachment = Data((0..<(300 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        + Data(String(repeating: "Biên bản họp ngày 22/11/2026 của Ủy ban nhân dân xã. ", count: 4000).utf8)

    @Test func bundleShapedEntries_areTheBytesZIPFoundationWrites() throws {
        let entries = [
            MemoryZipWriter.Entry(name: "manifest.json", data: Data("{\"kind\":\"report\"}".utf8), compressed: false),
            MemoryZipWriter.Entry(name: "manifest.p7s", data: Data((0..<1500).map { UInt8($0 % 251) }), compressed: false),
            MemoryZipWriter.Entry(name: "report.json", data: Self.report, compressed: false),
            MemoryZipWriter.Entry(name: "attachments/bien-ban.pdf", data: Self.attachment, compressed: true),
            MemoryZipWriter.Entry(name: "trống.txt", data: Data(), compressed: false),
            MemoryZipWriter.Entry(name: "trống-nén.txt", data: Data(), compressed: true),
        ]
        let ours = try MemoryZipWriter.archive(entries)
        let theirs = try Self.zipFoundation(entries)
        #expect(ours.count == theirs.count)
        #expect(ours == theirs, "first differing byte at \(zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
    }

    @Test func anArchiveWithNoEntry_isTheEmptyEndRecord() throws {
        #expect(try MemoryZipWriter.archive([]) == Self.zipFoundation([]))
    }

    /// Read back by the strict reader: every entry, its method, and its bytes.
    @Test func readsBack_entryByEntry() throws {
        let entries = [
            MemoryZipWriter.Entry(name: "report.json", data: Self.report, compressed: false),
            MemoryZipWriter.Entry(name: "attachments/bien-ban.pdf", data: Self.attachment, compressed: true),
        ]
        let data = try MemoryZipWriter.archive(entries)
        try data.withUnsafeBytes { bytes in
            let directory = try ZipDirectory(bytes: bytes, maximumEntries: 10)
            #expect(directory.entries.map(\.name) == ["report.json", "attachments/bien-ban.pdf"])
            #expect(directory.entries.map(\.method) == [0, 8])
            #expect(directory.entries[1].compressedSize < Self.attachment.count)
            for (entry, expected) in zip(directory.entries, entries) {
                #expect(try entry.contents(in: bytes) == expected.data)
            }
        }
    }
}
