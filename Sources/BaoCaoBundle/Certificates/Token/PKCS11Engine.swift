import BaoCaoCore
import COpenSSL
import Foundation

/// libp11's OpenSSL engine, bound to one PKCS#11 module: loaded once per module and
/// process (the first key asked of it), kept for the life of the process, every call on
/// it serialized. All ENGINE calls are in the C shim (`baocao_pkcs11_…`).
final class PKCS11Engine: @unchecked Sendable {
    private let engine: OpaquePointer
    /// The PKCS#11 module the engine is bound to.
    let module: String
    private let lock = NSLock()

    private init(engine: OpaquePointer, module: String) {
        self.engine = engine
        self.module = module
    }

    nonisolated(unsafe) private static var engines: [String: PKCS11Engine] = [:]
    private static let enginesLock = NSLock()

    /// libp11's engine library, in libcrypto's engines directory (`OPENSSL_ENGINES` when set).
    static var enginePath: String {
        (String(cString: baocao_engines_directory()) as NSString).appendingPathComponent("pkcs11.so")
    }

    /// The engine bound to `module`, loaded on first use.
    static func bound(to module: String) throws -> PKCS11Engine {
        enginesLock.lock()
        defer { enginesLock.unlock() }
        if let engine = engines[module] { return engine }
        guard FileManager.default.isReadableFile(atPath: module) else { throw BundleError.tokenModuleMissing(module) }
        let enginePath = enginePath
        guard FileManager.default.isReadableFile(atPath: enginePath) else { throw BundleError.tokenEngineMissing(enginePath) }
        guard let pointer = baocao_pkcs11_engine_new(enginePath, module) else {
            throw BundleError.tokenModuleUnusable(module, detail: OpenSSLFailure.drain())
        }
        let engine = PKCS11Engine(engine: pointer, module: module)
        engines[module] = engine
        return engine
    }

    /// Logs in with `pin` and loads the private key the URI names and, if asked, the
    /// certificate beside it (same token, same id or label).
    func load(_ uri: PKCS11URI, pin: String, withCertificate: Bool) throws -> (key: PrivateKey, certificate: Certificate?) {
        var key: OpaquePointer? = nil
        var certificate: OpaquePointer? = nil
        lock.lock()
        let loaded = baocao_pkcs11_load(engine, pin, uri.locating(type: "private"),
                                        withCertificate ? uri.locating(type: "cert") : nil, &key, &certificate) == 1
        let failure = loaded ? nil : failure(uri, module: module)
        lock.unlock()
        guard loaded, let key else { throw failure ?? BundleError.tokenNotFound(uri) }
        let ownedKey = PrivateKey(owning: key)
        return (ownedKey, try certificate.map(Certificate.init(owning:)))
    }

    /// Why the last load failed, from libcrypto's error queue (which this drains): the
    /// token's own CKR_ value when libp11 queued one, else "not found".
    private func failure(_ uri: PKCS11URI, module: String) -> BundleError {
        var returnValue: UInt?
        var moduleUnusable = false
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            let library = ERR_lib_error_string(code).map { String(cString: $0) } ?? "?"
            let reason = baocao_err_reason(code)
            reasons.append("\(library): \(reason)")
            if library == "PKCS#11 module", returnValue == nil { returnValue = UInt(reason) }
            // libp11 could not load or initialize the module (ENG_R_INVALID_PARAMETER from
            // ctx_load_object, P11_R_LOAD_MODULE_ERROR).
            if (library == "pkcs11 engine" && reason == 103) || (library == "libp11" && reason == 1025) { moduleUnusable = true }
        }
        if moduleUnusable && returnValue == nil {
            return BundleError.tokenModuleUnusable(module, detail: reasons.joined(separator: "; "))
        }
        if let returnValue, let error = TokenFailure.error(returnValue: returnValue, token: uri.shortName) {
            return BundleError(error.code, message: error.message, log: "\(error.logDescription) [\(reasons.joined(separator: "; "))]")
        }
        return BundleError.tokenNotFound(uri, detail: reasons.joined(separator: "; "))
    }
}

extension BundleError {
    static func tokenModuleMissing(_ module: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.tokenModuleMissing,
            message: "Không tìm thấy thư viện PKCS#11 của thẻ ký số: \(module). Hãy cài phần mềm của thẻ hoặc sửa đường dẫn module.",
            log: "PKCS#11 module not found: \(module)", file: file, line: line)
    }

    static func tokenEngineMissing(_ path: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.tokenModuleMissing,
            message: "Thiếu thư viện libp11 để dùng thẻ ký số (\(path)). Hãy cài gói libengine-pkcs11-openssl.",
            log: "libp11 engine not found: \(path)", file: file, line: line)
    }

    static func tokenModuleUnusable(_ module: String, detail: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.tokenModuleMissing,
            message: "Không nạp được thư viện PKCS#11 của thẻ ký số: \(module). Hãy kiểm tra đó đúng là thư viện PKCS#11 của thẻ.",
            log: "cannot load the pkcs11 engine with module \(module): \(detail)", file: file, line: line)
    }

    static func tokenNotFound(_ uri: PKCS11URI, detail: String = "", file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.tokenNotFound,
            message: "Không tìm thấy khóa \(uri.shortName): thẻ chưa được cắm vào máy, hoặc trên thẻ không có khóa và chứng thư số này. "
                + "Hãy cắm đúng thẻ và kiểm tra địa chỉ khóa (\(uri.locating(type: "private"))).",
            log: "no token or object for \(uri.locating(type: "private")): \(detail)", file: file, line: line)
    }
}
