extension NetworkConfiguration {
    /// Where browsers connect when `localListen` is not given: the loopback only.
    public static let defaultLocalListen = "127.0.0.1:8080"

    /// The local port's address in force, refused when other machines could reach it over
    /// plain HTTP: passwords and session cookies would cross the office network in clear.
    /// A loopback listen without TLS stays allowed (one machine, the demo, the tests).
    public func localListenAddress() throws -> ListenAddress {
        let text = localListen ?? Self.defaultLocalListen
        let address = try ListenAddress(text, field: "network.localListen")
        guard localTLS != nil || address.isLoopback else { throw CoreError.plainLocalListen(address) }
        return address
    }
}

extension CoreError {
    static func plainLocalListen(_ address: ListenAddress, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(.plainLocalListen,
                  message: "Giao diện web được cấu hình nghe tại \(address) (network.localListen): máy khác trong mạng kết nối được, "
                      + "nhưng chưa bật HTTPS nên mật khẩu và phiên đăng nhập sẽ đi qua mạng không mã hóa. "
                      + "Hãy thêm vào mục network của tệp cấu hình \"localTLS: node\" (dùng chứng thư TLS của nút) "
                      + "hoặc localTLS với certificate và key do tỉnh cấp; hoặc chỉ nghe tại máy này (127.0.0.1).",
                  log: "local listen \(address) is not loopback and has no localTLS", file: file, line: line)
    }
}
