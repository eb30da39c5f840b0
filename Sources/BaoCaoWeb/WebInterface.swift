import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// The Vietnamese web interface of a node (issue 6), on the local port: public pages
/// (sign-in, the province's published figures, the style sheet) and, behind sign-in,
/// everything staff do — the same services the CLI calls.
public enum WebInterface {
    /// Adds every page to `router`.
    public static func register(on router: Router<WebRequestContext>, web: WebEnvironment) {
        router.add(middleware: SecurityHeadersMiddleware(connectTo: web.signService))
        router.add(middleware: HostCheckMiddleware(web: web))   // before anything reads the request
        router.add(middleware: SessionMiddleware(web: web))
        router.add(middleware: ErrorPageMiddleware(web: web))   // inside the session: error pages keep the menu
        router.get("/static/style.css") { _, _ in StaticFiles.response(web.styleSheet) }
        router.get("/static/ky-so.js") { _, _ in StaticFiles.response(web.signScript, type: "text/javascript; charset=utf-8") }

        let open = router.group()
        let protected = router.group().add(middleware: SignInRequiredMiddleware())
        SignInPages(web: web).register(public: open, protected: protected)
        PublicPage(web: web).register(on: open)
        HomePage(web: web).register(on: protected)
        RegimePages(web: web).register(on: protected)
        ReportPages(web: web).register(on: protected)
        OutsideReportPages(web: web).register(on: protected)
        InboxPages(web: web).register(on: protected)
        AggregatePages(web: web).register(on: protected)
        NoticePages(web: web).register(on: protected)
        PublishingPages(web: web).register(on: protected)
        SyncPage(web: web).register(on: protected)
        AdminPages(web: web).register(on: protected)
        PersonnelPages(web: web).register(on: protected)
    }
}

/// The one style sheet and the signing script, read from the module's resources once per
/// process, before any request: serving them touches no file and needs no other thread, and
/// every node of a host shares the same bytes.
enum StaticFiles {
    static let styleSheet = Result { try resource("style", extension: "css") }
    static let signScript = Result { try resource("ky-so", extension: "js") }

    static func resource(_ name: String, extension type: String) throws -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: name, withExtension: type, subdirectory: "Static"),
              let bytes = try? Data(contentsOf: url) else { throw WebError.missingResource("Static/\(name).\(type)") }
        return ByteBuffer(bytes: bytes)
    }

    static func response(_ bytes: ByteBuffer, type: String = "text/css; charset=utf-8") -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: bytes))
    }
}
