import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird
import Logging

/// Signing in and out, and changing one's password. Wrong password and unknown login
/// read alike; a locked account says so; an expired password allows only its change.
struct SignInPages {
    let web: WebEnvironment

    func register(public router: RouterGroup<WebRequestContext>, protected: RouterGroup<WebRequestContext>) {
        router.getPage("/dang-nhap") { _, context in try signInForm(context: context) }
        router.postForm("/dang-nhap") { form, context in try signIn(form, context: context) }
        router.postForm("/dang-xuat") { _, context in signOut(context: context) }
        protected.getPage("/mat-khau") { _, context in try passwordForm(context: context) }
        protected.postForm("/mat-khau") { form, context in try changePassword(form, context: context) }
    }

    func signInForm(context: WebRequestContext, error: String? = nil, login: String = "", status: HTTPResponse.Status = .ok) throws -> Response {
        if context.actor != nil, error == nil { return PageSupport.redirect(to: "/") }
        let token = SessionStore.randomToken()
        var response = try web.pages.page(SignInView(signinCsrf: token, login: login, error: error), title: "Đăng nhập",
                                          context: context, status: status)
        response.setCookie(Cookie(name: web.preSessionCookie, value: token, path: web.unitPath.cookiePath, secure: web.overTLS, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Checks the password (bcrypt, and the audit log written either way), then opens the session.
    func signIn(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let login = form["login"] ?? ""
        let now = Date()
        guard web.signInThrottle.allow(context.clientAddress ?? "?", at: now) else {
            context.logger.notice("sign-in refused: too many attempts from \(context.clientAddress ?? "?")")
            var response = try web.pages.error(.tooManyRequests, title: "Đăng nhập quá nhiều lần",
                                               message: "Máy này đã thử đăng nhập quá \(web.signInThrottle.attempts) lần trong "
                                                   + "\(web.signInThrottle.periodText). Hãy đợi \(web.signInThrottle.periodText) rồi thử lại.",
                                               context: context)
            response.headers[.retryAfter] = String(Int(web.signInThrottle.period.rounded(.up)))
            return response
        }
        do {
            let result = try web.accounts.signIn(login: login, password: form["password"] ?? "", at: now)
            if let old = context.session { web.sessions.close(id: old.id) }
            let session = web.sessions.open(userId: result.actor.userId, login: result.actor.login,
                                            mustChangePassword: result.mustChangePassword, at: now)
            var response = PageSupport.redirect(to: result.mustChangePassword ? "/mat-khau" : "/")
            response.setCookie(Cookie(name: web.sessionCookie, value: session.id, path: web.unitPath.cookiePath, secure: web.overTLS, httpOnly: true, sameSite: .strict))
            response.setCookie(Cookie(name: web.preSessionCookie, value: "", maxAge: 0, path: web.unitPath.cookiePath, secure: web.overTLS, httpOnly: true, sameSite: .strict))
            return response
        } catch let error as ServiceError {
            var anonymous = context
            anonymous.actor = nil
            anonymous.session = nil
            return try signInForm(context: anonymous, error: error.message, login: login, status: .unauthorized)
        }
    }

    func signOut(context: WebRequestContext) -> Response {
        if let session = context.session { web.sessions.close(id: session.id) }
        var response = PageSupport.redirect(to: "/dang-nhap")
        response.setCookie(Cookie(name: web.sessionCookie, value: "", maxAge: 0, path: web.unitPath.cookiePath, secure: web.overTLS, httpOnly: true, sameSite: .strict))
        return response
    }

    func passwordForm(context: WebRequestContext, error: String? = nil) throws -> Response {
        let view = PasswordView(csrf: context.csrfToken, minimumLength: web.accounts.policy.minimumPasswordLength,
                                mustChange: context.session?.mustChangePassword ?? false, error: error)
        return try web.pages.page(view, title: "Đổi mật khẩu", context: context, status: error == nil ? .ok : .unprocessableContent)
    }

    func changePassword(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard form["new"] == form["repeat"] else { return try passwordForm(context: context, error: "Hai lần nhập mật khẩu mới không giống nhau.") }
        do {
            try web.accounts.changePassword(login: actor.login, current: form["current"] ?? "", new: form["new"] ?? "", by: actor, at: Date())
        } catch let error as ServiceError {
            return try passwordForm(context: context, error: error.message)
        }
        if let session = context.session {
            web.sessions.passwordChanged(id: session.id)
            web.sessions.closeAll(userId: actor.userId, except: session.id)
        }
        return PageSupport.redirect(to: "/", flash: "Đã đổi mật khẩu.", web, context)
    }
}
