import BaoCaoCore
import Foundation

extension ErrorCode where Domain == BundleDomain {
    /// A report or decision signed after the release's date without a person's signature.
    public static let personalSignatureMissing = Self("personalSignatureMissing")
    /// A person's signature on a kind that carries the unit's only.
    public static let personalSignatureNotAllowed = Self("personalSignatureNotAllowed")
    /// A person's signature, but the release names no authority for persons' certificates.
    public static let noPersonAuthority = Self("noPersonAuthority")
    /// A person's certificate without the non-repudiation key usage.
    public static let personalCertificateNotNonRepudiation = Self("personalCertificateNotNonRepudiation")
    /// A person's certificate the release does not register for the unit in that role.
    public static let personNotRegistered = Self("personNotRegistered")
}

extension BundleError {
    static func personalSignatureMissing(_ kind: BundleKind, requiredFrom: Date, file: String = #fileID, line: UInt = #line) -> BundleError {
        let what = kind == .decision ? "Quyết định về báo cáo" : "Báo cáo"
        let who = kind == .decision ? "người quyết định" : "lãnh đạo phê duyệt"
        return BundleError(.personalSignatureMissing,
            message: "\(what) ký từ \(VietnameseTime.text(requiredFrom)) phải có chữ ký số cá nhân của \(who) bên cạnh chữ ký của đơn vị; gói tin này chỉ có chữ ký của đơn vị.",
            log: "\(kind) without a personal signature, required since \(requiredFrom)", file: file, line: line)
    }

    static func personalSignatureNotAllowed(_ kind: BundleKind, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.personalSignatureNotAllowed,
            message: "Gói tin loại \(kind) chỉ mang chữ ký của đơn vị; chỉ báo cáo và quyết định về báo cáo mới mang thêm chữ ký cá nhân.",
            log: "two signers on a \(kind)", file: file, line: line)
    }

    static func noPersonAuthority(_ certificate: Certificate, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.noPersonAuthority,
            message: "Gói tin có chữ ký cá nhân của \(certificate.subject) nhưng bản phát hành đang dùng chưa khai báo tổ chức chứng thực nào cho chữ ký cá nhân.",
            log: "personal signature \(certificate.fingerprint) but no person anchors in force", file: file, line: line)
    }

    static func personalCertificateNotNonRepudiation(_ certificate: Certificate, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.personalCertificateNotNonRepudiation,
            message: "Chứng thư số cá nhân \(certificate.subject) không có mục đích chống chối bỏ (non-repudiation), nên chữ ký bằng nó không có giá trị như chữ ký của người có thẩm quyền.",
            log: "personal certificate \(certificate.fingerprint) lacks nonRepudiation", file: file, line: line)
    }

    static func personNotRegistered(_ certificate: Certificate, unit: UnitCode, role: RegisteredPerson.Role,
                                    registeredAs: RegisteredPerson?, file: String = #fileID, line: UInt = #line) -> BundleError {
        let known: String
        if let registeredAs {
            known = "chứng thư này được đăng ký cho \(registeredAs.name), \(registeredAs.title) của đơn vị \(registeredAs.unit) với vai trò \(registeredAs.roles.map(\.displayName).joined(separator: ", "))"
        } else {
            known = "chứng thư này chưa được đăng ký cho người nào"
        }
        return BundleError(.personNotRegistered,
            message: "Người ký \(certificate.subject) không được bản phát hành đăng ký là \(role.displayName) của đơn vị \(unit) (\(known)).",
            log: "personal signer \(certificate.fingerprint) not registered as \(role) of \(unit)", file: file, line: line)
    }
}
