import BaoCaoBundle
import BaoCaoCore
import Foundation
import HTTPTypes
import Hummingbird

/// The service's own pages, in Vietnamese: the confirmation (what will be signed, read
/// from the manifest itself; the certificate; the PIN) and the outcome. No script; not to
/// be framed; nothing cached.
enum ConfirmationPage {
    static func render(id: String, entry: SignRequests.Entry, key: PersonalKey, error: String?,
                       status: HTTPResponse.Status = .ok) -> Response {
        let request = entry.request
        let manifest = request.manifest
        let kind = manifest.kind == .decision ? "Quyết định về báo cáo" : "Báo cáo"
        let rows: [(String, String, String)] = [
            ("loai", "Loại văn bản", kind),
            ("don-vi", "Đơn vị", request.unit.rawValue),
            ("che-do", "Chế độ báo cáo", request.regime),
            ("ky-bao-cao", "Kỳ báo cáo", request.period),
            ("lan", "Lần", manifest.about["revision"] ?? "—"),
            ("gui-den", "Gửi đến", "\(manifest.recipient)"),
            ("lap-luc", "Lập lúc", VietnamTime.displayText(manifest.createdAt)),
            ("ma-goi", "Mã gói tin (SHA-256 của bảng kê)", request.bundleId),
            ("cac-phan", "Các phần", manifest.parts.map { "\($0.path) (\($0.size) byte)" }.joined(separator: ", ")),
        ]
        let table = rows.map { "<tr><th scope=\"row\">\(html($1))</th><td id=\"\(html($0))\">\(html($2))</td></tr>" }.joined(separator: "\n")
        let alert = error.map { "<p class=\"loi\" id=\"loi\" role=\"alert\">\(html($0))</p>" } ?? ""
        let body = """
            <h1>Xác nhận ký số cá nhân</h1>
            <p>Trang <strong>\(html(entry.origin))</strong> đề nghị bạn ký số văn bản sau. Dịch vụ ký đã tự tính mã băm của bảng kê và đọc các thông tin dưới đây từ chính nội dung sẽ ký.</p>
            <table>\(table)</table>
            <p>Ký bằng chứng thư số: <strong id="nguoi-ky">\(html(key.certificate.subject))</strong>, hiệu lực đến \(html(VietnamTime.displayText(key.certificate.notAfter))).</p>
            \(alert)
            <form method="post" action="/xac-nhan/\(html(id))">
              <input type="hidden" name="token" value="\(html(entry.formToken))">
              <p><label for="pin">Mã PIN của thẻ ký số</label>
                <input type="password" id="pin" name="pin" autocomplete="off" required autofocus></p>
              <p><button type="submit" id="ky" name="action" value="ky">Ký số</button></p>
            </form>
            <form method="post" action="/xac-nhan/\(html(id))">
              <input type="hidden" name="token" value="\(html(entry.formToken))">
              <button type="submit" id="khong-ky-nut" name="action" value="tu-choi">Không ký</button>
            </form>
            """
        return page(title: "Xác nhận ký số", body: body, status: status)
    }

    static func message(status: HTTPResponse.Status, title: String, text: String, id: String = "thong-bao") -> Response {
        page(title: title, body: "<h1>\(html(title))</h1>\n<p id=\"\(html(id))\">\(html(text))</p>", status: status)
    }

    static func gone() -> Response {
        message(status: .notFound, title: "Không còn yêu cầu ký",
                text: "Yêu cầu ký này không còn (đã ký, đã từ chối hoặc đã quá hạn). Hãy bấm \"Duyệt và ký số\" lại trên trang báo cáo.")
    }

    /// `Referrer-Policy: same-origin`, not `no-referrer`: under `no-referrer` a browser sends
    /// `Origin: null` with the page's own form, and the PIN form is taken only from the
    /// service's own origin.
    private static func page(title: String, body: String, status: HTTPResponse.Status) -> Response {
        let document = """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(html(title)) — Dịch vụ ký số BaoCao</title>
            <style>body{font-family:sans-serif;max-width:44rem;margin:1rem auto;padding:0 1rem}th{text-align:left;padding-right:1rem;vertical-align:top}td{word-break:break-all}.loi{color:#a00;font-weight:bold}button{font-size:1rem;padding:.4rem 1rem}</style>
            </head><body>
            \(body)
            </body></html>
            """
        return Response(status: status,
                        headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                  .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                                  HTTPField.Name("X-Frame-Options")!: "DENY", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                                  HTTPField.Name("Referrer-Policy")!: "same-origin"],
                        body: .init(byteBuffer: ByteBuffer(string: document)))
    }

    static func html(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
