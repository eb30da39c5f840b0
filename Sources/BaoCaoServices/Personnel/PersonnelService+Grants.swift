import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// A grant as shown: the account, the scope and the written approval it rests on.
public struct PersonnelGrant: Sendable, Hashable {
    public let login: String
    public let scope: PersonnelScope
    public let documentNumber: String
    public let documentDate: CivilDate
    public let grantedBy: String
    public let grantedAt: Date
    public let revokedBy: String?
    public let revokedAt: Date?
}

extension PersonnelService {
    /// Grants `scope` to an account on the written approval numbered `documentNumber` of
    /// `documentDate` (seed 003 art. 3.3): an admin's act, refused without the document's
    /// number or date, and audited.
    public func grant(login: String, scope: PersonnelScope, documentNumber: String?, documentDate: CivilDate?,
                      by actor: StaffMember, at now: Date) throws {
        try require(actor, .manageAccounts, "cấp quyền khai thác hồ sơ cán bộ")
        let number = (documentNumber ?? "").nfc.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !number.isEmpty else {
            throw ServiceError(.invalidInput, message: "Thiếu số văn bản đồng ý (--document): quyền khai thác hồ sơ cán bộ chỉ được cấp theo văn bản (Điều 3 khoản 3).",
                               log: "personnel grant without document number")
        }
        guard let documentDate else {
            throw ServiceError(.invalidInput, message: "Thiếu ngày của văn bản đồng ý số \(number) (--document-date).",
                               log: "personnel grant without document date")
        }
        guard documentDate <= today(now) else {
            throw ServiceError(.invalidInput, message: "Ngày văn bản đồng ý \(documentDate.personnelDisplayText) sau ngày hôm nay.", log: "grant document in the future")
        }
        try store.writer.write { db in
            guard let user = try NodeStore.user(login: AccountService.normalize(login), in: db), let userId = user.id else {
                throw ServiceError(.notFound, message: "Không có tài khoản \(AccountService.normalize(login)).", log: "no such user")
            }
            if try NodeStore.personnelGrants(userId: userId, in: db).contains(where: { $0.scope == scope }) {
                throw ServiceError(.alreadyExists, message: "\(user.login) đã có quyền \"\(scope.vietnameseName)\" hồ sơ cán bộ.", log: "grant exists")
            }
            _ = try NodeStore.addPersonnelGrant(PersonnelGrantRow(userId: userId, scope: scope, documentNumber: number, documentDate: documentDate,
                                                                 grantedBy: actor.login, grantedAt: now), in: db)
            try AuditLog.append(db, actor: actor, action: .personnelGrant, object: user.login,
                                detail: "\(scope.rawValue); văn bản \(number) ngày \(documentDate.personnelDisplayText)", at: now)
        }
    }

    /// Revokes an account's grant of `scope`; the record of it stays.
    public func revoke(login: String, scope: PersonnelScope, by actor: StaffMember, at now: Date) throws {
        try require(actor, .manageAccounts, "thu hồi quyền khai thác hồ sơ cán bộ")
        try store.writer.write { db in
            guard let user = try NodeStore.user(login: AccountService.normalize(login), in: db), let userId = user.id else {
                throw ServiceError(.notFound, message: "Không có tài khoản \(AccountService.normalize(login)).", log: "no such user")
            }
            guard try NodeStore.revokePersonnelGrants(userId: userId, scope: scope, by: actor.login, at: now, in: db) > 0 else {
                throw ServiceError(.notFound, message: "\(user.login) không có quyền \"\(scope.vietnameseName)\" hồ sơ cán bộ nào đang hiệu lực.",
                                   log: "no grant to revoke")
            }
            try AuditLog.append(db, actor: actor, action: .personnelRevoke, object: user.login, detail: scope.rawValue, at: now)
        }
    }

    /// Every grant, revoked ones included, for the admin.
    public func grants(by actor: StaffMember) throws -> [PersonnelGrant] {
        try require(actor, .manageAccounts, "xem quyền khai thác hồ sơ cán bộ")
        return try store.writer.read { db in
            try NodeStore.allPersonnelGrants(in: db).map { row in
                PersonnelGrant(login: try NodeStore.user(id: row.userId, in: db)?.login ?? "#\(row.userId)", scope: row.scope,
                               documentNumber: row.documentNumber, documentDate: row.documentDate, grantedBy: row.grantedBy,
                               grantedAt: row.grantedAt, revokedBy: row.revokedBy, revokedAt: row.revokedAt)
            }
        }
    }
}
