import BaoCaoCore

extension ErrorCode where Domain == ServicesDomain {
    /// Unknown login or wrong password: deliberately one code and one message.
    public static let signInFailed = Self("signInFailed")
    /// The account is locked until an admin unlocks it.
    public static let accountLocked = Self("accountLocked")
    /// The password is right but too old: the only thing allowed is to change it.
    public static let passwordExpired = Self("passwordExpired")
    /// A new password breaks the policy.
    public static let weakPassword = Self("weakPassword")
    /// A login or section code already in use.
    public static let alreadyExists = Self("alreadyExists")
}

extension ServiceError {
    static let signInFailedMessage = "Tên đăng nhập hoặc mật khẩu không đúng."

    static func signInFailed(_ login: String) -> ServiceError {
        ServiceError(.signInFailed, message: signInFailedMessage, log: "sign-in failed for a login")
    }

    static func accountLocked(_ login: String) -> ServiceError {
        ServiceError(.accountLocked,
            message: "Tài khoản \(login) đang bị khóa. Hãy đề nghị quản trị hệ thống mở khóa (baocao user unlock \(login)).",
            log: "sign-in refused: account locked")
    }

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
