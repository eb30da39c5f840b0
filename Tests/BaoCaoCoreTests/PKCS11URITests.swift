import BaoCaoCore
import Foundation
import Testing

@Suite("PKCS#11 URIs (RFC 7512) and signing key sources")
struct PKCS11URITests {
    /// A URI as a token's tools print it: percent-encoded label, binary id, module path.
    @Test func uri_isReadWithPercentDecoding() throws {
        let uri = try PKCS11URI("pkcs11:token=L%C3%A3nh%20%C4%91%E1%BA%A1o;object=k%C3%BD-s%E1%BB%91;id=%01%A2;serial=0123abcd"
                                + "?module-path=/usr/lib/softhsm/libsofthsm2.so")
        #expect(uri.token == "Lãnh đạo")
        #expect(uri.object == "ký-số")
        #expect(uri.id == [0x01, 0xA2])
        #expect(uri.serial == "0123abcd")
        #expect(uri.modulePath == "/usr/lib/softhsm/libsofthsm2.so")
        // What a PKCS#11 library is given: the same token and object, of the type asked, no query.
        #expect(uri.locating(type: "cert") == "pkcs11:token=L%C3%A3nh%20%C4%91%E1%BA%A1o;serial=0123abcd;object=k%C3%BD-s%E1%BB%91;type=cert;id=%01%A2")
        // Written back and read again, it is the same URI.
        #expect(try PKCS11URI(uri.description) == uri)
    }

    /// A PIN is never stored: a URI carrying one is refused, naming the attribute.
    @Test(arguments: ["pkcs11:token=A;object=k;pin-value=123456", "pkcs11:token=A?pin-value=123456", "pkcs11:token=A?pin-source=file:/tmp/pin"])
    func pinInURI_isRefused(text: String) {
        #expect {
            try PKCS11URI(text)
        } throws: { error in
            guard let error = error as? CoreError, error.code == .pinInPKCS11URI else { return false }
            let attribute = text.contains("pin-value") ? "pin-value" : "pin-source"
            return error.message.contains("\"\(attribute)\"") && error.message.contains("PIN") && !error.logDescription.contains("123456")
        }
    }

    /// Text that is not RFC 7512, or that BaoCao cannot honour, is refused with the reason.
    @Test(arguments: [
        ("token=A", "pkcs11:"),
        ("pkcs11:token=A;token=B", "hai lần"),
        ("pkcs11:token=A;slot-id=3", "slot-id"),
        ("pkcs11:token=%4", "hai chữ số"),
        ("pkcs11:object=k;type=secret", "type=secret"),
        ("pkcs11:token", "thiếu dấu"),
        ("pkcs11:token=A?module-path=libsofthsm2.so", "đường dẫn tuyệt đối"),
        ("pkcs11:", "không nêu thẻ"),
    ])
    func malformedURI_isRefusedWithItsReason(text: String, reason: String) {
        #expect {
            try PKCS11URI(text)
        } throws: { error in
            guard let error = error as? CoreError, error.code == .invalidPKCS11URI else { return false }
            return error.message.contains(reason)
        }
    }

    /// The `signing:` section names a token key with its module and PIN variable.
    @Test func signingSection_namesATokenKey() throws {
        let json = #"{"pkcs11":"pkcs11:token=Don%20vi;id=%02","module":"/usr/lib/softhsm/libsofthsm2.so","pinEnvironment":"BAOCAO_PIN"}"#
        let source = try JSONDecoder().decode(SigningKeySource.self, from: Data(json.utf8))
        let kind = try source.kind()
        #expect(kind == .token(try PKCS11URI("pkcs11:token=Don%20vi;id=%02"), module: "/usr/lib/softhsm/libsofthsm2.so", certificate: nil))
        #expect(source.pinEnvironment == "BAOCAO_PIN")

        // A PIN in the file's URI is refused as the file is read.
        let withPIN = #"{"pkcs11":"pkcs11:token=A;pin-value=1234","module":"/m.so"}"#
        #expect(throws: CoreError.self) { try JSONDecoder().decode(SigningKeySource.self, from: Data(withPIN.utf8)) }
    }

    /// A key source must be exactly one of the three, and a token key needs its module.
    @Test func incompleteOrMixedSource_isRefused() throws {
        let noModule = SigningKeySource(pkcs11: try PKCS11URI("pkcs11:token=A;object=k"))
        #expect(throws: CoreError.self) { try noModule.kind() }
        let mixed = SigningKeySource(pkcs12: "a.p12", pkcs11: try PKCS11URI("pkcs11:token=A?module-path=/m.so"))
        #expect(throws: CoreError.self) { try mixed.kind() }
        #expect(throws: CoreError.self) { try SigningKeySource(key: "k.pem").kind() }
        #expect(try SigningKeySource(key: "k.pem", certificate: "c.pem").kind() == .pem(key: "k.pem", certificate: "c.pem"))
        // The module may come from the URI itself.
        guard case .token(let uri, let module, nil) = try SigningKeySource(argument: "pkcs11:token=A;object=k?module-path=/m.so").kind() else {
            Issue.record("a pkcs11: argument is not read as a token key")
            return
        }
        #expect(uri.object == "k" && module == "/m.so")
        #expect(try SigningKeySource(argument: "lanh-dao.p12").kind() == .pkcs12("lanh-dao.p12"))
        #expect(throws: CoreError.self) { try SigningKeySource(argument: "lanh-dao.key") }
    }
}
