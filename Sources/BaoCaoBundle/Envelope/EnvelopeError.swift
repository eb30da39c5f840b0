import BaoCaoCore
import Foundation

extension ErrorCode where Domain == BundleDomain {
    /// The envelope names no recipient with this unit's encryption certificate.
    public static let envelopeNotForThisUnit = Self("envelopeNotForThisUnit")
    /// The envelope is for this unit but does not open: its content, tag or wrapped key was
    /// changed (the AES-GCM tag does not match).
    public static let envelopeTampered = Self("envelopeTampered")
    /// Not DER, or not the structure of a CMS AuthEnvelopedData.
    public static let envelopeMalformed = Self("envelopeMalformed")
    /// A CMS of another kind (signed data, plain data…) where a sealed envelope was expected.
    public static let envelopeWrongContentType = Self("envelopeWrongContentType")
    /// An algorithm outside the profile: content not AES-256-GCM (CBC, AES-128, plain
    /// EnvelopedData), key transport not RSAES-OAEP with SHA-256 (PKCS #1 v1.5), key
    /// agreement not ECDH with the SHA-256 KDF and AES-256 key wrap.
    public static let envelopeAlgorithmNotAllowed = Self("envelopeAlgorithmNotAllowed")
    /// Larger than ``EnvelopeLimits`` allow, or with more recipients.
    public static let envelopeTooLarge = Self("envelopeTooLarge")
    /// Sealing to a certificate that is not an encryption certificate, or to none.
    public static let envelopeRecipientNotAllowed = Self("envelopeRecipientNotAllowed")
    /// A release lists as a unit's encryption certificate one that is not (signing-only,
    /// from another CA, unreadable).
    public static let encryptionCertificateInvalid = Self("encryptionCertificateInvalid")
}

extension BundleError {
    /// The profile, as the refusals say it.
    static let envelopeProfile = "chỉ chấp nhận AuthEnvelopedData mã hóa nội dung bằng AES-256-GCM, khóa chuyển bằng RSA-OAEP SHA-256 hoặc ECDH SHA-256"

    static func envelopeNotForThisUnit(_ certificate: Certificate, recipients: [SealedRecipient], file: String = #fileID, line: UInt = #line) -> BundleError {
        let named = recipients.prefix(8).map(\.description).joined(separator: "; ")
        return BundleError(.envelopeNotForThisUnit,
            message: "Gói hồ sơ không được niêm phong cho đơn vị này: chứng thư mã hóa \(certificate.subject) (số hiệu \(certificate.serialNumber)) không có trong \(recipients.count) người nhận của gói.",
            log: "envelope not sealed for \(certificate.fingerprint); recipients: \(named)", file: file, line: line)
    }

    static func envelopeTampered(file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.envelopeTampered,
            message: "Gói hồ sơ niêm phong đã bị thay đổi hoặc hỏng: mã xác thực (AES-GCM) hoặc khóa mã hóa không khớp, nên không mở được.",
            log: "envelope does not open (tag or key): \(OpenSSLFailure.drain())", file: file, line: line)
    }

    static func envelopeMalformed(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.envelopeMalformed, message: "Gói hồ sơ niêm phong không đúng cấu trúc CMS DER: \(reason).",
                    log: "malformed envelope: \(reason)", file: file, line: line)
    }

    static func envelopeWrongContentType(_ type: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.envelopeWrongContentType,
            message: "Dữ liệu không phải gói hồ sơ niêm phong (AuthEnvelopedData) mà là cấu trúc CMS kiểu \(type).",
            log: "envelope content type \(type)", file: file, line: line)
    }

    static func envelopeAlgorithmNotAllowed(_ what: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.envelopeAlgorithmNotAllowed,
            message: "Gói hồ sơ niêm phong dùng thuật toán không được phép: \(what) (\(envelopeProfile)).",
            log: "envelope algorithm not allowed: \(what)", file: file, line: line)
    }

    static func envelopeTooLarge(_ size: Int, limit: Int, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.envelopeTooLarge, message: "Gói hồ sơ niêm phong lớn \(size) byte, vượt giới hạn \(limit) byte.",
                    log: "envelope of \(size) bytes over the limit \(limit)", file: file, line: line)
    }

    static func envelopeTooManyRecipients(_ count: Int, limit: Int, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.envelopeTooLarge, message: "Gói hồ sơ niêm phong có \(count) người nhận, vượt giới hạn \(limit).",
                    log: "envelope with \(count) recipients over the limit \(limit)", file: file, line: line)
    }

    static func envelopeRecipientNotAllowed(_ certificate: Certificate?, reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        let who = certificate.map { "chứng thư \($0.subject)" } ?? "danh sách người nhận"
        return BundleError(.envelopeRecipientNotAllowed, message: "Không niêm phong được gói hồ sơ cho \(who): \(reason).",
                           log: "cannot seal to \(certificate?.fingerprint ?? "nobody"): \(reason)", file: file, line: line)
    }

    static func encryptionCertificateInvalid(unit: String, _ certificate: Certificate?, reason: String,
                                             file: String = #fileID, line: UInt = #line) -> BundleError {
        let which = certificate.map { "chứng thư \($0.subject) (số hiệu \($0.serialNumber))" } ?? "một chứng thư"
        return BundleError(.encryptionCertificateInvalid,
            message: "Danh sách tin cậy ghi \(which) là chứng thư mã hóa của đơn vị \(unit), nhưng \(reason).",
            log: "encryption certificate \(certificate?.fingerprint ?? "?") of \(unit) refused: \(reason)", file: file, line: line)
    }
}
