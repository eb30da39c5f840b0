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

    static func formatTime(_ date: Date) -> String {
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
        // Key sets first (JSONDecoder ignores unknown keys), then types with JSONDecoder,
        // which refuses `1.5` or `true` where an integer is expected.
        guard let object = try? JSONSerialization.jsonObject(with: data), let top = object as? [String: Any] else {
            throw BundleError.invalidManifest("không phải một đối tượng JSON")
        }
        if let unknown = Set(top.keys).subtracting(Self.topLevelKeys).sorted().first {
            throw BundleError.invalidManifest("trường lạ \"\(unknown)\"")
        }
        for (index, raw) in ((top["parts"] as? [Any]) ?? []).enumerated() {
            guard let part = raw as? [String: Any] else { throw BundleError.invalidManifest("phần thứ \(index + 1) không phải đối tượng") }
            if let unknown = Set(part.keys).subtracting(Self.partKeys).sorted().first {
                throw BundleError.invalidManifest("phần thứ \(index + 1) có trường lạ \"\(unknown)\"")
            }
        }
        let wire: LooseWire
        do {
            wire = try JSONDecoder().decode(LooseWire.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw BundleError.invalidManifest("thiếu trường \(key.stringValue)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            throw BundleError.invalidManifest("trường \(path) sai kiểu")
        } catch {
            throw BundleError.invalidManifest("không đọc được")
        }
        guard wire.formatVersion == Self.formatVersion else {
            throw BundleError.invalidManifest("phiên bản định dạng \(wire.formatVersion) không được hỗ trợ (phiên bản này đọc \(Self.formatVersion))")
        }
        guard let kind = BundleKind(rawValue: wire.kind) else { throw BundleError.invalidManifest("loại gói tin \"\(wire.kind)\" không được biết") }
        guard !wire.sender.isEmpty else { throw BundleError.invalidManifest("thiếu đơn vị gửi (sender)") }
        guard !wire.recipient.isEmpty else { throw BundleError.invalidManifest("thiếu đơn vị nhận (recipient)") }
        guard let createdAt = try? Date(wire.createdAt, strategy: .iso8601) else {
            throw BundleError.invalidManifest("thời điểm tạo (createdAt) không hợp lệ")
        }
        for (index, part) in wire.parts.enumerated() {
            guard part.size >= 0, SHA256Digest.isHex(part.sha256), !part.mediaType.isEmpty else {
                throw BundleError.invalidManifest("phần thứ \(index + 1) có kích thước, mã băm SHA-256 hoặc kiểu không hợp lệ")
            }
            try PartPath.check(part.path)
        }
        self.init(kind: kind, sender: wire.sender, recipient: wire.recipient, createdAt: createdAt, parts: wire.parts, about: wire.about ?? [:])
    }

    private struct LooseWire: Decodable {
        var formatVersion: Int
        var kind: String
        var sender: String
        var recipient: String
        var createdAt: String
        var parts: [Part]
        var about: [String: String]?
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

extension BundleError.Code {
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
