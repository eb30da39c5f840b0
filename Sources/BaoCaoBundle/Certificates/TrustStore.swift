import COpenSSL
import Foundation

/// The certificates a node trusts: the province's root CA (trust anchors) and any
/// intermediate authorities, and a way to check that a certificate chains to them.
///
/// Time is checked separately (``ChainValidation/checkValidity(at:tolerance:)``)
/// against the signing time of each bundle, with a tolerance for communes whose clocks
/// are off; libcrypto only checks the chain here.
public final class TrustStore: @unchecked Sendable {
    public let anchors: [Certificate]
    public let intermediates: [Certificate]
    private let store: OpaquePointer
    private let cache = ChainCache()

    public init(anchors: [Certificate], intermediates: [Certificate] = []) throws {
        guard let store = X509_STORE_new() else { throw BundleError.cryptoFailure("tạo kho chứng thư") }
        for anchor in anchors where X509_STORE_add_cert(store, anchor.pointer) != 1 {
            X509_STORE_free(store)
            throw BundleError.cryptoFailure("nạp chứng thư gốc")
        }
        self.store = store
        self.anchors = anchors
        self.intermediates = intermediates
    }

    deinit { X509_STORE_free(store) }

    /// Reads the anchors from PEM.
    public convenience init(anchorsPEM: Data) throws {
        let anchors = try Certificate.all(pem: anchorsPEM)
        guard !anchors.isEmpty else { throw BundleError.invalidCertificate("PEM: không có chứng thư gốc nào") }
        try self.init(anchors: anchors)
    }

    /// Builds the chain from `leaf` to an anchor, using `offered` certificates (those a
    /// bundle carries) and the store's intermediates.
    ///
    /// The answer for a given leaf and set of offered certificates is remembered: path
    /// building costs a signature check per link, and a province verifies thousands of
    /// bundles from the same few hundred certificates. What is remembered is the path,
    /// never a bundle's verdict; validity at signing time and revocation are checked
    /// afresh for every bundle.
    public func chain(for leaf: Certificate, offered: [Certificate] = []) -> Result<[Certificate], ChainFailure> {
        let key = ([leaf] + offered).map(\.fingerprint).joined(separator: ",")
        if let cached = cache.value(for: key) { return cached }
        let result = buildChain(for: leaf, offered: offered)
        cache.store(result, for: key)
        return result
    }

    private func buildChain(for leaf: Certificate, offered: [Certificate]) -> Result<[Certificate], ChainFailure> {
        guard let untrusted = baocao_sk_X509_new_null() else { return .failure(.other("out of memory")) }
        defer { baocao_sk_X509_pop_free(untrusted) }
        for certificate in offered + intermediates { _ = baocao_sk_X509_push_up_ref(untrusted, certificate.pointer) }
        guard let context = X509_STORE_CTX_new() else { return .failure(.other("out of memory")) }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.pointer, untrusted) == 1 else { return .failure(.other("init")) }
        X509_STORE_CTX_set_flags(context, UInt(X509_V_FLAG_NO_CHECK_TIME))
        X509_STORE_CTX_set_purpose(context, X509_PURPOSE_ANY)
        guard X509_verify_cert(context) == 1 else {
            let code = X509_STORE_CTX_get_error(context)
            let reason = String(cString: X509_verify_cert_error_string(Int(code)))
            ERR_clear_error()
            switch code {
            case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
                 X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
                 X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
                return .failure(.untrustedIssuer(reason))
            default:
                return .failure(.other(reason))
            }
        }
        guard let stack = X509_STORE_CTX_get1_chain(context) else { return .failure(.other("no chain")) }
        defer { baocao_sk_X509_pop_free(stack) }
        var chain: [Certificate] = []
        for index in 0..<baocao_sk_X509_num(stack) {
            chain.append(Certificate(retaining: baocao_sk_X509_value(stack, index)))
        }
        return .success(chain)
    }
}

/// Why a certificate does not chain to the trust anchors.
public enum ChainFailure: Error, Sendable, Hashable {
    /// Issued by an authority the node does not trust (another CA, or self-signed).
    case untrustedIssuer(String)
    case other(String)
}

/// A small bounded memo of chain-building results, shared by concurrent verifications.
final class ChainCache: @unchecked Sendable {
    private var entries: [String: Result<[Certificate], ChainFailure>] = [:]
    private let lock = NSLock()
    private let limit = 4096

    func value(for key: String) -> Result<[Certificate], ChainFailure>? {
        lock.withLock { entries[key] }
    }

    func store(_ value: Result<[Certificate], ChainFailure>, for key: String) {
        lock.withLock {
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }
}
