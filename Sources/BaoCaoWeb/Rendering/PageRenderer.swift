import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// Renders the Mustache templates shipped with the node into whole pages: a page's view
/// (``PageView``) inside the layout, with the menu the person's roles open, the flash
/// message and the CSRF token. Every `{{value}}` is HTML-escaped by Mustache.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let unitName: String
    let unitCode: String
    /// Where the unit's pages live on its address (``UnitPath``): every address its pages name is put under it.
    let unitPath: UnitPath

    init(unitName: String, unitCode: String, unitPath: UnitPath = .root) throws {
        self.library = try Self.templates.get()
        self.unitName = unitName
        self.unitCode = unitCode
        self.unitPath = unitPath
    }

    /// The templates shipped with the node, read and parsed once per process: every node of
    /// a host (``HostedUnits``) renders with the same library.
    private static let templates = Result { try loadTemplates() }

    private static func loadTemplates() throws -> MustacheLibrary {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError.missingResource("Templates")
        }
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        return library
    }

    /// One entry of the menu.
    struct MenuItem: TemplateFields {
        let href: String
        let label: String
        let current: Bool
    }

    /// The menu a person sees: only what their roles may open.
    static func menu(for actor: StaffMember?, personnel: Bool = false, path: String) -> [MenuItem] {
        guard let actor else { return [] }
        var items: [(String, String)] = [("/", "Trang chủ"), ("/bao-cao", "Báo cáo của đơn vị")]
        if actor.may(.approveReport) || actor.may(.approveSectionFigures) { items.append(("/duyet", "Duyệt")) }
        if actor.may(.decideIncoming) || actor.may(.assignIncoming) { items.append(("/hop-thu", "Báo cáo đến")) }
        items += [("/tong-hop", "Tổng hợp"), ("/che-do", "Chế độ báo cáo"), ("/thong-bao", "Thông báo"), ("/dong-bo", "Gửi và đồng bộ")]
        if actor.may(.publishFigures) { items.append(("/cong-bo", "Công bố số liệu")) }
        if personnel { items.append(("/nhan-su", "Hồ sơ cán bộ")) }
        if actor.may(.manageAccounts) || actor.may(.readAudit) { items.append(("/quan-tri", "Quản trị")) }
        return items.map { MenuItem(href: $0.0, label: $0.1, current: $0.0 == "/" ? path == "/" : path.hasPrefix($0.0)) }
    }

    /// Stands in the templates for a large piece of ready HTML, which is written into the
    /// response once instead of being copied through two templates; random, so that no
    /// text a person typed can be taken for it.
    static let largePieceMarker = "<!--\(UUID().uuidString)-->"

    /// A whole page: `view` rendered with its template, inside the layout. `large` is ready
    /// HTML (a form's hundreds of rows) written where the view holds ``largePieceMarker``.
    func page<View: PageView>(_ view: View, title: String, context: WebRequestContext, status: HTTPResponse.Status = .ok,
                              flash: String? = nil, headers: HTTPFields = [:], large: String? = nil) throws -> Response {
        guard let content = library.render(view, withTemplate: View.template) else { throw WebError.missingResource(View.template) }
        let layout = LayoutView(
            title: title, unitName: unitName, unitCode: unitCode, base: unitPath.prefix, content: content,
            menu: Self.menu(for: context.actor, personnel: !context.personnelScopes.isEmpty, path: context.path), signedIn: context.actor != nil, csrf: context.csrfToken,
            user: context.actor.map { actor in
                LayoutView.User(name: actor.displayName, login: actor.login, roles: actor.roles.sorted().map(\.displayName).joined(separator: ", "))
            },
            flash: flash ?? context.flash)
        guard let html = library.render(layout, withTemplate: LayoutView.template) else { throw WebError.missingResource(LayoutView.template) }
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: Self.body(html, large: large, under: unitPath)))
    }

    /// The page's bytes, the large piece written where its marker stands, every address
    /// the page names under the unit's path (``UnitPath/root(_:into:)``).
    static func body(_ html: String, large: String?, under unitPath: UnitPath = .root) -> ByteBuffer {
        guard let large, let marker = html.range(of: largePieceMarker) else {
            return unitPath.prefix.isEmpty ? ByteBuffer(string: html) : unitPath.root(html)
        }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(html.utf8.count + large.utf8.count)
        unitPath.root(html[..<marker.lowerBound], into: &buffer)
        unitPath.root(large, into: &buffer)
        unitPath.root(html[marker.upperBound...], into: &buffer)
        return buffer
    }

    /// A page that says what went wrong, in Vietnamese.
    func error(_ status: HTTPResponse.Status, title: String, message: String, context: WebRequestContext) throws -> Response {
        try page(ErrorView(heading: title, message: message), title: title, context: context, status: status)
    }
}

/// What the web layer itself can fail at.
enum WebError: Error, CustomStringConvertible {
    case missingResource(String)

    var description: String {
        switch self {
        case .missingResource(let name): "web resource \(name) is missing from the build"
        }
    }
}
