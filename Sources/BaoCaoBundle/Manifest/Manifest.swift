import BaoCaoCore
import Foundation

/// `manifest.json`: what a bundle is, who sent it to whom, and every part it holds,
/// each with its size and SHA-256. The signature covers exactly its bytes, and the
/// bundle id is the SHA-256 of those bytes.
public struct Manifest: Sendable, Hashable {
    /// One file of the bundle besides the manifest and its signature.
    public struct Part: Sendable, Hashable, Codable {
        public var path: String
        public var size: Int
        public var sha256: String
        public var mediaType: String

        public init(path: String, size: Int, sha256: String, mediaType: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
            self.mediaType = mediaType
        }
    }

    /// The only format this build reads and writes.
    public static let formatVersion = 1
    public static let fileName = "manifest.json"
    public static let signatureFileName = "manifest.p7s"

    public var kind: BundleKind
    public var sender: String
    public var recipient: String
    public var createdAt: Date
    public var parts: [Part]
    /// Short facts for routing and listing without opening the parts, e.g. `regime`, `period`.
    public var about: [String: String]

    public init(kind: BundleKind, sender: String, recipient: String, createdAt: Date, parts: [Part], about: [String: String] = [:]) {
        self.kind = kind
        self.sender = sender
        self.recipient = recipient
        self.createdAt = createdAt
        self.parts = parts
        self.about = about
    }
}

// MARK: - Encoding

extension Manifest {
    private struct Wire: Codable {
        var formatVersion: Int
        var kind: BundleKind
        var sender: String
        var recipient: String
        var createdAt: String
        var parts: [Part]
        var about: [String: String]?
    }

    /// The manifest's bytes: JSON with sorted keys and no white space, so that the same
    /// manifest always has the same id.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let wire = Wire(formatVersion: Self.formatVersion, kind: kind, sender: sender, recipient: recipient,
                        createdAt: Self.formatTime(createdAt), parts: parts, about: about.isEmpty ? nil : about)
        return try encoder.encode(wire)
    }

    /// `2026-11-22T01:35:50Z`: the one timestamp form bundles use.
    public static func formatTime(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt))
    }
}

// MARK: - Strict decoding

extension Manifest {
    private static let topLevelKeys: Set<String> = ["formatVersion", "kind", "sender", "recipient", "createdAt", "parts", "about"]
    private static let partKeys: Set<String> = ["path", "size", "sha256", "mediaType"]

    /// Reads a manifest, refusing anything that is not exactly the expected schema:
    /// unknown or missing fields, wrong types, an unknown kind, a bad hash or path.
    public init(decoding data: Data) throws {
        let wire: StrictWire
        do {
            wire = try JSONDecoder().decode(StrictWire.self, from: data)
        } catch let error as BundleError {
            throw error
        } catch let DecodingError.keyNotFound(key, _) {
            throw BundleError.invalidManifest("thiếu trường \(key.stringValue)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            throw BundleError.invalidManifest(path.isEmpty ? "không phải một đối tượng JSON" : "trường \(path) sai kiểu")
        } catch {
            throw BundleError.invalidManifest("không phải một đối tượng JSON")
        }
        guard wire.formatVersion == Self.formatVersion else {
            throw BundleError.invalidManifest("phiên bản định dạng \(wire.formatVersion) không được hỗ trợ (phiên bản này đọc \(Self.formatVersion))")
        }
        guard let kind = BundleKind(rawValue: wire.kind) else { throw BundleError.invalidManifest("loại gói tin \"\(wire.kind)\" không được biết") }
        guard !wire.sender.isEmpty else { throw BundleError.invalidManifest("thiếu đơn vị gửi (sender)") }
        guard !wire.recipient.isEmpty else { throw BundleError.invalidManifest("thiếu đơn vị nhận (recipient)") }
        guard let createdAt = UTCTimestamp.parse(wire.createdAt) else {
            throw BundleError.invalidManifest("thời điểm tạo (createdAt) không hợp lệ")
        }
        for (index, part) in wire.parts.enumerated() {
            guard part.size >= 0, SHA256Digest.isHex(part.sha256), !part.mediaType.isEmpty else {
                throw BundleError.invalidManifest("phần thứ \(index + 1) có kích thước, mã băm SHA-256 hoặc kiểu không hợp lệ")
            }
            try PartPath.check(part.path)
        }
        self.init(kind: kind, sender: wire.sender, recipient: wire.recipient, createdAt: createdAt,
                  parts: wire.parts.map { Part(path: $0.path, size: $0.size, sha256: $0.sha256, mediaType: $0.mediaType) },
                  about: wire.about ?? [:])
    }

    /// The manifest as decoded, refusing keys the schema does not have. JSONDecoder
    /// refuses `1.5` or `true` where an integer is expected.
    private struct StrictWire: Decodable {
        var formatVersion: Int
        var kind: String
        var sender: String
        var recipient: String
        var createdAt: String
        var parts: [StrictPart]
        var about: [String: String]?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case formatVersion, kind, sender, recipient, createdAt, parts, about
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            if let unknown = container.allKeys.first(where: { CodingKeys(rawValue: $0.stringValue) == nil }) {
                throw BundleError.invalidManifest("trường lạ \"\(unknown.stringValue)\"")
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            formatVersion = try c.decode(Int.self, forKey: .formatVersion)
            kind = try c.decode(String.self, forKey: .kind)
            sender = try c.decode(String.self, forKey: .sender)
            recipient = try c.decode(String.self, forKey: .recipient)
            createdAt = try c.decode(String.self, forKey: .createdAt)
            parts = try c.decode([StrictPart].self, forKey: .parts)
            about = try c.decodeIfPresent([String: String].self, forKey: .about)
        }
    }

    private struct StrictPart: Decodable {
        var path: String
        var size: Int
        var sha256: String
        var mediaType: String

        private enum CodingKeys: String, CodingKey { case path, size, sha256, mediaType }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            if let unknown = container.allKeys.first(where: { CodingKeys(rawValue: $0.stringValue) == nil }) {
                throw BundleError.invalidManifest("một phần có trường lạ \"\(unknown.stringValue)\"")
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            path = try c.decode(String.self, forKey: .path)
            size = try c.decode(Int.self, forKey: .size)
            sha256 = try c.decode(String.self, forKey: .sha256)
            mediaType = try c.decode(String.self, forKey: .mediaType)
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// `2026-11-22T01:35:50Z`, exactly: the one timestamp form manifests use.
enum UTCTimestamp {
    static func format(_ date: Date) -> String {
        Manifest.formatTime(date)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` and nothing else.
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (48...57).contains(b[index]) else { return nil }
                value = value * 10 + Int(b[index] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60,
              let date = try? CivilDate(year: year, month: month, day: day)
        else { return nil }
        let days = date.julianDayNumber - 2_440_588
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }
}

/// The rules for a part's path inside a bundle: relative, no `..`, no empty or hidden
/// segments, no back-slashes, and never one of the manifest's own names.
public enum PartPath {
    public static func check(_ path: String) throws {
        let reason: String?
        if path.isEmpty || path.utf8.count > 200 {
            reason = "độ dài không hợp lệ"
        } else if path.hasPrefix("/") || path.contains("\\") || path.contains(":") {
            reason = "đường dẫn tuyệt đối hoặc có ký tự cấm"
        } else if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            reason = "có đoạn rỗng, \".\" hoặc \"..\""
        } else if path == Manifest.fileName || path == Manifest.signatureFileName {
            reason = "trùng tên tệp của manifest"
        } else if !path.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-/".unicodeScalars.contains($0)) }) {
            reason = "chỉ được dùng chữ, số, \".\", \"_\", \"-\" và \"/\""
        } else {
            reason = nil
        }
        if let reason { throw BundleError.unsafePath(path, reason: reason) }
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let invalidManifest = Self("invalidManifest")
    public static let unsafePath = Self("unsafePath")
}

extension BundleError {
    static func invalidManifest(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.invalidManifest, message: "Tệp manifest.json không hợp lệ: \(reason).", log: "invalid manifest: \(reason)", file: file, line: line)
    }

    static func unsafePath(_ path: String, reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        let shown = String(path.prefix(80))
        return BundleError(.unsafePath, message: "Tên tệp \"\(shown)\" trong gói tin không an toàn: \(reason).",
                           log: "unsafe entry path \(shown.debugDescription): \(reason)", file: file, line: line)
    }
}
