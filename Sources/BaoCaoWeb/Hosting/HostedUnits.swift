import BaoCaoCore
import BaoCaoNode
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The web interfaces of many units behind one address (`baocao host`): each unit's pages
/// under `/<unit code>` (``UnitPath``), the host's first page a list to pick one's unit from.
///
/// Each unit keeps the router a node alone has — its own sessions, accounts, database and
/// checks — so one unit's staff can reach another's data no more than over two machines: a
/// request is handed to the unit its path names and to no other, that unit's router sees the
/// path without the prefix, and a session of one unit is unknown to every other.
public struct HostedUnits: Sendable {
    /// One hosted unit's web interface.
    public struct Unit: Sendable {
        public let code: UnitCode
        public let name: String
        let responder: RouterResponder<WebRequestContext>
        let path: UnitPath
        /// The unit's node, for the host's `/healthz`.
        let runtime: NodeRuntime

        /// `router`: the unit's own (``LocalApplication/router(runtime:web:overTLS:now:)``),
        /// made with a ``WebEnvironment`` whose ``WebEnvironment/unitPath`` is `UnitPath(hosting:)`.
        public init(code: UnitCode, name: String, router: Router<WebRequestContext>, runtime: NodeRuntime) {
            self.code = code
            self.name = name
            self.responder = router.buildResponder()
            self.path = UnitPath(hosting: code)
            self.runtime = runtime
        }
    }

    /// The cookie remembering the unit this browser last opened the sign-in page of.
    static let lastUnitCookie = "baocao_don_vi"

    let units: [String: Unit]
    /// The units in the order the first page lists them: by name without diacritics, then code.
    let listed: [Unit]
    let hosts: WebHosts
    let title: String
    let overTLS: Bool
    let pages: PageRenderer
    let styleSheet: ByteBuffer
    /// The clock `/healthz` judges by.
    let now: @Sendable () -> Date

    /// `title`: the host's name on its first page ("Tỉnh Phú Thọ"); `hosts`: the names
    /// browsers reach the host by (any other `Host` is refused, as on a node alone).
    public init(units: [Unit], title: String, hosts: WebHosts, overTLS: Bool, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.now = now
        var byCode: [String: Unit] = [:]
        for unit in units {
            guard byCode[unit.code.rawValue] == nil else { throw HostingError.unitTwice(unit.code.rawValue) }
            byCode[unit.code.rawValue] = unit
        }
        self.units = byCode
        self.listed = units.map { (key: VietnameseText.searchKey($0.name), unit: $0) }
            .sorted { ($0.key, $0.unit.code.rawValue) < ($1.key, $1.unit.code.rawValue) }.map(\.unit)
        self.hosts = hosts
        self.title = title
        self.overTLS = overTLS
        self.pages = try PageRenderer(unitName: title, unitCode: "máy chủ chung")
        self.styleSheet = try StaticFiles.styleSheet.get()
    }

    /// Answers one request: the first page, the style sheet, or the page of the unit the path names.
    public func respond(to request: Request, context: WebRequestContext) async throws -> Response {
        var response = try await dispatch(request, context: context)
        if overTLS {
            response.headers[StrictTransportSecurityMiddleware<WebRequestContext>.name] = StrictTransportSecurityMiddleware<WebRequestContext>.value
        }
        return response
    }

    private func dispatch(_ request: Request, context: WebRequestContext) async throws -> Response {
        guard hosts.allows(authority: request.head.authority) else {
            return try page(ErrorView(heading: "Sai địa chỉ máy chủ",
                                      message: "Máy chủ này không phục vụ tên máy \(request.head.authority.map { String($0.prefix(100)) } ?? "(không có)")."),
                            title: "Sai địa chỉ máy chủ", status: .init(code: 421, reasonPhrase: "Misdirected Request"), context: context)
        }
        let path = request.uri.path
        switch path {
        case "/":
            guard request.method == .get || request.method == .head else { return Response(status: .methodNotAllowed) }
            return try picker(request, context: context)
        case "/dang-nhap":
            // The address people know from a node alone: sent on to their unit's, or asked which one.
            if let last = lastUnit(request) { return Self.redirect(to: last.path.rootLocation("/dang-nhap")) }
            return Self.redirect(to: "/")
        case "/static/style.css":
            return StaticFiles.response(styleSheet)
        case "/healthz":
            return try await health()
        default:
            break
        }
        let segments = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        // "/08515/bao-cao" splits into "", "08515/bao-cao".
        let rest = segments.count > 1 ? segments[1] : ""
        let code = rest.prefix { $0 != "/" }
        guard let unit = units[String(code)] else {
            return try page(ErrorView(heading: "Không có đơn vị này",
                                      message: "Máy chủ này không phục vụ đơn vị “\(String(code.prefix(40)))”. Hãy chọn đơn vị của mình ở trang đầu."),
                            title: "Không có đơn vị này", status: .notFound, context: context)
        }
        let inner = rest.dropFirst(code.count)
        guard !inner.isEmpty else { return Self.redirect(to: unit.path.prefix + "/") }
        var head = request.head
        let query = request.uri.query.map { "?" + $0 } ?? ""
        head.path = String(inner) + query
        var response = try await unit.responder.respond(to: Request(head: head, body: request.body), context: context)
        if let location = response.headers[.location] {
            response.headers[.location] = unit.path.rootLocation(location)
        }
        if inner == "/dang-nhap", request.method == .get {
            let cookie = Cookie(name: Self.lastUnitCookie, value: unit.code.rawValue, maxAge: 400 * 24 * 3600, path: "/",
                                secure: overTLS, httpOnly: true, sameSite: .lax)
            response.setCookie(cookie)
        }
        return response
    }

    /// The host's health: `ok` when every hosted unit's node is (`/<unit>/healthz` says
    /// why one is not), `degraded` naming those that are not — one probe for a monitor.
    private func health() async throws -> Response {
        struct HostHealth: Encodable {
            let status: String
            let units: Int
            let degraded: [String]
        }
        let (units, now) = (listed, now())
        let degraded = try await BlockingWork.run {
            return try units.filter { try NodeHealth(runtime: $0.runtime, now: now).status != "ok" }.map(\.code.rawValue)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(HostHealth(status: degraded.isEmpty ? "ok" : "degraded", units: units.count, degraded: degraded))
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func lastUnit(_ request: Request) -> Unit? {
        request.cookies[Self.lastUnitCookie].flatMap { units[$0.value] }
    }

    private func picker(_ request: Request, context: WebRequestContext) throws -> Response {
        let query = request.uri.queryParameters.get("tim")?.trimmingCharacters(in: .whitespaces) ?? ""
        let wanted = VietnameseText.searchKey(query)
        let shown = wanted.isEmpty ? listed : listed.filter {
            $0.code.rawValue.hasPrefix(query) || VietnameseText.searchKey($0.name).contains(wanted)
        }
        func row(_ unit: Unit) -> UnitPickerView.Unit {
            UnitPickerView.Unit(code: unit.code.rawValue, name: unit.name, signIn: unit.path.rootLocation("/dang-nhap"))
        }
        let view = UnitPickerView(last: lastUnit(request).map(row), units: shown.map(row), count: units.count,
                                  query: query, nothingFound: shown.isEmpty)
        return try page(view, title: "Chọn đơn vị", status: .ok, context: context)
    }

    private func page<View: PageView>(_ view: View, title: String, status: HTTPResponse.Status, context: WebRequestContext) throws -> Response {
        var response = try pages.page(view, title: title, context: context, status: status)
        for (name, value) in SecurityHeadersMiddleware<WebRequestContext>.headers(connectTo: nil) where response.headers[name] == nil {
            response.headers[name] = value
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// The host's web server: every hosted unit behind one address, HTTPS with `tls`.
    public func application(tls: TLSConfiguration?, host: String, port: Int, logger: Logger,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let server: HTTPServerBuilder = if let tls { try .tls(.http1(), tlsConfiguration: tls) } else { .http1() }
        let hosted = self
        return Application(
            responder: CallbackResponder<WebRequestContext> { request, context in try await hosted.respond(to: request, context: context) },
            server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "baocao"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// What the host refuses in what it is given to serve.
public enum HostingError: Error, CustomStringConvertible {
    case unitTwice(String)

    public var description: String {
        switch self {
        case .unitTwice(let code): "Đơn vị \(code) được khai báo hai lần trên cùng máy chủ."
        }
    }
}
