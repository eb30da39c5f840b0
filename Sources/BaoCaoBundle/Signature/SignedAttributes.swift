import BaoCaoCore
import Foundation

/// The signed attributes of one SignerInfo in the bundle profile (RFC 5652 §5.3, §11):
/// content type id-data, signing time and message digest (the SHA-256 of the content), as
/// the DER SET OF their signature covers — sorted as DER requires.
///
/// A node builds them for a person whose key is elsewhere (on a token on the leader's PC):
/// the signing service checks them (``init(der:)``) against the content it is shown, signs
/// ``der``, and the node puts them and that signature into the SignerInfo it assembles
/// (``SignedDataBuilder``).
public struct SignedAttributes: Sendable, Equatable {
    /// The SHA-256 of the content, the message-digest attribute.
    public let contentDigest: [UInt8]
    /// The signing-time attribute, to the second.
    public let signingTime: Date
    /// The DER SET OF (tag 0x31): exactly the bytes a signature over these attributes signs.
    public let der: Data

    /// The attributes for content whose SHA-256 is `contentDigest`, signed at `signingTime`
    /// (its fraction of a second dropped, as the DER time has none).
    public init(contentDigest: [UInt8], signingTime: Date) {
        let time = Date(timeIntervalSince1970: signingTime.timeIntervalSince1970.rounded(.down))
        self.contentDigest = contentDigest
        self.signingTime = time
        der = Data(DERWriter.set([
            Self.attribute(CMSObjectIdentifier.contentTypeAttribute, DERWriter.objectIdentifier(CMSObjectIdentifier.data)),
            Self.attribute(CMSObjectIdentifier.signingTimeAttribute, DERWriter.time(time)),
            Self.attribute(CMSObjectIdentifier.messageDigestAttribute, DERWriter.octetString(contentDigest)),
        ]))
    }

    /// Reads attributes made elsewhere, strictly: a DER SET OF with exactly the content type
    /// id-data, a signing time and a 32-byte message digest, nothing else — a signer is
    /// never asked to sign an attribute it was not shown.
    public init(der: Data) throws {
        do {
            var reader = DERReader(bytes: [UInt8](der)[...])
            let set = try reader.read(tag: 0x31)
            guard reader.isAtEnd else { throw Self.invalid("có dữ liệu thừa sau các thuộc tính") }
            // The SignerInfo reader checks what the verifier checks; this adds "nothing else".
            let signer = try SignerInfo.attributes(of: set)
            guard signer.count == 3 else {
                throw Self.invalid("chỉ được có ba thuộc tính (kiểu nội dung, thời điểm ký, mã băm), có \(signer.count)")
            }
            guard let contentType = signer.contentType, contentType.elementsEqual(CMSObjectIdentifier.data) else {
                throw Self.invalid("thuộc tính kiểu nội dung thiếu hoặc không phải id-data")
            }
            guard let digest = signer.messageDigest, digest.count == 32 else { throw Self.invalid("thuộc tính mã băm SHA-256 thiếu hoặc sai độ dài") }
            guard let time = signer.signingTime else { throw Self.invalid("thiếu thuộc tính thời điểm ký") }
            self.init(contentDigest: Array(digest), signingTime: time)
            guard self.der == der else { throw Self.invalid("các thuộc tính không ở dạng mã hóa DER duy nhất") }
        } catch let failure as DERReader.Failure {
            throw Self.invalid("không phải cấu trúc DER (\(failure.reason))")
        } catch let failure as SignedData.Failure {
            throw Self.invalid(failure.reason)
        }
    }

    /// The attributes as a SignerInfo carries them: `[0] IMPLICIT`.
    var implicitlyTagged: [UInt8] { [0xA0] + der.dropFirst() }

    private static func attribute(_ type: [UInt8], _ value: [UInt8]) -> [UInt8] {
        DERWriter.sequence([DERWriter.objectIdentifier(type), DERWriter.set([value])])
    }

    static func invalid(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.invalidSignedAttributes, message: "Các thuộc tính cần ký không hợp lệ: \(reason).",
                    log: "invalid signed attributes: \(reason)", file: file, line: line)
    }
}

extension ErrorCode where Domain == BundleDomain {
    /// Signed attributes, made elsewhere, outside the bundle profile.
    public static let invalidSignedAttributes = Self("invalidSignedAttributes")
}

extension SignedAttributes {
    /// The signature of these attributes with the identity's key (on a token, the token
    /// signs): SHA-256 with RSA PKCS #1 v1.5, or DER ECDSA — what a SignerInfo carries.
    public func signature(with identity: SigningIdentity) throws -> Data {
        try identity.signSHA256(der)
    }
}
