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
        let store = try Owned(X509_STORE_new(), free: X509_STORE_free, making: "kho chứng thư")
        // Security level 2 (``AlgorithmFloor``): libcrypto refuses a chain with a key under
        // 112 bits of security or a certificate signed with SHA-1, whatever the caller asks.
        guard let parameters = X509_STORE_get0_param(store.pointer) else { throw BundleError.cryptoFailure("đặt mức an toàn của kho chứng thư") }
        X509_VERIFY_PARAM_set_auth_level(parameters, AlgorithmFloor.securityLevel)
        for anchor in anchors where X509_STORE_add_cert(store.pointer, anchor.pointer) != 1 {
            throw BundleError.cryptoFailure("nạp chứng thư gốc")
        }
        self.store = store.take()
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

    /// The anchors, then the intermediates, as PEM: what a TLS library takes as its trust
    /// roots. libcrypto still builds each chain up to an anchor (an intermediate among the
    /// roots only spares a peer that does not send it).
    public var rootsPEM: Data {
        (anchors + intermediates).reduce(into: Data()) { $0.append($1.pem) }
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
        let result: Result<[Certificate], ChainFailure>
        do {
            result = try buildChain(for: leaf, offered: offered)
        } catch {
            // libcrypto failed (out of memory): an answer about this moment, not about the
            // certificate, so it is not remembered.
            return .failure(.cryptoFailure(error as? BundleError ?? BundleError.cryptoFailure("kiểm tra chuỗi chứng thư")))
        }
        cache.store(result, for: key)
        return result
    }

    /// The chain, or why the certificate does not chain; throws when libcrypto fails.
    private func buildChain(for leaf: Certificate, offered: [Certificate]) throws -> Result<[Certificate], ChainFailure> {
        guard let untrusted = baocao_sk_X509_new_null() else { throw BundleError.cryptoFailure("tạo chuỗi chứng thư") }
        defer { baocao_sk_X509_pop_free(untrusted) }
        for certificate in offered + intermediates where baocao_sk_X509_push_up_ref(untrusted, certificate.pointer) != 1 {
            throw BundleError.cryptoFailure("ghép chuỗi chứng thư")
        }
        guard let context = X509_STORE_CTX_new() else { throw BundleError.cryptoFailure("tạo ngữ cảnh kiểm tra chứng thư") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.pointer, untrusted) == 1 else {
            throw BundleError.cryptoFailure("khởi tạo kiểm tra chứng thư")
        }
        // Time is checked by the verifier against the signing time, not here against now.
        guard X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(context), UInt(X509_V_FLAG_NO_CHECK_TIME)) == 1,
              X509_STORE_CTX_set_purpose(context, X509_PURPOSE_ANY) == 1
        else { throw BundleError.cryptoFailure("đặt tham số kiểm tra chứng thư") }
        guard X509_verify_cert(context) == 1 else {
            let code = X509_STORE_CTX_get_error(context)
            let reason = String(cString: X509_verify_cert_error_string(Int(code)))
            ERR_clear_error()
            switch code {
            case X509_V_ERR_OUT_OF_MEM:
                throw BundleError.cryptoFailure("kiểm tra chuỗi chứng thư")
            case X509_V_ERR_EE_KEY_TOO_SMALL, X509_V_ERR_CA_KEY_TOO_SMALL, X509_V_ERR_CA_MD_TOO_WEAK:
                // Said in our words, naming the weak certificate (the leaf if libcrypto does not say).
                let weak = try X509_STORE_CTX_get_current_cert(context).map { try Certificate(retaining: $0) } ?? leaf
                let why = AlgorithmFloor.keyWeakness(of: weak) ?? AlgorithmFloor.signatureWeakness(of: weak) ?? reason
                return .failure(.belowAlgorithmFloor(BundleError.weakAlgorithm(weak, reason: why)))
            case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
                 X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
                 X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
                return .failure(.untrustedIssuer(reason))
            default:
                return .failure(.other(reason))
            }
        }
        guard let stack = X509_STORE_CTX_get1_chain(context) else { throw BundleError.cryptoFailure("lấy chuỗi chứng thư") }
        defer { baocao_sk_X509_pop_free(stack) }
        var chain: [Certificate] = []
        for index in 0..<baocao_sk_X509_num(stack) {
            chain.append(try Certificate(retaining: baocao_sk_X509_value(stack, index)))
        }
        do {
            try AlgorithmFloor.check(chain)
        } catch let weak as BundleError {
            return .failure(.belowAlgorithmFloor(weak))
        }
        return .success(chain)
    }
}

/// Why a certificate does not chain to the trust anchors.
public enum ChainFailure: Error, Sendable, Hashable {
    /// Issued by an authority the node does not trust (another CA, or self-signed).
    case untrustedIssuer(String)
    case other(String)
    /// A key or a certificate signature in the chain is below ``AlgorithmFloor``; the error
    /// names the certificate and says why in Vietnamese.
    case belowAlgorithmFloor(BundleError)
    /// libcrypto failed while building the chain (out of memory): nothing is known about
    /// the certificate, and the next attempt tries again.
    case cryptoFailure(BundleError)
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
