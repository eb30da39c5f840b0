import BaoCaoCore
import COpenSSL
import Foundation

/// A certificate revocation list (danh sách chứng thư bị thu hồi, CRL, RFC 5280 §5) that a
/// certification authority signed, held by libcrypto.
///
/// Immutable once read, so it is shared freely between tasks: the entries are put in
/// serial order once, here, before anyone else can look them up, and whether an authority
/// signed the list is remembered per authority (a signature check costs as much as a
/// bundle's, and every bundle consults the list).
public final class RevocationList: @unchecked Sendable, Hashable, CustomStringConvertible {
    private let pointer: OpaquePointer
    private let signedBy = IssuerMemo()

    /// The DER encoding, byte for byte as read.
    public let der: Data
    /// SHA-256 of ``der``, in hex.
    public let fingerprint: String
    /// The issuing authority's name, as one line (`CN=…, O=…`).
    public let issuer: String
    /// When the authority issued this list (thisUpdate).
    public let thisUpdate: Date
    /// When the authority promises the next one (nextUpdate); `nil` if it names none.
    public let nextUpdate: Date?
    /// How many certificates the list names.
    public let entryCount: Int

    private init(owning pointer: OpaquePointer, der: Data) throws {
        let owned = Owned(pointer, free: X509_CRL_free)
        self.der = der
        self.fingerprint = try SHA256Digest.hexDigest(of: der)
        self.issuer = try Certificate.describe(X509_CRL_get_issuer(pointer))
        let thisUpdate = baocao_asn1_time_to_unix(X509_CRL_get0_lastUpdate(pointer))
        guard thisUpdate != -1 else { throw BundleError.invalidRevocationList("không đọc được ngày phát hành (thisUpdate)") }
        self.thisUpdate = Date(timeIntervalSince1970: TimeInterval(thisUpdate))
        if let next = X509_CRL_get0_nextUpdate(pointer) {
            let seconds = baocao_asn1_time_to_unix(next)
            guard seconds != -1 else { throw BundleError.invalidRevocationList("không đọc được ngày cập nhật kế tiếp (nextUpdate)") }
            self.nextUpdate = Date(timeIntervalSince1970: TimeInterval(seconds))
        } else {
            self.nextUpdate = nil
        }
        guard X509_CRL_get_version(pointer) <= 1 else { throw BundleError.invalidRevocationList("phiên bản CRL không được hỗ trợ") }
        self.entryCount = Int(baocao_x509_crl_entry_count(pointer))
        // libcrypto sorts the entries by serial at the first look-up; done here, while no
        // other thread can see the list, every later look-up only reads.
        var ignored: OpaquePointer? = nil
        if let probe = ASN1_INTEGER_new() {
            _ = X509_CRL_get0_by_serial(pointer, &ignored, probe)
            ASN1_INTEGER_free(probe)
        }
        ERR_clear_error()
        self.pointer = owned.take()
    }

    deinit { X509_CRL_free(pointer) }

    /// Reads one CRL from DER; anything after it is refused.
    public convenience init(der: Data) throws {
        var consumed = 0
        let pointer: OpaquePointer? = der.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            let crl = d2i_X509_CRL(nil, &cursor, raw.count)
            consumed = cursor.map { $0 - base } ?? 0
            return crl
        }
        guard let pointer else { throw BundleError.invalidRevocationList("không phải CRL dạng DER (\(OpenSSLFailure.drain()))") }
        guard consumed == der.count else {
            X509_CRL_free(pointer)
            throw BundleError.invalidRevocationList("có \(der.count - consumed) byte thừa sau CRL")
        }
        try self.init(owning: pointer, der: der)
    }

    /// Every CRL of a file: DER (one list), or PEM (`-----BEGIN X509 CRL-----`, one or more).
    public static func read(_ data: Data) throws -> [RevocationList] {
        guard data.starts(with: Data("-----".utf8)) || String(decoding: data.prefix(4096), as: UTF8.self).contains("-----BEGIN X509 CRL-----") else {
            return [try RevocationList(der: data)]
        }
        let lists = try MemoryBIO.withReading(data) { bio in
            var result: [RevocationList] = []
            while let pointer = PEM_read_bio_X509_CRL(bio, nil, nil, nil) {
                defer { X509_CRL_free(pointer) }
                result.append(try RevocationList(der: encodeDER(pointer)))
            }
            ERR_clear_error()  // the loop ends on a "no start line" error
            return result
        }
        guard !lists.isEmpty else { throw BundleError.invalidRevocationList("tệp PEM không có khối X509 CRL nào đọc được") }
        return lists
    }

    /// The PEM encoding, as a release carries it.
    public var pem: String { String(decoding: PEM.encode(der, label: "X509 CRL"), as: UTF8.self) }

    /// Whether `authority` issued this list: its subject is the list's issuer and its key
    /// verifies the list's signature.
    public func isIssued(by authority: Certificate) -> Bool {
        if let known = signedBy.value(for: authority.fingerprint) { return known }
        guard let subject = X509_get_subject_name(authority.pointer), X509_NAME_cmp(subject, X509_CRL_get_issuer(pointer)) == 0,
              let key = X509_get0_pubkey(authority.pointer) else {
            signedBy.store(false, for: authority.fingerprint)
            return false
        }
        let verified = X509_CRL_verify(pointer, key)
        ERR_clear_error()
        // A negative answer is libcrypto failing (no memory), not the list: not remembered.
        guard verified >= 0 else { return false }
        signedBy.store(verified == 1, for: authority.fingerprint)
        return verified == 1
    }

    /// When the list says `certificate` was revoked, if it lists it. Serial numbers are
    /// unique per authority only: ask only a list ``isIssued(by:)`` the certificate's issuer.
    public func revocationDate(of certificate: Certificate) -> Date? {
        var entry: OpaquePointer? = nil
        // 1: listed; 2: listed as removeFromCRL (a delta CRL's "no longer on hold"), not revoked.
        guard X509_CRL_get0_by_serial(pointer, &entry, X509_get0_serialNumber(certificate.pointer)) == 1, let entry else { return nil }
        let seconds = baocao_asn1_time_to_unix(X509_REVOKED_get0_revocationDate(entry))
        // An entry whose date cannot be read revokes from the beginning of time: refusing is the safe side.
        return Date(timeIntervalSince1970: seconds == -1 ? 0 : TimeInterval(seconds))
    }

    /// Whether the list is still the authority's current word at `instant`: issued, and
    /// its nextUpdate not passed.
    public func isCurrent(at instant: Date) -> Bool {
        guard let nextUpdate else { return true }
        return instant < nextUpdate
    }

    public var description: String { "CRL \(issuer) \(thisUpdate.formatted(.iso8601)) [\(fingerprint.prefix(16))…]" }

    public static func == (lhs: RevocationList, rhs: RevocationList) -> Bool { lhs.fingerprint == rhs.fingerprint }
    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    private static func encodeDER(_ pointer: OpaquePointer) throws -> Data {
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_X509_CRL(pointer, &out)
        guard let out else { throw BundleError.cryptoFailure("ghi danh sách thu hồi (DER)") }
        defer { baocao_OPENSSL_free(out) }
        guard length > 0 else { throw BundleError.cryptoFailure("ghi danh sách thu hồi (DER)") }
        return Data(bytes: out, count: Int(length))
    }

    /// Which authorities signed the list, by certificate fingerprint.
    private final class IssuerMemo: @unchecked Sendable {
        private var answers: [String: Bool] = [:]
        private let lock = NSLock()

        func value(for fingerprint: String) -> Bool? { lock.withLock { answers[fingerprint] } }
        func store(_ answer: Bool, for fingerprint: String) {
            lock.withLock {
                if answers.count >= 64 { answers.removeAll(keepingCapacity: true) }
                answers[fingerprint] = answer
            }
        }
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let invalidRevocationList = Self("invalidRevocationList")
}

extension BundleError {
    static func invalidRevocationList(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.invalidRevocationList, message: "Danh sách chứng thư bị thu hồi (CRL) không hợp lệ: \(reason).",
                    log: "invalid CRL: \(reason)", file: file, line: line)
    }
}
