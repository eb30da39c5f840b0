import BaoCaoCore
import Foundation

/// What the development CA of `pki init-dev` has revoked, kept beside its key as
/// `revoked.json`, and the CRL it signs from that (`crl.pem`): for `baocao pki revoke` and
/// `baocao pki crl`. A province publishes the CRL in its next release (`release publish --crl`).
public struct AuthorityRevocations: Sendable {
    public static let recordsFileName = "revoked.json"
    public static let listFileName = "crl.pem"
    /// How long a CRL of the development CA stays current by default (its nextUpdate).
    public static let defaultValidityDays = 7

    public let directory: URL
    public let authority: SigningIdentity
    public private(set) var revoked: [RevokedCertificate]

    /// The CA in `directory` (`root.pem`, `root.key`) and what it revoked so far.
    public init(directory: URL) throws {
        self.directory = directory
        let keyURL = directory.appendingPathComponent("root.key"), certificateURL = directory.appendingPathComponent("root.pem")
        guard let key = FileManager.default.contents(atPath: keyURL.path),
              let certificate = FileManager.default.contents(atPath: certificateURL.path) else {
            throw BundleError(.invalidCertificate, message: "Thư mục \(directory.path) không có CA (root.pem và root.key).",
                              log: "no CA in \(directory.path)")
        }
        authority = try SigningIdentity(keyPEM: key, certificatePEM: certificate)
        let records = directory.appendingPathComponent(Self.recordsFileName)
        if let data = FileManager.default.contents(atPath: records.path) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            do {
                revoked = try decoder.decode([RevokedCertificate].self, from: data)
            } catch {
                throw BundleError.invalidRevocationList("tệp \(records.path) không đúng định dạng")
            }
        } else {
            revoked = []
        }
    }

    /// Records `certificate` as revoked at `instant`; it must be one this CA issued.
    /// Revoking it again changes nothing.
    ///
    /// #### Errors
    /// ``BundleError`` `untrustedCertificate` for a certificate another authority issued.
    public mutating func revoke(_ certificate: Certificate, at instant: Date, reason: String) throws {
        guard case .success = try TrustStore(anchors: [authority.certificate]).chain(for: certificate) else {
            throw BundleError(.untrustedCertificate,
                message: "Chứng thư \(certificate.subject) không do CA \(authority.certificate.subject) cấp; CA này không thu hồi được.",
                log: "certificate \(certificate.fingerprint) not issued by \(authority.certificate.fingerprint)")
        }
        guard !revoked.contains(where: { $0.serialNumber == certificate.serialNumber }) else { return }
        revoked.append(RevokedCertificate(certificate, at: instant, reason: reason))
        try PKIFiles.write(PKIFiles.encode(revoked), to: directory.appendingPathComponent(Self.recordsFileName))
    }

    /// The CA's CRL as of `now`, current for `validityDays`.
    public func revocationList(at now: Date, validityDays: Int = defaultValidityDays) throws -> RevocationList {
        try RevocationList.issue(by: authority, revoked: revoked, thisUpdate: now,
                                 nextUpdate: now.addingTimeInterval(TimeInterval(validityDays) * 86_400))
    }
}
