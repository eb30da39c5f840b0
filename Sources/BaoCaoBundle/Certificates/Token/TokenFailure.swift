import BaoCaoCore

/// What a PKCS#11 return value (`CKR_…`, PKCS#11 v2.40 §5.1) means to the person at the
/// token: the one place where a token's answers become BaoCao's errors.
///
/// libp11 reports a token's refusal with its CKR_ value as the reason of a libcrypto error
/// of the library "PKCS#11 module"; ``PKCS11Engine`` reads it from there.
public enum TokenFailure {
    /// The error a CKR_ value stands for, or nil for `CKR_OK`. `token` names the token and
    /// object as a person knows them (``PKCS11URI/shortName``).
    public static func error(returnValue: UInt, token: String, file: String = #fileID, line: UInt = #line) -> BundleError? {
        let hex = "CKR 0x" + String(returnValue, radix: 16, uppercase: true)
        switch returnValue {
        case 0x000:  // CKR_OK
            return nil
        case 0x0A0, 0x0A1, 0x0A2:  // CKR_PIN_INCORRECT, CKR_PIN_INVALID, CKR_PIN_LEN_RANGE
            return BundleError(.tokenWrongPIN,
                message: "Mã PIN của thẻ ký số không đúng (\(token)). Hãy nhập lại; nhập sai nhiều lần thẻ sẽ bị khóa.",
                log: "token refused the PIN (\(hex))", file: file, line: line)
        case 0x0A4:  // CKR_PIN_LOCKED
            return BundleError(.tokenLocked,
                message: "Thẻ ký số đã bị khóa do nhập sai mã PIN quá số lần cho phép (\(token)). "
                    + "Hãy liên hệ tổ chức cung cấp chữ ký số để mở khóa thẻ.",
                log: "token PIN locked (\(hex))", file: file, line: line)
        case 0x0A3:  // CKR_PIN_EXPIRED
            return BundleError(.tokenLocked,
                message: "Mã PIN của thẻ ký số đã hết hạn (\(token)): hãy đổi mã PIN bằng phần mềm của thẻ rồi ký lại.",
                log: "token PIN expired (\(hex))", file: file, line: line)
        case 0x003, 0x032, 0x0E0, 0x0E1, 0x0B3:
            // CKR_SLOT_ID_INVALID, CKR_DEVICE_REMOVED, CKR_TOKEN_NOT_PRESENT, CKR_TOKEN_NOT_RECOGNIZED, CKR_SESSION_HANDLE_INVALID
            return BundleError(.tokenNotFound,
                message: "Không thấy thẻ ký số (\(token)): hãy cắm thẻ vào máy rồi ký lại.",
                log: "token not present (\(hex))", file: file, line: line)
        case 0x101:  // CKR_USER_NOT_LOGGED_IN
            return BundleError(.tokenWrongPIN,
                message: "Chưa đăng nhập được vào thẻ ký số (\(token)): hãy nhập mã PIN của thẻ.",
                log: "token session not logged in (\(hex))", file: file, line: line)
        default:
            return BundleError(.tokenFailure,
                message: "Thẻ ký số báo lỗi (\(token), mã \(hex)): chưa ký được. Hãy rút thẻ ra, cắm lại rồi ký lại.",
                log: "token failure \(hex)", file: file, line: line)
        }
    }
}

extension ErrorCode where Domain == BundleDomain {
    /// The token refused the PIN.
    public static let tokenWrongPIN = Self("tokenWrongPIN")
    /// The token's PIN is locked (or expired): only its issuer can help.
    public static let tokenLocked = Self("tokenLocked")
    /// No token matches the URI, or the token holds no such key or certificate.
    public static let tokenNotFound = Self("tokenNotFound")
    /// The PKCS#11 module (the token's library) is missing or cannot be loaded.
    public static let tokenModuleMissing = Self("tokenModuleMissing")
    /// No PIN was given: none in the environment variable named, and no terminal to ask on.
    public static let tokenPINMissing = Self("tokenPINMissing")
    /// Any other refusal of the token or its library.
    public static let tokenFailure = Self("tokenFailure")
    /// The signing certificate's validity is over: nothing is signed with it.
    public static let signingCertificateExpired = Self("signingCertificateExpired")
    /// The signing certificate's validity has not begun: nothing is signed with it.
    public static let signingCertificateNotYetValid = Self("signingCertificateNotYetValid")
}
