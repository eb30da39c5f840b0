import BaoCaoBundle
import BaoCaoCore
import Foundation

/// The leader's key the service signs with, opened with the PIN the leader types on the
/// confirmation page for each signature and then let go: the PIN is kept nowhere.
///
/// On a token (PKCS#11), opening it logs in with the PIN; for development, an encrypted
/// PEM key file stands in, the PIN being its password — so a wrong PIN is refused alike.
public struct PersonalKey: Sendable {
    /// The leader's certificate, shown on the confirmation page and returned with the signature.
    public let certificate: Certificate
    /// The certificates between it and its anchor, returned with it.
    public let chain: [Certificate]
    private let open: @Sendable (String) throws -> SigningIdentity
    /// Tells a wrong PIN from any other failure to open the key.
    private let isWrongPIN: @Sendable (any Error) -> Bool

    /// A key opened by `open` given the PIN; `isWrongPIN` says which of its errors mean the PIN was wrong.
    public init(certificate: Certificate, chain: [Certificate], open: @escaping @Sendable (String) throws -> SigningIdentity,
                isWrongPIN: @escaping @Sendable (any Error) -> Bool) {
        self.certificate = certificate
        self.chain = chain
        self.open = open
        self.isWrongPIN = isWrongPIN
    }

    /// A development key: an encrypted PEM private key whose password is the PIN, and its
    /// certificate (with any intermediates after it).
    public static func developmentFile(keyPEM: Data, certificatePEM: Data) throws -> PersonalKey {
        let certificates = try Certificate.all(pem: certificatePEM)
        guard let certificate = certificates.first else {
            throw SignServiceError(.invalidRequest, message: "Tệp chứng thư số của người ký không có chứng thư nào.", log: "empty certificate file")
        }
        guard keyPEM.contains(Data("ENCRYPTED".utf8)) else {
            throw SignServiceError(.invalidRequest,
                message: "Khóa bí mật dùng thử của người ký phải được mã hóa bằng mật khẩu (mật khẩu là mã PIN nhập khi ký).",
                log: "development key file not encrypted")
        }
        return PersonalKey(certificate: certificate, chain: Array(certificates.dropFirst()),
                           open: { pin in try SigningIdentity(key: PrivateKey(pem: keyPEM, password: pin), certificate: certificate,
                                                              chain: Array(certificates.dropFirst())) },
                           isWrongPIN: { ($0 as? BundleError)?.code == .invalidKey })
    }

    /// Signs the attributes with the key opened by `pin`; a wrong PIN is ``SignServiceError`` `wrongPIN`.
    func sign(_ attributes: SignedAttributes, pin: String) throws -> Data {
        let identity: SigningIdentity
        do {
            identity = try open(pin)
        } catch where isWrongPIN(error) {
            throw SignServiceError(.wrongPIN, message: "Mã PIN không đúng. Hãy nhập lại; chưa có gì được ký.",
                                   log: "wrong PIN: \((error as? any CodedError)?.logDescription ?? "\(error)")")
        }
        guard identity.certificate == certificate else {
            throw SignServiceError(.invalidRequest, message: "Khóa trên thẻ không phải khóa của chứng thư số \(certificate.subject).",
                                   log: "opened key's certificate differs")
        }
        return try attributes.signature(with: identity)
    }
}
