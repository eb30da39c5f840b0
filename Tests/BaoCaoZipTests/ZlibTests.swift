import Foundation
import Testing
import BaoCaoZip

@Suite("zlib streams")
struct ZlibTests {
    @Test func roundTrip_restoresTheBytes() throws {
        let text = Data(String(repeating: "Xã Nhân Nghĩa 1.245,5; ", count: 5000).utf8)
        let compressed = Zlib.compress(text)
        #expect(compressed.count < text.count / 10)
        #expect(try Zlib.decompress(compressed, limit: text.count) == text)
        #expect(try Zlib.decompress(Zlib.compress(Data()), limit: 0) == Data())
    }

    /// A small stream that inflates beyond the limit stops there, without inflating it all.
    @Test func bomb_isRefusedAtTheLimit() {
        let bomb = Zlib.compress(Data(count: 64 << 20))
        #expect(bomb.count < 100 << 10)
        #expect(throws: Zlib.Failure.tooLarge) { try Zlib.decompress(bomb, limit: 1 << 20) }
    }

    @Test func damagedOrTruncatedStreams_areRefused() {
        let compressed = Zlib.compress(Data(String(repeating: "báo cáo ", count: 1000).utf8))
        #expect(throws: Zlib.Failure.corrupt) { try Zlib.decompress(compressed.prefix(compressed.count / 2), limit: 1 << 20) }
        var flipped = compressed
        flipped[flipped.startIndex + 5] ^= 0xFF
        #expect(throws: Zlib.Failure.corrupt) { try Zlib.decompress(flipped, limit: 1 << 20) }
        #expect(throws: Zlib.Failure.corrupt) { try Zlib.decompress(compressed + Data("thừa".utf8), limit: 1 << 20) }
        #expect(throws: Zlib.Failure.corrupt) { try Zlib.decompress(Data("không phải zlib".utf8), limit: 1 << 20) }
    }
}
