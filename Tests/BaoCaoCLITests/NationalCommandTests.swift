import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `baocao national export` on a real district node holding one commune's accepted report.
@Suite("National command")
struct NationalCommandTests {
    /// Should write one JSON file per packet kind (no gửi đề cương: the district has no own report),
    /// with the commune's exact figures as strings, and refuse a packet without its regime.
    @Test func exportAll_writesEveryPacketFile_withExactFigures() throws {
        let workspace = try SampleWorkspace()
        let config = workspace.path("Config/huyen-lac-son.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let sql = """
            INSERT INTO report (regimeCode, period, unitCode, revision, state, formCode, formVersion, createdAt, updatedAt, signedAt, receivedAt, bundleId)
            VALUES ('KTXH-THANG', '2026-11', '05266', 1, 'accepted', 'KTXH-THANG', 1, '2026-11-16 02:00:00.000', '2026-11-16 02:00:00.000',
                    '2026-11-16 02:00:00.000', '2026-11-16 02:05:00.000', 'sha256-xa-05266');
            INSERT INTO reportValue (reportId, key, indicatorCode, value, status) VALUES (1, 'CN01', 'CN01', '1200.5', 'final');
            """
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [workspace.path(".baocao-data/157/baocao.sqlite"), sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
        let environment = ["BAOCAO_PASSWORD": "mat-khau-quan-tri"]

        let export = try CommandRunner.run(["national", "export", "--all", "--regime", "KTXH-THANG", "--period", "2026-11",
                                            "--output", workspace.path("out"), "--user", "quantri", "--config", config], environment: environment)
        #expect(export.status == 0, "\(export.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.path("out")).sorted()
        #expect(files.count == 12)
        #expect(!files.contains { $0.hasPrefix("gui-de-cuong-") })
        let list = try #require(files.first { $0.hasPrefix("so-lieu-bao-cao-danh-sach-") })
        let text = try String(contentsOfFile: workspace.path("out/\(list)"), encoding: .utf8)
        #expect(text.contains(#""MaDonVi" : "05266""#))
        #expect(text.contains(#""GiaTri" : "1200.5""#))
        #expect(text.contains(#""MaDonViGui" : "157""#))

        let missing = try CommandRunner.run(["national", "export", "--kind", "so-lieu-bao-cao", "--user", "quantri", "--config", config],
                                            environment: environment)
        #expect(missing.status == 1)
        #expect(missing.error.contains("Gói tin số liệu báo cáo cần mã chế độ báo cáo."))
    }
}

extension NationalCommandTests {
    /// A district node (157) with a development signing key, holding one commune's accepted
    /// November report, and an admin to push with.
    static func signedDistrict() throws -> (network: SignedNetwork, config: String) {
        let network = try SignedNetwork(units: ["157"])
        let config = try network.node("157")
        let sql = """
            INSERT INTO report (regimeCode, period, unitCode, revision, state, formCode, formVersion, createdAt, updatedAt, signedAt, receivedAt, bundleId)
            VALUES ('KTXH-THANG', '2026-11', '05266', 1, 'accepted', 'KTXH-THANG', 1, '2026-11-16 02:00:00.000', '2026-11-16 02:00:00.000',
                    '2026-11-16 02:00:00.000', '2026-11-16 02:05:00.000', 'sha256-xa-05266');
            INSERT INTO reportValue (reportId, key, indicatorCode, value, status) VALUES (1, 'CN01', 'CN01', '1200.5', 'final');
            """
        try AggregateCommandTests.execute(network.workspace.path("data/157/baocao.sqlite"), sql)
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
        return (network, config)
    }

    static func push(_ arguments: [String], to receiver: LoopbackReceiver, config: String) throws -> CommandRunner.Result {
        try CommandRunner.run(["national", "push"] + arguments + ["--endpoint", "http://127.0.0.1:\(receiver.port)/goi-tin", "--user", "quantri", "--config", config],
                              environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri", "BAOCAO_NATIONAL_TOKEN": "bi-mat-quoc-gia"])
    }

    /// The files under a directory, by name, recursively.
    static func files(under path: String) -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix("/") && FileManager.default.fileExists(atPath: "\(path)/\($0)") }
            .map { ($0 as NSString).lastPathComponent }.filter { $0.contains(".") }.sorted()
    }

    /// Should POST every packet of the regime-period as JSON with the bearer token, once each,
    /// print one line per packet, and file every signed copy under national/sent.
    @Test func pushAll_deliversEveryPacket_withTheBearerToken() throws {
        let (network, config) = try Self.signedDistrict()
        let receiver = try LoopbackReceiver(status: 200)
        defer { receiver.stop() }

        let pushed = try Self.push(["--all", "--regime", "KTXH-THANG", "--period", "2026-11"], to: receiver, config: config)
        #expect(pushed.status == 0, "\(pushed.error)")
        let lines = pushed.output.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.allSatisfy { $0.hasPrefix("Đã gửi gói tin ") && $0.hasSuffix("(HTTP 200, 1 lần thử).") }, "\(pushed.output)")

        let received = receiver.received
        #expect(received.count == 12)
        #expect(received.allSatisfy { $0.method == "POST" && $0.path == "/goi-tin" })
        #expect(received.allSatisfy { $0.headers["authorization"] == "Bearer bi-mat-quoc-gia" })
        #expect(received.allSatisfy { $0.headers["content-type"] == "application/json" })
        #expect(received.contains { String(decoding: $0.body, as: UTF8.self).contains(#""GiaTri" : "1200.5""#) })
        // Every packet printed was received, and every one is filed as sent, signed.
        let national = network.workspace.path("data/157/national")
        let sent = Self.files(under: "\(national)/sent")
        #expect(Self.files(under: "\(national)/pending").isEmpty)
        #expect(sent.filter { $0.hasSuffix(".json.p7s") }.count == 12)
        for line in lines {
            let id = try #require(line.split(separator: " ").first { $0.count == 36 && $0.filter { $0 == "-" }.count == 4 })
            #expect(sent.contains("\(id).json") && sent.contains("\(id).json.p7s") && sent.contains("\(id).receipt.json"), "\(id)")
        }
        // The token is a secret: in no receipt, nor in what the command printed.
        #expect(!pushed.output.contains("bi-mat-quoc-gia") && !pushed.error.contains("bi-mat-quoc-gia"))
    }

    /// Should stop at the first packet a receiver refuses (400, not retried), exit non-zero
    /// with a Vietnamese message, keep that packet signed and pending, and deliver it with
    /// `--pending` once a receiver takes it.
    @Test func push_whenTheReceiverAnswers400_failsInVietnamese_andKeepsThePacketPending() throws {
        let (network, config) = try Self.signedDistrict()
        let refusing = try LoopbackReceiver(status: 400)
        defer { refusing.stop() }

        let refused = try Self.push(["--all", "--regime", "KTXH-THANG", "--period", "2026-11"], to: refusing, config: config)
        #expect(refused.status == 1)
        #expect(refused.output == "")
        #expect(refused.error.hasPrefix("Lỗi: Hệ thống báo cáo của Chính phủ từ chối gói tin "), "\(refused.error)")
        #expect(refused.error.hasSuffix(": mã trạng thái HTTP 400. Gói tin đã ký được giữ lại, chờ gửi lại sau khi sửa.\n"), "\(refused.error)")
        // A 4xx is final: one attempt, and the command stops there (later packets are not built).
        #expect(refusing.received.count == 1)
        #expect(refusing.received.first?.headers["authorization"] == "Bearer bi-mat-quoc-gia")
        let national = network.workspace.path("data/157/national")
        let pending = Self.files(under: "\(national)/pending")
        #expect(pending.count == 3)
        let receipt = try #require(pending.first { $0.hasSuffix(".receipt.json") })
        let receiptText = try String(contentsOfFile: "\(national)/pending/\(receipt)", encoding: .utf8)
        #expect(receiptText.contains(#""status" : "pending""#) && receiptText.contains(#""responseStatus" : 400"#), "\(receiptText)")
        #expect(!receiptText.contains("bi-mat-quoc-gia"))
        #expect(Self.files(under: "\(national)/sent").isEmpty)

        let taking = try LoopbackReceiver(status: 200)
        defer { taking.stop() }
        let resent = try Self.push(["--pending"], to: taking, config: config)
        #expect(resent.status == 0, "\(resent.error)")
        #expect(resent.output.hasPrefix("Đã gửi lại gói tin "), "\(resent.output)")
        #expect(taking.received.count == 1)
        #expect(taking.received.first?.body == refusing.received.first?.body)
        #expect(Self.files(under: "\(national)/pending").isEmpty)
        #expect(Self.files(under: "\(national)/sent").count == 3)
    }
}

/// A tiny HTTP/1.1 receiver on 127.0.0.1 written on plain sockets (this test target has no
/// server library): answers every request with one status and `Connection: close`, and
/// records what it was sent.
final class LoopbackReceiver: @unchecked Sendable {
    struct Request: Sendable {
        let method: String
        let path: String
        /// Header names in lower case.
        let headers: [String: String]
        let body: Data
    }

    let port: UInt16
    let status: Int
    private let listener: Int32
    private let lock = NSLock()
    private var requests: [Request] = []
    private let done = DispatchSemaphore(value: 0)

    init(status: Int) throws {
        self.status = status
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in
            serve()
            done.signal()
        }
    }

    var received: [Request] { lock.withLock { requests } }

    /// Stops listening and waits for the serving thread to end.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        done.wait()
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            if let request = Self.read(connection) {
                lock.withLock { requests.append(request) }
            }
            let answer = "HTTP/1.1 \(status) \(status < 300 ? "OK" : "Bad Request")\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
            _ = answer.utf8CString.withUnsafeBufferPointer { send(connection, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
            close(connection)
        }
    }

    /// One request: the head up to the blank line, then `Content-Length` bytes of body.
    private static func read(_ connection: Int32) -> Request? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var head: (lines: [String], bodyStart: Int)?
        var expected = 0
        while true {
            if let head, bytes.count - head.bodyStart >= expected { break }
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            bytes += chunk[0..<count]
            if head == nil, let end = bytes.firstRange(of: [13, 10, 13, 10]) {
                let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                head = (lines, end.upperBound)
                let length = lines.dropFirst().first { $0.lowercased().hasPrefix("content-length:") }
                expected = length.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            }
        }
        guard let head else { return nil }
        let requestLine = head.lines[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: requestLine.first.map(String.init) ?? "", path: requestLine.dropFirst().first.map(String.init) ?? "",
                       headers: headers, body: Data(bytes[head.bodyStart..<(head.bodyStart + expected)]))
    }
}
