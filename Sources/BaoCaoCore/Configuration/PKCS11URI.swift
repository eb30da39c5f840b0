import Foundation

/// Where a key or certificate is on a PKCS#11 token (a USB signing token, a smart card, an
/// HSM), as an RFC 7512 URI: `pkcs11:token=Lãnh đạo;object=ky-so;id=%01?module-path=/usr/lib/…`.
///
/// Only what BaoCao can honour is accepted: the token by `token`, `manufacturer`, `serial`
/// and `model`; the object by `object` (its label), `id` (its bytes) and `type`; and the
/// `module-path` query attribute. A PIN is never part of a URI: `pin-value` and
/// `pin-source` are refused (the PIN comes from the environment variable the configuration
/// names, or is asked for on the terminal).
public struct PKCS11URI: Sendable, Hashable, CustomStringConvertible {
    /// The token's label (`token=`), as shown by `pkcs11-tool --list-slots`.
    public var token: String?
    public var manufacturer: String?
    /// The token's serial number (`serial=`).
    public var serial: String?
    public var model: String?
    /// The object's label (`object=`).
    public var object: String?
    /// The object's CKA_ID (`id=`), raw bytes.
    public var id: [UInt8]?
    /// The object's class (`type=`): `private`, `cert`, `public`, `secret-key` or `data`.
    public var type: String?
    /// The PKCS#11 module (a shared library) to load, from the `module-path` query attribute.
    public var modulePath: String?

    public init(token: String? = nil, manufacturer: String? = nil, serial: String? = nil, model: String? = nil,
                object: String? = nil, id: [UInt8]? = nil, type: String? = nil, modulePath: String? = nil) {
        self.token = token
        self.manufacturer = manufacturer
        self.serial = serial
        self.model = model
        self.object = object
        self.id = id
        self.type = type
        self.modulePath = modulePath
    }

    private static let objectTypes: Set<String> = ["private", "cert", "public", "secret-key", "data"]

    /// Reads a URI, percent-decoding each value; refuses anything else than RFC 7512's
    /// syntax, an attribute given twice, one BaoCao cannot honour, and any PIN.
    public init(_ text: String) throws(CoreError) {
        guard text.count <= 4096 else { throw Self.invalid("dài quá 4096 ký tự") }
        guard text.lowercased().hasPrefix("pkcs11:") else { throw Self.invalid("phải bắt đầu bằng \"pkcs11:\"") }
        let body = text.dropFirst("pkcs11:".count)
        let (pathPart, queryPart) = body.firstIndex(of: "?").map { (body[..<$0], body[body.index(after: $0)...]) } ?? (body, nil)
        var seen = Set<String>()
        func pairs(_ part: Substring, separator: Character) throws(CoreError) -> [(String, String)] {
            var result: [(String, String)] = []
            for attribute in part.split(separator: separator, omittingEmptySubsequences: false) {
                guard !attribute.isEmpty else {
                    if part.isEmpty { break }
                    throw Self.invalid("có một thuộc tính rỗng (hai dấu \"\(separator)\" liền nhau)")
                }
                guard let equals = attribute.firstIndex(of: "=") else {
                    throw Self.invalid("thuộc tính \"\(attribute)\" thiếu dấu \"=\"")
                }
                let name = attribute[..<equals].lowercased()
                guard !name.isEmpty else { throw Self.invalid("có một thuộc tính không tên") }
                if name == "pin-value" || name == "pin-source" { throw Self.pinInURI(name) }
                guard seen.insert(name).inserted else { throw Self.invalid("thuộc tính \"\(name)\" có hai lần") }
                result.append((name, String(attribute[attribute.index(after: equals)...])))
            }
            return result
        }
        for (name, raw) in try pairs(pathPart, separator: ";") {
            let bytes = try Self.percentDecoded(raw)
            if name == "id" {
                guard !bytes.isEmpty else { throw Self.invalid("\"id\" rỗng") }
                id = bytes
                continue
            }
            guard let value = String(bytes: bytes, encoding: .utf8) else {
                throw Self.invalid("giá trị của \"\(name)\" không phải văn bản UTF-8")
            }
            switch name {
            case "token": token = value
            case "manufacturer": manufacturer = value
            case "serial": serial = value
            case "model": model = value
            case "object": object = value
            case "type":
                guard Self.objectTypes.contains(value) else {
                    throw Self.invalid("\"type=\(value)\" không phải private, cert, public, secret-key hay data")
                }
                type = value
            default: throw Self.invalid("BaoCao không dùng được thuộc tính \"\(name)\"")
            }
        }
        for (name, raw) in try pairs(queryPart ?? "", separator: "&") {
            guard name == "module-path" else { throw Self.invalid("BaoCao không dùng được thuộc tính truy vấn \"\(name)\"") }
            guard let value = String(bytes: try Self.percentDecoded(raw), encoding: .utf8), value.hasPrefix("/") else {
                throw Self.invalid("\"module-path\" phải là đường dẫn tuyệt đối tới thư viện PKCS#11")
            }
            modulePath = value
        }
        guard token != nil || serial != nil || object != nil || id != nil else {
            throw Self.invalid("không nêu thẻ (token, serial) hay đối tượng (object, id) nào")
        }
    }

    /// The URI in RFC 7512's canonical order, every value percent-encoded but for
    /// unreserved characters.
    public var description: String { "pkcs11:" + pathAttributes(type: type).joined(separator: ";") + query }

    /// The URI that names the same token and object, of `type` (`private`, `cert`), without
    /// the query: what a PKCS#11 library is given to find it.
    public func locating(type: String) -> String {
        "pkcs11:" + pathAttributes(type: type).joined(separator: ";")
    }

    /// How the URI is named to a person: the token and the object.
    public var shortName: String {
        let what = object.map { "\"\($0)\"" } ?? id.map { "id \(Self.hex($0))" } ?? "khóa"
        return token.map { "\(what) trên thẻ \"\($0)\"" } ?? serial.map { "\(what) trên thẻ số \($0)" } ?? what
    }

    private func pathAttributes(type: String?) -> [String] {
        var result: [String] = []
        func add(_ name: String, _ value: String?) {
            if let value { result.append("\(name)=\(Self.percentEncoded(Array(value.utf8)))") }
        }
        add("token", token)
        add("manufacturer", manufacturer)
        add("serial", serial)
        add("model", model)
        add("object", object)
        add("type", type)
        if let id { result.append("id=\(Self.percentEncoded(id, everyByte: true))") }
        return result
    }

    private var query: String {
        modulePath.map { "?module-path=\(Self.percentEncoded(Array($0.utf8), keeping: "/"))" } ?? ""
    }

    private static func percentDecoded(_ value: String) throws(CoreError) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = value.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else {
                out.append(byte)
                continue
            }
            guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else {
                throw invalid("\"%\" phải theo sau là hai chữ số hệ mười sáu")
            }
            out.append(high << 4 | low)
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    private static func percentEncoded(_ bytes: [UInt8], everyByte: Bool = false, keeping extra: String = "") -> String {
        let unreserved = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8) + Array(extra.utf8))
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            if !everyByte && unreserved.contains(byte) {
                out.append(byte)
            } else {
                out.append(contentsOf: [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

extension PKCS11URI: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ErrorCode where Domain == CoreDomain {
    public static let invalidPKCS11URI = Self("invalidPKCS11URI")
    public static let pinInPKCS11URI = Self("pinInPKCS11URI")
}

extension PKCS11URI {
    static func invalid(_ reason: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        // The text is not echoed whole: a URI may carry what should not be in a log.
        CoreError(.invalidPKCS11URI,
            message: "Địa chỉ khóa trên thẻ ký số (PKCS#11 URI) không hợp lệ: \(reason).",
            log: "invalid PKCS#11 URI: \(reason)", file: file, line: line)
    }

    static func pinInURI(_ attribute: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(.pinInPKCS11URI,
            message: "Địa chỉ khóa trên thẻ ký số không được chứa mã PIN (thuộc tính \"\(attribute)\"): mã PIN không bao giờ được lưu. "
                + "Hãy bỏ \"\(attribute)\" và khai báo biến môi trường chứa mã PIN (pinEnvironment), hoặc nhập mã PIN khi được hỏi.",
            log: "PKCS#11 URI carries \(attribute); refused (a PIN is never stored)", file: file, line: line)
    }
}
