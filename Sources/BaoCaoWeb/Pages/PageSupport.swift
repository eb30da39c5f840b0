import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// What every page handler shares: who is signed in, redirects, Vietnamese display.
enum PageSupport {
    /// The signed-in person; the sign-in middleware guarantees one on protected routes.
    static func actor(_ context: WebRequestContext) throws -> StaffMember {
        guard let actor = context.actor else { throw HTTPError(.unauthorized) }
        return actor
    }

    /// A 303 redirect (after a POST, the browser GETs the page).
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A redirect with a message shown once on the next page.
    static func redirect(to location: String, flash: String, _ web: WebEnvironment, _ context: WebRequestContext) -> Response {
        if let id = context.session?.id { web.sessions.setFlash(flash, id: id) }
        return redirect(to: location)
    }

    static func time(_ date: Date?) -> String { date.map(VietnamTime.displayText) ?? "" }

    static func day(_ date: CivilDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    static func number(_ value: ExactDecimal?) -> String { value.map(VietnameseNumberFormat.format) ?? "" }

    /// A stored value as a person reads it: numbers the Vietnamese way, text as typed.
    static func display(_ value: ReportValue?) -> String {
        guard let value else { return "" }
        return VietnameseNumberFormat.format(canonical: value.text) ?? value.text
    }

    /// A file to save, never shown inline; its name kept in UTF-8 (RFC 6266) with an
    /// ASCII stand-in for old browsers.
    static func download(_ data: Data, name: String, contentType: String) -> Response {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return Response(status: .ok, headers: [
            .contentType: contentType,
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Text made safe to put in a link's query; a code or period as it is written.
    static func urlQuery(_ value: some CustomStringConvertible) -> String {
        let text = value.description
        return text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// A query parameter, trimmed; nil when absent or blank.
    static func query(_ request: Request, _ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value.precomposedStringWithCanonicalMapping
    }

    // MARK: - The domain's names, read where they enter

    // A regime, period or unit in a query or a form is text from outside: it is read here,
    // once, into its type. Text that cannot be one is refused with the parser's
    // ``CoreError`` (`invalidRegimeCode`, `invalidPeriod`, `invalidUnitCode`), which
    // ``ErrorPageMiddleware`` answers with 400 and its Vietnamese message, naming the text.

    /// A query parameter read as a regime code, period or unit code; `nil` when absent or blank.
    static func query<Value: TextRepresentable>(_ request: Request, _ name: String, as type: Value.Type) throws -> Value? {
        try query(request, name).map { try Value(parsing: $0) }
    }

    /// A form field read as a regime code, period or unit code; a missing field reads as
    /// blank text, and is refused as such.
    static func field<Value: TextRepresentable>(_ form: FormBody, _ name: String, as type: Value.Type) throws -> Value {
        try Value(parsing: form[name] ?? "")
    }

    /// A path parameter that must be a number.
    static func id(_ context: WebRequestContext, _ name: String = "id") throws -> Int64 {
        guard let id = context.parameters.get(name, as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }
}
