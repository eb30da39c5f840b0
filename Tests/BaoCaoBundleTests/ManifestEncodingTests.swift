import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// `manifest.json` is written directly instead of through `JSONEncoder`: the bytes are
/// what the signature covers and the bundle id hashes, so they must be the very bytes the
/// encoder wrote for every manifest so far.
@Suite("Manifest bytes as JSONEncoder writes them")
struct ManifestEncodingTests {
    /// The manifest's fields as they were encoded before: a Codable mirror, through
    /// Foundation's `JSONEncoder` with sorted keys and unescaped slashes.
    struct Reference: Encodable {
        var formatVersion: Int
        var kind: String
        var sender: String
        var recipient: String
        var createdAt: String
        var parts: [Manifest.Part]
        var about: [String: String]?

        static func bytes(_ manifest: Manifest) throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(Reference(
                formatVersion: Manifest.formatVersion, kind: manifest.kind.rawValue, sender: manifest.sender.rawValue,
                recipient: manifest.recipient.description,
                createdAt: manifest.createdAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt)),
                parts: manifest.parts, about: manifest.about.isEmpty ? nil : manifest.about))
        }
    }

    static func part(_ path: String, _ size: Int, mediaType: String = "application/json") -> Manifest.Part {
        Manifest.Part(path: path, size: size, sha256: SHA256Digest.hex(of: Data(path.utf8)), mediaType: mediaType)
    }

    static let manifests: [Manifest] = [
        Manifest(kind: .report, sender: "05290", recipient: "157", createdAt: TestPKI.now, parts: [part("report.json", 7_123)],
                 about: ["regime": "KTXH-THANG", "period": "2026-10", "auditHead": String(repeating: "ab", count: 32)]),
        Manifest(kind: .release, sender: "17", recipient: .everyone, createdAt: TestPKI.now.addingTimeInterval(0.999), parts: [
            part("release.json", 0), part("topology/units.csv", 1_234_567, mediaType: "text/csv; charset=utf-8"),
            part("attachments/Quyet-dinh_12.pdf", 99, mediaType: "application/pdf"),
        ]),
        Manifest(kind: .receipt, sender: "157", recipient: "05290", createdAt: Date(timeIntervalSince1970: 0), parts: []),
        // Keys that sort differently by bytes, case-insensitively or numerically; values
        // with every character JSON escapes, a slash, a DEL, Vietnamese and an emoji.
        Manifest(kind: .notice, sender: "17", recipient: "148", createdAt: Date(timeIntervalSince1970: 4_102_444_799.5), parts: [part("notice.json", 12)],
                 about: ["a10": "mười", "a2": "hai", "B": "hoa", "a": "thường", "_": "gạch", "Ä": "umlaut", "z": "cuối", "Z": "HOA",
                         "điều": "khoản 3/2026", "quote\"back\\slash": "\"\\/", "controls": "\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}",
                         "tab\tkey": "🇻🇳 Hòa Bình", "": "khóa rỗng"]),
    ]

    @Test(arguments: manifests.indices)
    func encoded_isWhatJSONEncoderWrote(_ index: Int) throws {
        let manifest = Self.manifests[index]
        let ours = try manifest.encoded()
        let reference = try Reference.bytes(manifest)
        #expect(ours == reference, "\(String(decoding: ours, as: UTF8.self))\n\(String(decoding: reference, as: UTF8.self))")
    }

    /// And it reads back as the same manifest.
    @Test func encoded_readsBack() throws {
        for manifest in Self.manifests.prefix(3) {
            var expected = manifest
            expected.createdAt = Date(timeIntervalSince1970: manifest.createdAt.timeIntervalSince1970.rounded(.down))
            #expect(try Manifest(decoding: manifest.encoded()) == expected)
        }
    }

    /// The timestamp, written from the count of seconds, is Foundation's ISO 8601 form for
    /// instants across the years a bundle can carry (fractions dropped, leap days, the
    /// turn of centuries), and the style's own before 1970.
    @Test func formatTime_isTheISO8601Style() {
        var generator = SystemRandomNumberGenerator()
        var instants: [Double] = [0, 0.5, 59.999, 951_782_400, 951_868_799, 4_102_444_800, 253_402_300_799.9, -1, -86_400.5, -12_219_292_800]
        for _ in 0..<2_000 { instants.append(Double.random(in: 0..<253_402_300_800, using: &generator)) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let expected = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt))
            #expect(Manifest.formatTime(date) == expected, "\(seconds)")
        }
    }
}
