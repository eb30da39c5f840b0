import BaoCaoCore

extension ErrorCode where Domain == ServicesDomain {
    /// Unknown login, wrong password or an account refused for now (locked by time after
    /// wrong passwords, or by an admin): deliberately one code and one message, so that
    /// nobody learns which logins exist or which guess was right. The audit log has the truth.
    public static let signInFailed = Self("signInFailed")
    /// The password is right but too old: the only thing allowed is to change it.
    public static let passwordExpired = Self("passwordExpired")
    /// A new password breaks the policy.
    public static let weakPassword = Self("weakPassword")
    /// A login or section code already in use.
    public static let alreadyExists = Self("alreadyExists")
}

extension ServiceError {
    /// The one answer to every refused sign-in.
    public static let signInFailedMessage = "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa. "
        + "Hãy thử lại sau ít phút; nếu vẫn không được, hãy đề nghị quản trị hệ thống kiểm tra tài khoản."

    static let signInFailed = ServiceError(.signInFailed, message: signInFailedMessage, log: "sign-in refused")

    static func passwordExpired(_ login: String, days: Int) -> ServiceError {
        ServiceError(.passwordExpired,
            message: "Mật khẩu của \(login) đã quá \(days) ngày và phải đổi trước khi làm việc khác. Hãy đổi mật khẩu: baocao user passwd \(login).",
            log: "sign-in refused: password expired")
    }

    static func weakPassword(_ reason: String) -> ServiceError {
        ServiceError(.weakPassword, message: "Mật khẩu không đạt yêu cầu: \(reason).", log: "password refused by policy")
    }

    static func forbidden(_ actor: StaffMember, _ what: String, needs roles: Set<Role>) -> ServiceError {
        let names = roles.sorted().map(\.displayName).joined(separator: " hoặc ")
        return ServiceError(.forbidden,
            message: "\(actor.login) không có quyền \(what); cần vai trò \(names).",
            log: "forbidden: \(actor.login) may not \(what)")
    }

    static func unknownUser(_ login: String) -> ServiceError {
        ServiceError(.notFound, message: "Không có người dùng \(login) tại nút này.", log: "unknown user")
    }

    static func invalid(_ message: String) -> ServiceError {
        ServiceError(.invalidInput, message: message, log: "invalid input: \(message)")
    }
}
