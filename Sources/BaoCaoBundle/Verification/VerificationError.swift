import BaoCaoCore
import Foundation

extension ErrorCode where Domain == BundleDomain {
    public static let missingEntry = Self("missingEntry")
    public static let unexpectedEntry = Self("unexpectedEntry")
    public static let partSizeMismatch = Self("partSizeMismatch")
    public static let partHashMismatch = Self("partHashMismatch")
    public static let missingSigningTime = Self("missingSigningTime")
    public static let signingTimeInFuture = Self("signingTimeInFuture")
    public static let untrustedCertificate = Self("untrustedCertificate")
    public static let certificateInvalid = Self("certificateInvalid")
    public static let certificateExpired = Self("certificateExpired")
    public static let certificateNotYetValid = Self("certificateNotYetValid")
    public static let certificateRevoked = Self("certificateRevoked")
    public static let certificateNotForSigning = Self("certificateNotForSigning")
    public static let signerNotRegistered = Self("signerNotRegistered")
}

extension BundleError {
    static func missingEntry(_ name: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.missingEntry, message: "Gói tin thiếu tệp \(name).", log: "missing entry \(name)", file: file, line: line)
    }

    static func unexpectedEntry(_ name: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.unexpectedEntry, message: "Gói tin có tệp \"\(name.prefix(80))\" không được khai trong manifest.json (có thể đã bị chèn thêm).",
                    log: "entry not in manifest: \(name.prefix(80).debugDescription)", file: file, line: line)
    }

    static func partSizeMismatch(_ name: String, declared: Int, actual: Int, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.partSizeMismatch, message: "Tệp \(name) có kích thước \(actual) byte, khác với \(declared) byte đã khai: nội dung đã bị thay đổi.",
                    log: "part \(name) size \(actual) != declared \(declared)", file: file, line: line)
    }

    static func partHashMismatch(_ name: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.partHashMismatch, message: "Mã băm của tệp \(name) không khớp với manifest.json: nội dung đã bị thay đổi sau khi ký.",
                    log: "part \(name) hash mismatch", file: file, line: line)
    }

    static func signingTimeInFuture(_ signingTime: Date, now: Date, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.signingTimeInFuture,
                    message: "Thời điểm ký (\(VietnameseTime.text(signingTime))) ở tương lai so với đồng hồ của nút nhận (\(VietnameseTime.text(now))): đồng hồ máy gửi bị sai.",
                    log: "signing time \(signingTime) is after now \(now) beyond tolerance", file: file, line: line)
    }

    static func untrustedCertificate(_ certificate: Certificate, detail: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.untrustedCertificate,
                    message: "Chứng thư số của người ký (\(certificate.subject)) không do tổ chức cấp chứng thư mà hệ thống tin cậy cấp.",
                    log: "signer \(certificate.fingerprint) does not chain to a trust anchor: \(detail)", file: file, line: line)
    }

    static func certificateInvalid(_ certificate: Certificate, detail: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.certificateInvalid, message: "Chứng thư số của người ký (\(certificate.subject)) không hợp lệ: \(detail).",
                    log: "signer \(certificate.fingerprint) chain invalid: \(detail)", file: file, line: line)
    }

    static func certificateExpired(_ certificate: Certificate, at time: Date, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.certificateExpired,
                    message: "Chứng thư số \(certificate.subject) đã hết hạn từ \(VietnameseTime.text(certificate.notAfter)), trước thời điểm ký \(VietnameseTime.text(time)).",
                    log: "certificate \(certificate.fingerprint) expired before signing time", file: file, line: line)
    }

    static func certificateNotYetValid(_ certificate: Certificate, at time: Date, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.certificateNotYetValid,
                    message: "Chứng thư số \(certificate.subject) chỉ có hiệu lực từ \(VietnameseTime.text(certificate.notBefore)), sau thời điểm ký \(VietnameseTime.text(time)).",
                    log: "certificate \(certificate.fingerprint) not yet valid at signing time", file: file, line: line)
    }

    static func certificateNotForSigning(_ certificate: Certificate, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.certificateNotForSigning, message: "Chứng thư số \(certificate.subject) không được phép dùng để ký số.",
                    log: "certificate \(certificate.fingerprint) key usage forbids signing", file: file, line: line)
    }

    static func signerNotRegistered(_ certificate: Certificate, sender: UnitCode, registeredFor units: [UnitCode],
                                    file: String = #fileID, line: UInt = #line) -> BundleError {
        let other = units.isEmpty ? "chưa được đăng ký cho đơn vị nào" : "được đăng ký cho đơn vị \(units.map(\.rawValue).joined(separator: ", "))"
        return BundleError(.signerNotRegistered,
                    message: "Chứng thư số \(certificate.subject) không được đăng ký để ký thay mặt đơn vị \(sender) (chứng thư này \(other)).",
                    log: "signer \(certificate.fingerprint) not registered for sender \(sender)", file: file, line: line)
    }
}

/// Instants as Vietnamese documents write them.
enum VietnameseTime {
    static func text(_ date: Date) -> String { VietnamTime.displayText(date) }
}
