/// What `baocao host` runs (`host.yaml`): the nodes of many units of one province in one
/// process, their web interfaces behind one HTTPS address, each under its own path.
///
/// ```yaml
/// province: "25"                 # the province whose units are hosted (BẮT BUỘC)
/// title: Tỉnh Phú Thọ            # the name on the first page (default: the province's name)
/// web:
///   listen: 0.0.0.0:443          # default 127.0.0.1:8080; beyond the loopback only with tls
///   tls:                         # as network.localTLS of a node: certificate and key, or pkcs12
///     certificate: /etc/baocao/web.pem
///     key: /etc/baocao/web.key
///   hosts: [baocao.phutho.gov.vn]
///   signInAttemptsPerMinute: 300 # per client address, over every unit (default 10)
/// syncIntervalSeconds: 60        # each unit's sync with its parent
/// units:                         # each unit's own node configuration (baocao init --config …)
///   - don-vi/08515.yaml
///   - don-vi/08518.yaml
/// ```
///
/// Each unit keeps its own configuration, database, keys and sync, exactly as on a machine
/// of its own: that is what lets it move out to one (`baocao host export`) and back.
public struct HostConfiguration: Sendable, Hashable, Codable {
    /// The province every hosted unit belongs to.
    public var province: String
    public var title: String?
    public var web: Web?
    public var syncIntervalSeconds: Int?
    /// The units' node configuration files (`units:`), relative to `host.yaml`'s folder.
    public var unitFiles: [String]

    private enum CodingKeys: String, CodingKey {
        case province, title, web, syncIntervalSeconds
        case unitFiles = "units"
    }

    public struct Web: Sendable, Hashable, Codable {
        public var listen: String?
        /// The address's HTTPS identity: a certificate and key, or a PKCS#12 file; not `node`
        /// (the units' own TLS certificates name the units, not the address).
        public var tls: LocalTLSConfiguration?
        public var hosts: [String]?
        /// Sign-in attempts each client address may make per minute, over every hosted unit
        /// together. The default is 10, as on a node; a province whose communes' staff reach
        /// the host through few addresses (an office's NAT) sets more.
        public var signInAttemptsPerMinute: Int?

        public init(listen: String? = nil, tls: LocalTLSConfiguration? = nil, hosts: [String]? = nil, signInAttemptsPerMinute: Int? = nil) {
            self.listen = listen
            self.tls = tls
            self.hosts = hosts
            self.signInAttemptsPerMinute = signInAttemptsPerMinute
        }
    }

    public init(province: String, title: String? = nil, web: Web? = nil, syncIntervalSeconds: Int? = nil, unitFiles: [String]) {
        self.province = province
        self.title = title
        self.web = web
        self.syncIntervalSeconds = syncIntervalSeconds
        self.unitFiles = unitFiles
    }

    public static let defaultListen = "127.0.0.1:8080"

    /// Where the host's web server listens: refused beyond the loopback without HTTPS, as a
    /// node's web interface is (``NetworkConfiguration/localListenAddress()``).
    public func listenAddress() throws -> ListenAddress {
        let address = try ListenAddress(web?.listen ?? Self.defaultListen, field: "web.listen")
        guard web?.tls != nil || address.isLoopback else {
            throw CoreError(.plainLocalListen,
                            message: "Máy chủ chung được cấu hình nghe tại \(address) (web.listen): máy khác trong mạng kết nối được, "
                                + "nhưng chưa bật HTTPS nên mật khẩu và phiên đăng nhập sẽ đi qua mạng không mã hóa. "
                                + "Hãy khai báo web.tls (certificate và key do tỉnh cấp, hoặc pkcs12), hoặc chỉ nghe tại máy này (127.0.0.1).",
                            log: "host listen \(address) is not loopback and has no tls")
        }
        return address
    }
}
