import Foundation

/// The `web:` section of a node's configuration: how its web interface works with what is
/// on staff's own PCs.
public struct WebConfiguration: Sendable, Hashable, Codable {
    /// The signing service on the leader's PC (`baocao sign-service`), e.g.
    /// `http://127.0.0.1:8790`: when set, the report page's "Duyệt và ký số" has the leader's
    /// personal signature made there, on their token, beside the unit's. The default is
    /// none: the node signs with the unit's key alone.
    public var signService: String?

    public init(signService: String? = nil) {
        self.signService = signService
    }

    /// The sign service's origin as browsers write it (`http://127.0.0.1:8790`), or nil when
    /// none is configured; refuses anything but `http(s)://host[:port]`.
    public func signServiceOrigin() throws -> String? {
        guard let text = signService?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host?.lowercased(), !host.isEmpty, components.path.isEmpty || components.path == "/",
              components.query == nil, components.fragment == nil, components.user == nil else {
            throw CoreError(.invalidSignService,
                message: "Trường web.signService phải là địa chỉ gốc của dịch vụ ký số, dạng http://127.0.0.1:8790 (đang là \"\(text)\").",
                log: "invalid web.signService \(text)")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return components.port.map { "\(scheme)://\(hostPart):\($0)" } ?? "\(scheme)://\(hostPart)"
    }
}

extension ErrorCode where Domain == CoreDomain {
    /// `web.signService` is not an origin.
    public static let invalidSignService = Self("invalidSignService")
}
