#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Where a server of the node listens: `host:port` from the configuration
/// (`network.syncListen`, `network.localListen`); an IPv6 host may be written bare
/// (`::1:8080`) or in brackets (`[::1]:8080`).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host as the server binds it: a name or an address, without brackets.
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `text` from the configuration field `field` (named in the message when it cannot be read).
    public init(_ text: String, field: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw CoreError.invalidListenAddress(text, field: field)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw CoreError.invalidListenAddress(text, field: field) }
        self.init(host: host, port: port)
    }

    /// Whether only this machine can connect: `localhost`, `127.0.0.0/8`, `::1` (or an
    /// IPv4-mapped loopback address). Every address (`0.0.0.0`, `::`), another address
    /// or another name is not.
    public var isLoopback: Bool { Self.isLoopback(host: host) }

    public static func isLoopback(host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" || name == "localhost." { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, name, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }   // ::1
        // ::ffff:127.x.y.z
        return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }

    /// `host:port`, with an IPv6 host in brackets (as a URL writes it).
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

extension ErrorCode where Domain == CoreDomain {
    /// A listen address that is not `host:port`.
    public static let invalidListenAddress = Self("invalidListenAddress")
    /// The local port listening beyond the loopback without TLS.
    public static let plainLocalListen = Self("plainLocalListen")
}

extension CoreError {
    static func invalidListenAddress(_ text: String, field: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(.invalidListenAddress,
                  message: "Trường \(field) phải có dạng máy:cổng, ví dụ 0.0.0.0:8443 (đang là \"\(text)\").",
                  log: "\(field) is not host:port", file: file, line: line)
    }
}
