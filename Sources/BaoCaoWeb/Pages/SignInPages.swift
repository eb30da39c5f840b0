import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// Signing in and out, and changing one's password. Wrong password and unknown login
/// read alike; a locked account says so; an expired password allows only its change.
struct SignInPages {
    let web: WebEnvironment

    func register(public router: RouterGroup<WebRequestContext>, protected: RouterGroup<WebRequestContext>) {
        router.get("/dang-nhap") { _, context in try await signInForm(context: context) }
        router.post("/dang-nhap") { request, context in try await signIn(request, context: context) }
        router.post("/dang-xuat") { _, context in await signOut(context: context) }
        protected.get("/mat-khau") { _, context in try passwordForm(context: context) }
        protected.post("/mat-khau") { request, context in try await changePassword(request, context: context) }
    }

    func signInForm(context: WebRequestContext, error: String? = nil, login: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        if context.actor != nil, error == nil { return PageSupport.redirect(to: "/") }
        let token = SessionStore.randomToken()
        var data: [String: Any] = ["signinCsrf": token, "login": login]
        if let error { data["error"] = error }
        var response = try web.pages.page("signin", title: "Đăng nhập", data: data, context: context, status: status)
        response.setCookie(Cookie(name: web.preSessionCookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func signIn(_ request: Request, context: WebRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let login = form["login"] ?? ""
        let now = Date()
        do {
            let result = try web.accounts.signIn(login: login, password: form["password"] ?? "", at: now)
            if let old = context.session { await web.sessions.close(id: old.id) }
            let session = await web.sessions.open(userId: result.actor.userId, login: result.actor.login,
                                                  mustChangePassword: result.mustChangePassword, at: now)
            var response = PageSupport.redirect(to: result.mustChangePassword ? "/mat-khau" : "/")
            response.setCookie(Cookie(name: web.sessionCookie, value: session.id, path: "/", httpOnly: true, sameSite: .strict))
            response.setCookie(Cookie(name: web.preSessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        } catch let error as ServiceError {
            var anonymous = context
            anonymous.actor = nil
            anonymous.session = nil
            return try await signInForm(context: anonymous, error: error.message, login: login, status: .unauthorized)
        }
    }

    func signOut(context: WebRequestContext) async -> Response {
        if let session = context.session { await web.sessions.close(id: session.id) }
        var response = PageSupport.redirect(to: "/dang-nhap")
        response.setCookie(Cookie(name: web.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func passwordForm(context: WebRequestContext, error: String? = nil) throws -> Response {
        var data: [String: Any] = ["minimumLength": web.accounts.policy.minimumPasswordLength,
                                   "mustChange": context.session?.mustChangePassword ?? false]
        if let error { data["error"] = error }
        return try web.pages.page("password", title: "Đổi mật khẩu", data: data, context: context,
                                  status: error == nil ? .ok : .unprocessableContent)
    }

    func changePassword(_ request: Request, context: WebRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let actor = try PageSupport.actor(context)
        guard form["new"] == form["repeat"] else { return try passwordForm(context: context, error: "Hai lần nhập mật khẩu mới không giống nhau.") }
        do {
            try web.accounts.changePassword(login: actor.login, current: form["current"] ?? "", new: form["new"] ?? "", by: actor, at: Date())
        } catch let error as ServiceError {
            return try passwordForm(context: context, error: error.message)
        }
        if let session = context.session {
            await web.sessions.passwordChanged(id: session.id)
            await web.sessions.closeAll(userId: actor.userId, except: session.id)
        }
        return await PageSupport.redirect(to: "/", flash: "Đã đổi mật khẩu.", web, context)
    }
}
