import BaoCaoCore
import Foundation
import Testing

/// The local port (web interface) listens beyond the loopback only over HTTPS: a node
/// whose configuration says otherwise is refused at start, with the address and the fix.
@Suite("Local listen address and its TLS")
struct LocalListenTests {
    @Test(arguments: ["127.0.0.1:8080", "127.4.5.6:80", "[::1]:8080", "::1:8080", "localhost:8080", "[::ffff:127.0.0.1]:8080"])
    func loopback_withoutTLS_isAllowed(_ listen: String) throws {
        let address = try NetworkConfiguration(localListen: listen).localListenAddress()
        #expect(address.isLoopback)
        #expect(address.port == 8080 || address.port == 80)
    }

    @Test(arguments: ["0.0.0.0:8080", "[::]:8080", ":::8080", "10.0.0.5:8080", "192.168.1.20:8080", "128.0.0.1:8080",
                      "baocao.lacson.hoabinh.gov.vn:8080", "[fe80::1]:8080", "[::2]:8080"])
    func beyondTheLoopback_withoutTLS_isRefused_namingTheAddressAndTheFix(_ listen: String) throws {
        let error = try #require(throws: CoreError.self) { try NetworkConfiguration(localListen: listen).localListenAddress() }
        #expect(error.code == .plainLocalListen)
        let shown = try ListenAddress(listen, field: "network.localListen").description
        #expect(error.message.contains("nghe tại \(shown) (network.localListen)"), "\(error.message)")
        #expect(error.message.contains("localTLS: node") && error.message.contains("certificate và key"), "\(error.message)")
        // With TLS the same address is taken.
        var withTLS = NetworkConfiguration(localListen: listen)
        withTLS.localTLS = .node
        #expect(try withTLS.localListenAddress().description == shown)
    }

    @Test func noLocalListen_isTheLoopback() throws {
        #expect(try NetworkConfiguration().localListenAddress() == ListenAddress(host: "127.0.0.1", port: 8080))
    }

    @Test func malformedAddress_isNamed() throws {
        let error = try #require(throws: CoreError.self) { try NetworkConfiguration(localListen: "0.0.0.0").localListenAddress() }
        #expect(error.code == .invalidListenAddress && error.message.contains("network.localListen"))
    }

    /// The three shapes of `localTLS`, read as a configuration file gives them, and anything else refused.
    @Test func localTLS_readsItsThreeShapes() throws {
        func read(_ json: String) throws -> LocalTLSConfiguration? {
            try JSONDecoder().decode(NetworkConfiguration.self, from: Data(#"{"localListen":"0.0.0.0:8080","localTLS":\#(json)}"#.utf8)).localTLS
        }
        #expect(try read(#""node""#) == .node)
        #expect(try read(#"{"certificate":"web.pem","key":"web.key"}"#) == .files(certificate: "web.pem", key: "web.key", passwordEnvironment: nil))
        #expect(try read(#"{"pkcs12":"web.p12","passwordEnvironment":"P"}"#) == .pkcs12("web.p12", passwordEnvironment: "P"))
        for wrong in [#""nut""#, #"{"certificate":"web.pem"}"#, #"{"certificate":"a","key":"b","pkcs12":"c"}"#, "{}"] {
            #expect(throws: DecodingError.self, "\(wrong)") { try read(wrong) }
        }
        // Written back the same way (the demo writes its configurations from this type).
        for shape in [LocalTLSConfiguration.node, .files(certificate: "a.pem", key: "a.key", passwordEnvironment: "P"), .pkcs12("a.p12", passwordEnvironment: nil)] {
            var network = NetworkConfiguration(localListen: "0.0.0.0:1")
            network.localTLS = shape
            let again = try JSONDecoder().decode(NetworkConfiguration.self, from: JSONEncoder().encode(network))
            #expect(again.localTLS == shape)
        }
    }
}
