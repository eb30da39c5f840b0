import BaoCaoCore
import Foundation

/// Where the signing service listens — loopback only: it runs on the leader's PC beside
/// the token and no other computer may reach it — and which node origins (the web
/// interfaces whose approval pages may ask it to sign) it answers.
public struct SignServiceConfiguration: Sendable {
    public let host: String
    /// The port; 0 lets the system choose (tests).
    public let port: Int
    /// The node origins allowed, each as `scheme://host[:port]`, lowercased, without a default port.
    public let allowedOrigins: Set<String>
    /// How far the signing time the node states may be from this PC's clock.
    public let clockTolerance: TimeInterval
    /// How long a request waits for the leader's PIN.
    public let requestLifetime: TimeInterval

    /// Refuses a host other than a loopback address or `localhost`, and an origin that is
    /// not a plain `http(s)://host[:port]`.
    public init(host: String, port: Int, allowedOrigins: [String], clockTolerance: TimeInterval = 300,
                requestLifetime: TimeInterval = 600) throws {
        guard Self.isLoopback(host) else {
            throw SignServiceError(.notLoopback,
                message: "Dịch vụ ký số chỉ được nghe trên địa chỉ nội bộ của máy (127.0.0.1, ::1 hoặc localhost), không phải \"\(host)\": máy khác trong mạng không được phép gửi yêu cầu ký tới thẻ ký số của lãnh đạo.",
                log: "refused listen host \(host): not loopback")
        }
        guard (0...65_535).contains(port) else {
            throw SignServiceError(.invalidRequest, message: "Cổng \(port) không hợp lệ (0–65535).", log: "bad port \(port)")
        }
        guard !allowedOrigins.isEmpty else {
            throw SignServiceError(.invalidOrigin, message: "Cần khai báo ít nhất một địa chỉ trang web của nút được phép yêu cầu ký (--allow-origin).",
                                   log: "no allowed origin")
        }
        self.host = host
        self.port = port
        self.allowedOrigins = Set(try allowedOrigins.map(Self.origin))
        self.clockTolerance = clockTolerance
        self.requestLifetime = requestLifetime
    }

    /// Whether `host` is reached only from this machine: 127.0.0.0/8, ::1, `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name == "::1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }

    /// An origin in the one form browsers send it: `scheme://host[:port]`, lowercased, no
    /// path, no default port.
    public static func origin(_ text: String) throws -> String {
        let invalid = SignServiceError(.invalidOrigin,
            message: "Địa chỉ \"\(text)\" không phải địa chỉ gốc của một trang web (dạng http://máy:cổng, không có đường dẫn).",
            log: "invalid origin \(text)")
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host?.lowercased(), !host.isEmpty, components.path.isEmpty || components.path == "/",
              components.query == nil, components.fragment == nil, components.user == nil else { throw invalid }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = components.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            return "\(scheme)://\(hostPart):\(port)"
        }
        return "\(scheme)://\(hostPart)"
    }
}
