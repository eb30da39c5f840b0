import Foundation
import HTTPTypes
import Hummingbird

/// CORS for the node origins the service answers: the allowed origin echoed (never `*`),
/// preflights answered with the private-network permission Chromium asks for when a page
/// on the LAN calls a service on loopback; any other origin refused with 403.
struct CrossOrigin: Sendable {
    let allowed: Set<String>

    static let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    static let allowMethods = HTTPField.Name("Access-Control-Allow-Methods")!
    static let allowHeaders = HTTPField.Name("Access-Control-Allow-Headers")!
    static let allowPrivateNetwork = HTTPField.Name("Access-Control-Allow-Private-Network")!
    static let maxAge = HTTPField.Name("Access-Control-Max-Age")!
    static let vary = HTTPField.Name("Vary")!

    /// The request's origin when it is one of the allowed.
    func allowedOrigin(_ request: Request) -> String? {
        guard let origin = request.headers[.origin]?.lowercased(), allowed.contains(origin) else { return nil }
        return origin
    }

    func preflight(_ request: Request) -> Response {
        guard let origin = allowedOrigin(request) else { return refused() }
        var headers = HTTPFields()
        headers[Self.allowOrigin] = origin
        headers[Self.allowMethods] = "GET, POST"
        headers[Self.allowHeaders] = "Content-Type"
        headers[Self.allowPrivateNetwork] = "true"
        headers[Self.maxAge] = "600"
        headers[Self.vary] = "Origin"
        return Response(status: .noContent, headers: headers)
    }

    /// 403 for an origin not configured: no CORS header, so the page cannot read even that.
    func refused() -> Response {
        Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8", Self.vary: "Origin"],
                 body: .init(byteBuffer: ByteBuffer(string: "Trang web này không được phép yêu cầu dịch vụ ký số.\n")))
    }

    func json(_ fields: [String: String], status: HTTPResponse.Status = .ok, origin: String) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status,
                        headers: [.contentType: "application/json; charset=utf-8", Self.allowOrigin: origin, Self.vary: "Origin",
                                  .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// 421 for a `Host` that is not a loopback name: the service answers only to the names of
/// this machine itself, so a page elsewhere cannot rebind a name of its own to 127.0.0.1.
struct LoopbackHostMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let host = request.head.authority, SignServiceConfiguration.isLoopback(Self.hostName(host)) else {
            return Response(status: .misdirectedRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                             body: .init(byteBuffer: ByteBuffer(string: "Dịch vụ ký số chỉ trả lời theo địa chỉ nội bộ của máy (127.0.0.1, localhost).\n")))
        }
        return try await next(request, context)
    }

    /// The host of a `Host` header, without its port (`[::1]:8790` → `::1`).
    static func hostName(_ header: String) -> String {
        if header.hasPrefix("["), let end = header.firstIndex(of: "]") { return String(header[header.index(after: header.startIndex)..<end]) }
        return String(header.split(separator: ":", maxSplits: 1).first ?? "")
    }
}

/// The fields of an `application/x-www-form-urlencoded` body.
struct FormFields {
    private var fields: [String: String] = [:]

    init(_ body: Data) {
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    subscript(name: String) -> String? { fields[name] }
}
