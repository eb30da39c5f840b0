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
    /// The unit that made and signed the bundle.
    public var sender: UnitCode
    /// The unit it is for, or every unit (`*` on the wire).
    public var recipient: BundleRecipient
    public var createdAt: Date
    public var parts: [Part]
    /// Short facts for routing and listing without opening the parts, e.g. `regime`, `period`.
    public var about: [String: String]

    public init(kind: BundleKind, sender: UnitCode, recipient: BundleRecipient, createdAt: Date, parts: [Part], about: [String: String] = [:]) {
        self.kind = kind
        self.sender = sender
        self.recipient = recipient
        self.createdAt = createdAt
        self.parts = parts
        self.about = about
    }
}

// MARK: - Strict decoding

extension Manifest {

    /// Reads a manifest, refusing anything that is not exactly the expected schema:
    /// unknown, repeated or missing fields, wrong types, an unknown kind, a bad hash or path.
    public init(decoding data: Data) throws {
        let fields = try data.withUnsafeBytes { bytes in
            var reader = StrictJSONReader(bytes)
            var fields = ManifestFields()
            do {
                try reader.readObject { reader, key in try fields.read(key, from: &reader) }
                try reader.finish()
            } catch StrictJSONReader.Failure.type where !fields.seen.isEmpty {
                throw BundleError.invalidManifest("trường \(fields.current) sai kiểu")
            } catch is StrictJSONReader.Failure {
                throw BundleError.invalidManifest("không phải một đối tượng JSON")
            }
            return fields
        }
        for field in ManifestFields.Field.allCases where field != .about && !fields.seen.contains(field) {
            throw BundleError.invalidManifest("thiếu trường \(field.rawValue)")
        }
        guard fields.formatVersion == Self.formatVersion else {
            throw BundleError.invalidManifest("phiên bản định dạng \(fields.formatVersion) không được hỗ trợ (phiên bản này đọc \(Self.formatVersion))")
        }
        guard let kind = BundleKind(rawValue: fields.kind) else {
            throw BundleError.invalidManifest("loại gói tin \"\(fields.kind.prefix(40))\" không được biết")
        }
        guard !fields.sender.isEmpty else { throw BundleError.invalidManifest("thiếu đơn vị gửi (sender)") }
        guard !fields.recipient.isEmpty else { throw BundleError.invalidManifest("thiếu đơn vị nhận (recipient)") }
        guard let sender = try? UnitCode(parsing: fields.sender) else {
            throw BundleError.invalidManifest("đơn vị gửi (sender) \"\(fields.sender.prefix(40))\" không phải mã đơn vị")
        }
        guard let recipient = try? BundleRecipient(parsing: fields.recipient) else {
            throw BundleError.invalidManifest("đơn vị nhận (recipient) \"\(fields.recipient.prefix(40))\" không phải mã đơn vị hay *")
        }
        // Before 1970 is no bundle's time, and before the Gregorian reform (1582) the
        // timestamp would not write back as read (``formatTime(_:)`` follows Foundation's
        // Julian calendar there): refused, so that a manifest always re-encodes as it reads.
        guard let createdAt = UTCTimestamp.parse(fields.createdAt), createdAt.timeIntervalSince1970 >= 0 else {
            throw BundleError.invalidManifest("thời điểm tạo (createdAt) không hợp lệ")
        }
        for (index, part) in fields.parts.enumerated() {
            guard part.size >= 0, SHA256Digest.isHex(part.sha256), !part.mediaType.isEmpty else {
                throw BundleError.invalidManifest("phần thứ \(index + 1) có kích thước, mã băm SHA-256 hoặc kiểu không hợp lệ")
            }
            try PartPath.check(part.path)
        }
        self.init(kind: kind, sender: sender, recipient: recipient, createdAt: createdAt,
                  parts: fields.parts, about: fields.about)
    }
}

private protocol FieldName {
    var bit: Int { get }
}

/// The fields of a manifest as read, before their values are checked.
private struct ManifestFields {
    enum Field: String, CaseIterable, FieldName {
        case formatVersion, kind, sender, recipient, createdAt, parts, about
        var bit: Int {
            switch self {
            case .formatVersion: 1
            case .kind: 2
            case .sender: 4
            case .recipient: 8
            case .createdAt: 16
            case .parts: 32
            case .about: 64
            }
        }
    }

    enum PartField: String, CaseIterable, FieldName {
        case path, size, sha256, mediaType
        var bit: Int {
            switch self {
            case .path: 1
            case .size: 2
            case .sha256: 4
            case .mediaType: 8
            }
        }
    }

    /// Which fields have been read, one bit each.
    struct Seen<Name: FieldName> {
        private var bits = 0
        var isEmpty: Bool { bits == 0 }
        func contains(_ name: Name) -> Bool { bits & name.bit != 0 }
        /// False if it was there already.
        mutating func insert(_ name: Name) -> Bool {
            defer { bits |= name.bit }
            return !contains(name)
        }
    }

    var seen = Seen<Field>()
    var formatVersion = 0
    var kind = ""
    var sender = ""
    var recipient = ""
    var createdAt = ""
    var parts: [Manifest.Part] = []
    var about: [String: String] = [:]
    /// Where reading is, for messages: a top-level key, then a part's index and key.
    private var key = ""
    private var partIndex: Int?
    private var partKey = ""

    var current: String {
        guard let partIndex else { return key == "about" && !partKey.isEmpty ? "about.\(partKey.prefix(40))" : key }
        return partKey.isEmpty ? "parts[\(partIndex)]" : "parts[\(partIndex)].\(partKey.prefix(40))"
    }

    mutating func read(_ name: String, from reader: inout StrictJSONReader) throws {
        guard let field = Field(rawValue: name) else { throw BundleError.invalidManifest("trường lạ \"\(name.prefix(40))\"") }
        guard seen.insert(field) else { throw BundleError.invalidManifest("trường \(name) xuất hiện hai lần") }
        key = name
        partIndex = nil
        partKey = ""
        switch field {
        case .formatVersion: formatVersion = try reader.readInteger()
        case .kind: kind = try reader.readString()
        case .sender: sender = try reader.readString()
        case .recipient: recipient = try reader.readString()
        case .createdAt: createdAt = try reader.readString()
        case .about:
            if try reader.readNullIfPresent() { return }
            try reader.readObject { reader, name in
                partKey = name
                guard about.updateValue(try reader.readString(), forKey: name) == nil else {
                    throw BundleError.invalidManifest("trường about.\(name.prefix(40)) xuất hiện hai lần")
                }
            }
        case .parts:
            try reader.readArray { reader, index in
                partIndex = index
                partKey = ""
                parts.append(try readPart(from: &reader))
            }
        }
    }

    private mutating func readPart(from reader: inout StrictJSONReader) throws -> Manifest.Part {
        var seen = Seen<PartField>()
        var part = Manifest.Part(path: "", size: -1, sha256: "", mediaType: "")
        try reader.readObject { reader, name in
            guard let field = PartField(rawValue: name) else {
                throw BundleError.invalidManifest("một phần có trường lạ \"\(name.prefix(40))\"")
            }
            partKey = name
            guard seen.insert(field) else { throw BundleError.invalidManifest("trường \(current) xuất hiện hai lần") }
            switch field {
            case .path: part.path = try reader.readString()
            case .size: part.size = try reader.readInteger()
            case .sha256: part.sha256 = try reader.readString()
            case .mediaType: part.mediaType = try reader.readString()
            }
        }
        for field in PartField.allCases where !seen.contains(field) {
            throw BundleError.invalidManifest("thiếu trường parts[\(partIndex ?? 0)].\(field.rawValue)")
        }
        return part
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
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        return date(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The instant of a civil date and time in UTC, or nothing if it does not exist.
    static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second),
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
        if let reason = problem(in: path) { throw BundleError.unsafePath(path, reason: reason) }
    }

    /// What is wrong with `path`, in one pass over its bytes.
    private static func problem(in path: String) -> String? {
        let bytes = path.utf8
        guard !bytes.isEmpty, bytes.count <= 200 else { return "độ dài không hợp lệ" }
        if path == Manifest.fileName || path == Manifest.signatureFileName { return "trùng tên tệp của manifest" }
        if bytes.first == UInt8(ascii: "/") { return "đường dẫn tuyệt đối hoặc có ký tự cấm" }
        var segment = 0  // bytes of the current segment
        var dots = 0     // how many of them are dots
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "/"):
                if segment == 0 || segment == dots && dots <= 2 { return "có đoạn rỗng, \".\" hoặc \"..\"" }
                segment = 0
                dots = 0
            case UInt8(ascii: "\\"), UInt8(ascii: ":"):
                return "đường dẫn tuyệt đối hoặc có ký tự cấm"
            case UInt8(ascii: "."):
                segment += 1
                dots += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"):
                segment += 1
            default:
                return "chỉ được dùng chữ, số, \".\", \"_\", \"-\" và \"/\""
            }
        }
        if segment == 0 || segment == dots && dots <= 2 { return "có đoạn rỗng, \".\" hoặc \"..\"" }
        return nil
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
