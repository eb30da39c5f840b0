import Foundation
import NIOCore

/// The names by which browsers may reach a node's web interface: the `Host` of every
/// request must be one of them (any port), or the request is refused
/// (``HostCheckMiddleware``). A page on another site that rebinds its own name to the
/// node's address still sends its own name, and is refused.
public struct WebHosts: Sendable, Hashable {
    /// Lower case, without brackets or a final dot.
    public let names: Set<String>

    public init(_ names: some Sequence<String>) {
        self.names = Set(names.compactMap(Self.normalized))
    }

    /// The loopback's names: a node only this machine's browsers reach.
    public static let loopback = WebHosts(["localhost", "127.0.0.1", "::1"])

    /// The names in force for a node listening on `listenHost`: `configured` when the
    /// configuration names them (`network.localHosts`); otherwise the listen host, with the
    /// loopback's names for a loopback listen, and for a listen on every address
    /// (`0.0.0.0`, `::`) also the machine's name and each address of its interfaces.
    public static func inForce(listenHost: String, configured: [String]?) -> WebHosts {
        if let configured { return WebHosts(configured) }
        let host = normalized(listenHost) ?? ""
        var names: Set<String> = [host]
        if host == "localhost" || host == "::1" || host.hasPrefix("127.") {
            names.formUnion(loopback.names)
        } else if host.isEmpty || host == "0.0.0.0" || host == "::" {
            names.formUnion(loopback.names)
            names.insert(ProcessInfo.processInfo.hostName)
            let addresses = (try? System.enumerateDevices())?.compactMap { $0.address?.ipAddress } ?? []
            names.formUnion(addresses)
        }
        return WebHosts(names)
    }

    /// Whether a request whose `Host` (HTTP/1.1) or `:authority` (HTTP/2) is `authority`
    /// may be served. A request naming no host is refused.
    public func allows(authority: String?) -> Bool {
        guard let authority, let host = Self.host(of: authority) else { return false }
        return names.contains(host)
    }

    /// The host of `host[:port]` or `[v6]:port`, normalized; nil when there is none.
    static func host(of authority: String) -> String? {
        let text = authority.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            return normalized(String(text[text.index(after: text.startIndex)..<close]))
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        // More than one colon without brackets: a bare IPv6 address, no port.
        return normalized(parts.count > 2 ? text : String(parts[0]))
    }

    static func normalized(_ name: String) -> String? {
        var name = name.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        while name.hasSuffix(".") { name.removeLast() }
        return name.isEmpty ? nil : name
    }
}
