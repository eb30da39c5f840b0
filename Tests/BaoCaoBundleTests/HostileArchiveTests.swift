import BaoCaoCore
import Foundation
import Testing
import ZIPFoundation
@testable import BaoCaoBundle

@Suite("Hostile archives")
struct HostileArchiveTests {
    /// Writes entries as given, without any of BaoCao's own checks.
    private func rawZip(_ entries: [(String, Data)], compression: CompressionMethod = .none) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    private func code(_ data: Data, limits: BundleLimits = .default) -> BundleError.Code? {
        do {
            _ = try BundleArchive(reading: data, limits: limits)
            return nil
        } catch let error as BundleError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "a/../../b", "attachments\\..\\x", "C:/x", "./report.json", "a//b"])
    func pathTraversal_isRefused(name: String) throws {
        let data = try rawZip([("manifest.json", Data("{}".utf8)), (name, Data("x".utf8))])
        #expect(code(data) == .unsafePath)
    }

    @Test func duplicateEntries_areRefused() throws {
        let data = try rawZip([("manifest.json", Data("{}".utf8)), ("report.json", Data("a".utf8)), ("report.json", Data("b".utf8))])
        #expect(code(data) == .duplicateEntry)
    }

    /// 200 MiB of zeros compress to a few hundred KiB; the declared size gives it away.
    @Test func zipBomb_byDeclaredSize_isRefused() throws {
        let zeros = Data(count: 80 << 20)
        let data = try rawZip([("manifest.json", Data("{}".utf8)), ("bomb.bin", zeros)], compression: .deflate)
        #expect(data.count < 1 << 20)
        #expect(code(data) == .tooLarge)
    }

    /// A zip whose headers declare 1 KiB but whose stream inflates to 4 MiB: caught as the bytes come.
    @Test func zipBomb_withLyingDeclaredSize_isRefused() throws {
        let zeros = Data(count: 4 << 20)
        var data = try rawZip([("bomb.bin", zeros)], compression: .deflate)
        // Patch the uncompressed size in the local header (offset 22) and the central directory entry (offset 24).
        func patch(signature: UInt32, offset: Int) {
            let bytes = withUnsafeBytes(of: signature.littleEndian, Array.init)
            var index = 0
            while index + 4 <= data.count {
                if Array(data[index..<index + 4]) == bytes {
                    let lie = withUnsafeBytes(of: UInt32(1024).littleEndian, Array.init)
                    data.replaceSubrange(index + offset..<index + offset + 4, with: lie)
                }
                index += 1
            }
        }
        patch(signature: 0x04034b50, offset: 22)
        patch(signature: 0x02014b50, offset: 24)
        let limits = BundleLimits(maximumCompressionRatio: 1_000_000)
        // The directory reads (it declares 1 KiB); inflating the entry catches the lie.
        let archive = try BundleArchive(reading: data, limits: limits)
        let refusal = #expect(throws: BundleError.self) { try archive.contents(of: "bomb.bin") }
        #expect(refusal?.code == .tooLarge)
        #expect(refusal?.message == "Gói tin vượt giới hạn cho phép: tệp bomb.bin giải nén ra nhiều hơn kích thước đã khai (nghi là bom nén).")
    }

    @Test func tooManyEntries_areRefused() throws {
        let entries = (0..<20).map { ("part\($0).json", Data("{}".utf8)) }
        let data = try rawZip(entries)
        #expect(code(data, limits: BundleLimits(maximumEntries: 10)) == .tooLarge)
    }

    @Test(arguments: [Data(), Data("PK\u{03}\u{04} truncated".utf8), Data("Đây không phải tệp ZIP".utf8)])
    func notAZip_isRefused(data: Data) {
        #expect(code(data) == .notABundle)
    }

    /// Overwrites bytes at `offset` from every header with `signature` (local 0x04034b50,
    /// central 0x02014b50).
    private func patch(_ data: inout Data, signature: UInt32, offset: Int, with bytes: [UInt8]) {
        let marker = withUnsafeBytes(of: signature.littleEndian, Array.init)
        var index = 0
        while index + 4 <= data.count {
            if Array(data[index..<index + 4]) == marker {
                data.replaceSubrange(index + offset..<index + offset + bytes.count, with: bytes)
            }
            index += 1
        }
    }

    private func refusal(_ data: Data) -> BundleError? {
        do {
            _ = try BundleArchive(reading: data)
            return nil
        } catch {
            return error as? BundleError
        }
    }

    /// Headers a ZIP tool may write but a bundle never holds are refused, each naming why.
    @Test func entryHeaders_outsideTheBundleFormat_areRefused() throws {
        let original = try rawZip([("report.json", Data("{\"a\":1}".utf8))])
        #expect(refusal(original) == nil)

        var renamed = original  // the local header names another file than the directory
        patch(&renamed, signature: 0x04034b50, offset: 30, with: Array("X".utf8))
        #expect(refusal(renamed)?.code == .notABundle)
        #expect(refusal(renamed)?.message == "Tệp không phải gói tin BaoCao hợp lệ: tên tệp report.json trong tiêu đề khác với thư mục trung tâm.")

        var bzip2 = original
        patch(&bzip2, signature: 0x04034b50, offset: 8, with: [12, 0])
        patch(&bzip2, signature: 0x02014b50, offset: 10, with: [12, 0])
        #expect(refusal(bzip2)?.code == .notABundle)
        #expect(refusal(bzip2)?.message == "Tệp không phải gói tin BaoCao hợp lệ: tệp report.json dùng phương thức nén 12 không được hỗ trợ.")

        var encrypted = original
        patch(&encrypted, signature: 0x02014b50, offset: 8, with: [1, 0])
        #expect(refusal(encrypted)?.code == .notABundle)
        #expect(refusal(encrypted)?.message == "Tệp không phải gói tin BaoCao hợp lệ: tệp report.json được mã hóa.")

        var symlink = original  // made on Unix, mode 0120777
        patch(&symlink, signature: 0x02014b50, offset: 5, with: [3])
        patch(&symlink, signature: 0x02014b50, offset: 38, with: withUnsafeBytes(of: (UInt32(0o120777) << 16).littleEndian, Array.init))
        #expect(refusal(symlink)?.code == .unsafePath)
        #expect(refusal(symlink)?.message == "Tên tệp \"report.json\" trong gói tin không an toàn: không phải tệp thường.")

        var truncated = original
        truncated.removeLast(10)
        #expect(refusal(truncated)?.code == .notABundle)
        #expect(refusal(truncated)?.message == "Tệp không phải gói tin BaoCao hợp lệ: không phải tệp ZIP hoặc tệp bị cắt cụt.")
    }

    /// A manifest that is not the expected schema is refused with what is wrong in it.
    @Test(arguments: [
        ("[]", BundleError.Code.invalidManifest, "Tệp manifest.json không hợp lệ: không phải một đối tượng JSON."),
        (#"{"formatVersion":2,"kind":"report","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[]}"#, .invalidManifest,
         "Tệp manifest.json không hợp lệ: phiên bản định dạng 2 không được hỗ trợ (phiên bản này đọc 1)."),
        (#"{"formatVersion":1,"kind":"virus","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[]}"#, .invalidManifest,
         "Tệp manifest.json không hợp lệ: loại gói tin \"virus\" không được biết."),
        (#"{"formatVersion":1,"kind":"report","sender":"a","recipient":"b","createdAt":"hôm qua","parts":[]}"#, .invalidManifest,
         "Tệp manifest.json không hợp lệ: thời điểm tạo (createdAt) không hợp lệ."),
        (#"{"formatVersion":1,"kind":"report","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[],"x":1}"#, .invalidManifest,
         "Tệp manifest.json không hợp lệ: trường lạ \"x\"."),
        (#"{"formatVersion":1,"kind":"report","sender":"a","sender":"c","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[]}"#, .invalidManifest,
         "Tệp manifest.json không hợp lệ: trường sender xuất hiện hai lần."),
        (#"{"formatVersion":1.0,"kind":"report","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[]}"#, .invalidManifest,
         "Tệp manifest.json không hợp lệ: trường formatVersion sai kiểu."),
        (#"{"formatVersion":1,"kind":"report","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[{"path":"a.json","size":"1"}]}"#,
         .invalidManifest, "Tệp manifest.json không hợp lệ: trường parts[0].size sai kiểu."),
        (#"{"formatVersion":1,"kind":"report","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z"}"#, .invalidManifest,
         "Tệp manifest.json không hợp lệ: thiếu trường parts."),
        (#"{"formatVersion":1,"kind":"report","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[]} x"#, .invalidManifest,
         "Tệp manifest.json không hợp lệ: không phải một đối tượng JSON."),
        (#"{"formatVersion":1,"kind":"report","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[{"path":"../a","size":1,"sha256":"00","mediaType":"a"}]}"#,
         .invalidManifest, "Tệp manifest.json không hợp lệ: phần thứ 1 có kích thước, mã băm SHA-256 hoặc kiểu không hợp lệ."),
        (#"{"formatVersion":1,"kind":"report","sender":"a","recipient":"b","createdAt":"2026-01-01T00:00:00Z","parts":[{"path":"../a","size":1,"sha256":"0000000000000000000000000000000000000000000000000000000000000000","mediaType":"a"}]}"#,
         .unsafePath, "Tên tệp \"../a\" trong gói tin không an toàn: có đoạn rỗng, \".\" hoặc \"..\"."),
    ])
    func badManifest_isRefused(json: String, code: BundleError.Code, message: String) {
        let error = #expect(throws: BundleError.self) { try Manifest(decoding: Data(json.utf8)) }
        #expect(error?.code == code)
        #expect(error?.message == message)
    }

    /// Escapes in a manifest decode to the text they stand for.
    @Test func manifestStrings_withEscapes_decode() throws {
        let json = #"{"about":{"ghi chú":"Xã \u0110\u1ea1i \"A\"\n\ud83d\ude00"},"createdAt":"2026-01-01T00:00:00Z","formatVersion":1,"kind":"report","parts":[],"recipient":"b","sender":"a"}"#
        let manifest = try Manifest(decoding: Data(json.utf8))
        #expect(manifest.about["ghi chú"] == "Xã Đại \"A\"\n😀")
        let again = try Manifest(decoding: manifest.encoded())
        #expect(again == manifest)
    }
}
