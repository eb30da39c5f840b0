import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

/// Wrong passwords lock an account for a while, never for good, and whoever tries learns
/// nothing from the answer: unknown login, wrong password and locked read the same.
@Suite("Accounts: timed lockout and one answer")
struct AccountLockoutTests {
    /// Fails `count` times at `instant`, each refused with the one answer.
    private func fail(_ f: AccountFixture, _ login: String, times count: Int = 1, at instant: Date) {
        for attempt in 1...count {
            let error = #expect(throws: ServiceError.self) { try f.accounts.authenticate(login: login, password: "sai-mat-khau", at: instant) }
            #expect(error?.code == .signInFailed && error?.message == ServiceError.signInFailedMessage, "attempt \(attempt)")
        }
    }

    @Test func fiveFailures_lockForOneMinute_thenDoubling_toAtMostAnHour() throws {
        let f = try AccountFixture()
        try f.accounts.addUser(login: "lan", displayName: "Lan", roles: [.viewer], password: "dung-mat-khau", by: f.admin, at: f.t0)
        fail(f, "lan", times: 5, at: f.t0)
        // Locked for one minute: even the right password is refused, with the same answer.
        #expect(try f.accounts.account(login: "lan")?.lockedUntil == f.t0.addingTimeInterval(60))
        let during = #expect(throws: ServiceError.self) { try f.accounts.authenticate(login: "lan", password: "dung-mat-khau", at: f.t0.addingTimeInterval(59)) }
        #expect(during?.code == .signInFailed && during?.message == ServiceError.signInFailedMessage)
        // Attempts while locked do not lengthen it, nor count.
        fail(f, "lan", times: 3, at: f.t0.addingTimeInterval(30))
        #expect(try f.accounts.account(login: "lan")?.failedAttempts == 5)
        #expect(try f.accounts.account(login: "lan")?.locked == false)
        // Each further failure after the lock expires doubles it: 2, 4, 8, 16, 32 minutes, then one hour at most.
        var t = f.t0.addingTimeInterval(60)
        for minutes in [2, 4, 8, 16, 32, 60, 60] {
            fail(f, "lan", at: t)
            let until = try #require(try f.accounts.account(login: "lan")?.lockedUntil)
            #expect(until == t.addingTimeInterval(Double(minutes) * 60), "\(minutes) minutes")
            t = until
        }
        // Once the lock has passed, the right password signs in and the count starts again.
        #expect(try f.accounts.authenticate(login: "lan", password: "dung-mat-khau", at: t).login == "lan")
        let account = try #require(try f.accounts.account(login: "lan"))
        #expect(account.failedAttempts == 0 && account.lockedUntil == nil)
        fail(f, "lan", times: 4, at: t)
        #expect(try f.accounts.authenticate(login: "lan", password: "dung-mat-khau", at: t).login == "lan")
    }

    @Test func lockedByTime_isNeverTheAdminsLock_andAdminUnlockEndsIt() throws {
        let f = try AccountFixture()
        // The last admin, locked out by a stranger, is back in an hour at most without anyone's help ...
        fail(f, "quantri", times: 40, at: f.t0)
        #expect(try f.accounts.authenticate(login: "quantri", password: "mat-khau-quan-tri", at: f.t0.addingTimeInterval(3600)).login == "quantri")
        // ... and an admin's unlock ends another account's lockout at once.
        try f.accounts.addUser(login: "lan", displayName: "Lan", roles: [.viewer], password: "dung-mat-khau", by: f.admin, at: f.t0)
        fail(f, "lan", times: 5, at: f.t0)
        try f.accounts.unlock(login: "lan", by: f.admin, at: f.t0)
        #expect(try f.accounts.authenticate(login: "lan", password: "dung-mat-khau", at: f.t0).login == "lan")
    }

    @Test func unknownWrongAndLocked_answerAlike_theAuditLogKnowsWhich() throws {
        let f = try AccountFixture()
        try f.accounts.addUser(login: "lan", displayName: "Lan", roles: [.viewer], password: "dung-mat-khau", by: f.admin, at: f.t0)
        try f.accounts.addUser(login: "hung", displayName: "Hùng", roles: [.viewer], password: "dung-mat-khau", by: f.admin, at: f.t0)
        fail(f, "lan", times: 5, at: f.t0)
        try f.accounts.lock(login: "hung", by: f.admin, at: f.t0)
        var answers: [String: ServiceError] = [:]
        for (login, password) in [("khongco", "sai-mat-khau"), ("quantri", "sai-mat-khau"), ("lan", "dung-mat-khau"), ("hung", "dung-mat-khau")] {
            do { _ = try f.accounts.authenticate(login: login, password: password, at: f.t0.addingTimeInterval(10)); Issue.record("\(login) accepted") }
            catch let error as ServiceError { answers[login] = error }
        }
        #expect(Set(answers.values.map(\.code)) == [.signInFailed])
        #expect(Set(answers.values.map(\.message)) == [ServiceError.signInFailedMessage])
        #expect(!ServiceError.signInFailedMessage.contains("lan") && !ServiceError.signInFailedMessage.contains("khongco"))
        let details = try f.audit().filter { $0.action == AuditAction.signInFailed.rawValue }.suffix(4).map { "\($0.object ?? ""): \($0.detail ?? "")" }
        #expect(details == [
            "khongco: tên đăng nhập không tồn tại",
            "quantri: sai mật khẩu (lần 1 liên tiếp)",
            "lan: tài khoản tạm khóa đến \(StoredTime.text(f.t0.addingTimeInterval(60))) (mật khẩu đúng)",
            "hung: tài khoản bị quản trị khóa (mật khẩu đúng)",
        ])
    }

    @Test func unknownLogin_costsABcryptCheck() throws {
        // A cost high enough to measure: an unknown login takes at least half a real check's time.
        let f = try AccountFixture(policy: SecurityPolicy(bcryptCost: 10))
        func seconds(_ login: String) -> Double {
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = try? f.accounts.authenticate(login: login, password: "sai-mat-khau", at: f.t0) }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        _ = seconds("khongco")   // the decoy hash is made once
        var known: [Double] = [], unknown: [Double] = []
        for _ in 0..<5 {
            known.append(seconds("quantri"))
            unknown.append(seconds("khongco"))
        }
        // Without the check an unknown login answers in about a millisecond, a real one in tens.
        #expect(unknown.min()! > known.min()! / 4, "unknown \(unknown)s, known \(known)s")
    }
}
