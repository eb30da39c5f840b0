import BaoCaoBundle
import BaoCaoCore
import Foundation

/// The leader's key the service signs with, opened with the PIN the leader types on the
/// confirmation page for each signature and then let go: the PIN is kept nowhere.
///
/// On a token (PKCS#11) each signature is made by a process of its own that logs in with
/// the PIN and ends (``token(certificatePEM:sign:)``): a process that has logged in to a
/// token stays logged in, and the service must have the PIN checked for every signature.
/// For development, an encrypted PEM key file stands in, the PIN being its password — so a
/// wrong PIN is refused alike.
public struct PersonalKey: Sendable {
    /// The leader's certificate, shown on the confirmation page and returned with the signature.
    public let certificate: Certificate
    /// The certificates between it and its anchor, returned with it.
    public let chain: [Certificate]
    private let signer: @Sendable (SignedAttributes, String) throws -> Data

    /// A key that signs attributes given the PIN; `sign` throws ``SignServiceError`` `wrongPIN`
    /// for a wrong PIN.
    public init(certificate: Certificate, chain: [Certificate], sign: @escaping @Sendable (SignedAttributes, String) throws -> Data) {
        self.certificate = certificate
        self.chain = chain
        self.signer = sign
    }

    /// A development key: an encrypted PEM private key whose password is the PIN, and its
    /// certificate (with any intermediates after it).
    public static func developmentFile(keyPEM: Data, certificatePEM: Data) throws -> PersonalKey {
        let (certificate, chain) = try certificates(certificatePEM)
        guard keyPEM.contains(Data("ENCRYPTED".utf8)) else {
            throw SignServiceError(.invalidRequest,
                message: "Khóa bí mật dùng thử của người ký phải được mã hóa bằng mật khẩu (mật khẩu là mã PIN nhập khi ký).",
                log: "development key file not encrypted")
        }
        return PersonalKey(certificate: certificate, chain: chain) { attributes, pin in
            let key: PrivateKey
            do {
                key = try PrivateKey(pem: keyPEM, password: pin)
            } catch let error as BundleError where error.code == .invalidKey {
                throw wrongPIN(error.logDescription)
            }
            return try attributes.signature(with: SigningIdentity(key: key, certificate: certificate, chain: chain))
        }
    }

    /// A key on a token, signing through `sign` (attributes and PIN in, signature out) —
    /// which maps the token's wrong-PIN refusal to ``wrongPIN(_:)``.
    public static func token(certificatePEM: Data, sign: @escaping @Sendable (SignedAttributes, String) throws -> Data) throws -> PersonalKey {
        let (certificate, chain) = try certificates(certificatePEM)
        return PersonalKey(certificate: certificate, chain: chain, sign: sign)
    }

    /// The refusal of a wrong PIN, as the confirmation page says it.
    public static func wrongPIN(_ log: String) -> SignServiceError {
        SignServiceError(.wrongPIN, message: "Mã PIN không đúng. Hãy nhập lại; chưa có gì được ký.", log: "wrong PIN: \(log)")
    }

    private static func certificates(_ pem: Data) throws -> (Certificate, [Certificate]) {
        let certificates = try Certificate.all(pem: pem)
        guard let certificate = certificates.first else {
            throw SignServiceError(.invalidRequest, message: "Tệp chứng thư số của người ký không có chứng thư nào.", log: "empty certificate file")
        }
        return (certificate, Array(certificates.dropFirst()))
    }

    /// Signs the attributes with the key opened by `pin`; a wrong PIN is ``SignServiceError`` `wrongPIN`.
    func sign(_ attributes: SignedAttributes, pin: String) throws -> Data {
        let signature = try signer(attributes, pin)
        // What comes back must be this certificate's signature over these attributes.
        do {
            try SignedDataBuilder.check(.init(certificate: certificate, chain: chain, attributes: attributes, signature: signature))
        } catch let error as BundleError {
            throw SignServiceError(.keyUnavailable, message: "Khóa trên thẻ không phải khóa của chứng thư số \(certificate.subject): \(error.message)",
                                   log: "signature does not verify with the configured certificate: \(error.logDescription)")
        }
        return signature
    }
}
