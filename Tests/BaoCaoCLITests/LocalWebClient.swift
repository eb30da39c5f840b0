import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A browser in a few lines, for a running node's web interface on loopback: plain
/// HTTP/1.1 over a socket, one connection per request, keeping cookies and the last page's
/// CSRF token as a browser would.
final class LocalWebClient {
    struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: String
        /// From sending the request to the end of the answer.
        let seconds: Double
    }

    let port: Int
    private var cookies: [String: String] = [:]
    private var lastPage = ""

    init(port: Int) { self.port = port }

    var csrf: String? {
        guard let range = lastPage.range(of: #"name="_csrf" value="([^"]*)""#, options: .regularExpression) else { return nil }
        return lastPage[range].components(separatedBy: "value=\"").last.map { String($0.dropLast()) }
    }

    /// Signs in through the form; throws unless the node lets the person in. `unitPath`: a
    /// hosted unit's pages (`/08515`, `baocao host`), the root for a node alone.
    func signIn(_ login: String, password: String, unitPath: String = "") throws {
        _ = try get(unitPath + "/dang-nhap")
        let fields = [("login", login), ("password", password), ("_csrf", csrf ?? "")]
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        let response = try request("POST", unitPath + "/dang-nhap", body: Data(body.utf8), contentType: "application/x-www-form-urlencoded")
        guard response.status == 303 || response.status == 302 else {
            throw SignedNetwork.CLIFailure("sign-in answered \(response.status): \(response.body.prefix(500))")
        }
    }

    func get(_ path: String) throws -> Response {
        try request("GET", path, body: nil, contentType: nil)
    }

    /// Posts a file as `multipart/form-data` with the CSRF token of the page `path`'s form is on.
    func upload(_ path: String, field: String, fileName: String, data: Data) throws -> Response {
        let page = path.components(separatedBy: "/").dropLast().joined(separator: "/")
        _ = try get(page)
        let boundary = "----baocao\(UInt32.random(in: 0 ... .max))"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf ?? "")\r\n".utf8)
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try request("POST", path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    private func request(_ method: String, _ path: String, body: Data?, contentType: String?) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !cookies.isEmpty { head += "Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n" }
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        var message = Data((head + "\r\n").utf8)
        if let body { message.append(body) }
        let started = Date()
        let raw = try exchange(message)
        let seconds = Date().timeIntervalSince(started)
        guard let split = raw.range(of: Data("\r\n\r\n".utf8)) else { throw SignedNetwork.CLIFailure("no HTTP head from the node") }
        let lines = String(decoding: raw[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased(), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
            if name == "set-cookie" {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                let cookieName = String(pair[0]), cookieValue = pair.count > 1 ? String(pair[1]) : ""
                cookies[cookieName] = cookieValue.isEmpty || value.contains("Max-Age=0") ? nil : cookieValue
            }
        }
        var bytes = Data(raw[split.upperBound...])
        if headers.contains(where: { $0.0 == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) { bytes = Self.unchunked(bytes) }
        let text = String(decoding: bytes, as: UTF8.self)
        if headers.contains(where: { $0.0 == "content-type" && $0.1.hasPrefix("text/html") }) { lastPage = text }
        return Response(status: status, headers: headers, body: text, seconds: seconds)
    }

    /// Sends the request and reads the answer to the end (the node closes the connection).
    private func exchange(_ bytes: Data) throws -> Data {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SignedNetwork.CLIFailure("socket: \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw SignedNetwork.CLIFailure("connect to \(port): \(errno)") }
        try bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let count = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard count > 0 else { throw SignedNetwork.CLIFailure("send: \(errno)") }
                sent += count
            }
        }
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer.append(contentsOf: buffer[0..<count])
        }
        return answer
    }

    private static func unchunked(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size else { break }
            let end = rest.index(start, offsetBy: size)
            out.append(rest[start..<end])
            rest = rest[end...].dropFirst(2)
        }
        return out
    }
}
