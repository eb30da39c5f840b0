import BaoCaoCore
import Foundation

extension TrustList {
    /// The encryption certificates the release lists for `unit` (``encryption``), in order:
    /// those records for it are sealed to. None when the release lists none.
    ///
    /// #### Errors
    /// ``BundleError`` `encryptionCertificateInvalid` when one does not read (a release
    /// carrying such a list is refused before it is in force, ``checkEncryptionCertificates()``).
    public func encryptionCertificates(for unit: UnitCode) throws -> [Certificate] {
        try (encryption?[unit.rawValue] ?? []).flatMap { pem in
            let certificates = (try? Certificate.all(pem: Data(pem.utf8))) ?? []
            guard !certificates.isEmpty else {
                throw BundleError.encryptionCertificateInvalid(unit: unit.rawValue, nil, reason: "không đọc được chứng thư (PEM)")
            }
            return certificates
        }
    }

    /// Checks every listed encryption certificate: it reads, its unit code is one, it chains
    /// to the anchors (and intermediates) of this trust list within ``AlgorithmFloor``, and it
    /// is an encryption certificate (``Certificate/isForEncryption``) — a signing-only
    /// certificate listed as one is refused. A node refuses a release that fails this, and
    /// the province does not publish one.
    ///
    /// #### Errors
    /// ``BundleError`` `encryptionCertificateInvalid` naming the unit, the certificate and why.
    public func checkEncryptionCertificates() throws {
        guard let encryption, !encryption.isEmpty else { return }
        let store = try trustStore()
        for (unit, _) in encryption.sorted(by: { $0.key < $1.key }) {
            guard let code = try? UnitCode(parsing: unit) else {
                throw BundleError.encryptionCertificateInvalid(unit: String(unit.prefix(40)), nil, reason: "mã đơn vị không hợp lệ")
            }
            for certificate in try encryptionCertificates(for: code) {
                try Self.check(certificate, of: unit, against: store)
            }
        }
    }

    /// The trust list with `certificate` listed as an encryption certificate of `unit`
    /// (after those already listed), checked first as ``checkEncryptionCertificates()``
    /// checks; listing one already there changes nothing.
    public func adding(encryptionCertificate certificate: Certificate, for unit: UnitCode) throws -> TrustList {
        try Self.check(certificate, of: unit.rawValue, against: try trustStore())
        var result = self
        var listed = result.encryption?[unit.rawValue] ?? []
        guard try !encryptionCertificates(for: unit).contains(certificate) else { return self }
        listed.append(String(decoding: certificate.pem, as: UTF8.self))
        result.encryption = (result.encryption ?? [:]).merging([unit.rawValue: listed]) { _, new in new }
        return result
    }

    /// The trust list without the encryption certificate of that fingerprint (revoked).
    public func removingEncryptionCertificate(_ fingerprint: String) -> TrustList {
        guard let encryption else { return self }
        var result = self
        result.encryption = encryption.mapValues { list in
            list.filter { pem in !((try? Certificate.all(pem: Data(pem.utf8))) ?? []).contains { $0.fingerprint == fingerprint } }
        }
        return result
    }

    private static func check(_ certificate: Certificate, of unit: String, against store: TrustStore) throws {
        switch store.chain(for: certificate) {
        case .success: break
        case .failure(.belowAlgorithmFloor(let weak)):
            throw BundleError.encryptionCertificateInvalid(unit: unit, certificate, reason: "không đạt mức an toàn tối thiểu (\(weak.message))")
        case .failure(.cryptoFailure(let error)):
            throw error
        case .failure:
            throw BundleError.encryptionCertificateInvalid(unit: unit, certificate, reason: "chứng thư không do tổ chức cấp chứng thư trong danh sách tin cậy cấp")
        }
        guard certificate.isForEncryption else {
            let reason = certificate.allowsSigning && !certificate.isCertificateAuthority
                ? "đây là chứng thư chỉ dùng để ký số, không phải chứng thư mã hóa (cần keyEncipherment với khóa RSA hoặc keyAgreement với khóa EC, không có digitalSignature)"
                : "chứng thư không có mục đích mã hóa (cần keyEncipherment với khóa RSA hoặc keyAgreement với khóa EC, không có digitalSignature)"
            throw BundleError.encryptionCertificateInvalid(unit: unit, certificate, reason: reason)
        }
    }
}
