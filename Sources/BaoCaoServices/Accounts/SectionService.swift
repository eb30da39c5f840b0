import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// A section of the unit (phòng, ban) with its head, members and active delegates.
public struct UnitSection: Sendable, Hashable {
    public let code: String
    public let name: String
    /// The login of the section's head, if one is set.
    public let head: String?
    public let members: [String]
    /// Clerks the leader delegated approval of the section's figures to, still in force.
    public let delegates: [String]
}

/// How work inside a unit is divided (seed 002 arts. 10.1b–d, 10.2, 12.3–12.4): sections
/// with a head and members; the leader (approver) approves a section's figures (duyệt số
/// liệu), or delegates approving them to a named person — the head or a clerk — and
/// revokes it. Without the leader's delegation nobody else approves them, the head
/// included (art. 10.2b: "nếu được ủy quyền").
///
/// Sections, heads and members are an admin's (``Action/manageAccounts``); delegating
/// and revoking is the leader's (``Role/approver``). Every change is audited.
public struct SectionService: Sendable {
    public let store: NodeStore

    public init(store: NodeStore) { self.store = store }

    public func addSection(code rawCode: String, name rawName: String, head: String? = nil, by actor: StaffMember, at now: Date) throws {
        try require(actor, .manageAccounts, "thêm phòng, ban")
        let code = rawCode.nfc.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = rawName.nfc.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !code.isEmpty, code.count <= 32, !code.contains(where: { $0.isWhitespace }) else {
            throw ServiceError.invalid("Mã phòng, ban \"\(code)\" không hợp lệ: cần 1 đến 32 ký tự, không có khoảng trắng.")
        }
        guard !name.isEmpty else { throw ServiceError.invalid("Tên phòng, ban \(code) đang trống (--name).") }
        try store.writer.write { db in
            if try NodeStore.section(code: code, in: db) != nil {
                throw ServiceError(.alreadyExists, message: "Phòng, ban \(code) đã có.", log: "section exists")
            }
            let headId = try head.map { try Self.userId(of: $0, db) }
            try NodeStore.addSection(UnitSectionRecord(code: code, name: name, headUserId: headId, createdAt: now), in: db)
            try AuditLog.append(db, actor: actor, action: .sectionAdd, object: code,
                                detail: name + (head.map { "; trưởng: \(AccountService.normalize($0))" } ?? ""), at: now)
        }
    }

    /// Sets (or with nil clears) the section's head.
    public func setHead(section code: String, login: String?, by actor: StaffMember, at now: Date) throws {
        try require(actor, .manageAccounts, "chỉ định trưởng phòng, ban")
        try store.writer.write { db in
            let section = try Self.sectionCode(code, db)
            let id = try login.map { try Self.userId(of: $0, db) }
            try NodeStore.setHead(ofSection: section, userId: id, in: db)
            try AuditLog.append(db, actor: actor, action: .sectionHead, object: section,
                                detail: login.map { "trưởng: \(AccountService.normalize($0))" } ?? "bỏ trưởng", at: now)
        }
    }

    /// Adds people to a section, or with `remove` takes them out.
    public func setMembers(section code: String, logins: [String], remove: Bool = false, by actor: StaffMember, at now: Date) throws {
        try require(actor, .manageAccounts, "phân công người vào phòng, ban")
        guard !logins.isEmpty else { throw ServiceError.invalid("Hãy nêu ít nhất một tên đăng nhập.") }
        try store.writer.write { db in
            let section = try Self.sectionCode(code, db)
            for login in logins {
                let id = try Self.userId(of: login, db)
                if remove {
                    try NodeStore.removeMember(userId: id, fromSection: section, in: db)
                } else {
                    try NodeStore.addMember(userId: id, toSection: section, at: now, in: db)
                }
            }
            try AuditLog.append(db, actor: actor, action: .sectionMember, object: section,
                                detail: (remove ? "bớt: " : "thêm: ") + logins.map(AccountService.normalize).joined(separator: ", "), at: now)
        }
    }

    /// The leader delegates approving the section's figures to a named clerk.
    public func delegate(section code: String, to login: String, by actor: StaffMember, at now: Date) throws {
        try requireLeader(actor, "ủy quyền duyệt số liệu")
        try store.writer.write { db in
            let section = try Self.sectionCode(code, db)
            let id = try Self.userId(of: login, db)
            if try NodeStore.hasDelegationInForce(section: section, userId: id, in: db) {
                throw ServiceError(.alreadyExists, message: "\(AccountService.normalize(login)) đã được ủy quyền duyệt số liệu của \(section).", log: "delegation exists")
            }
            try NodeStore.addDelegation(SectionDelegationRecord(sectionCode: section, userId: id, grantedBy: actor.login, grantedAt: now), in: db)
            try AuditLog.append(db, actor: actor, action: .sectionDelegate, object: section,
                                detail: "ủy quyền duyệt số liệu cho \(AccountService.normalize(login))", at: now)
        }
    }

    /// Ends a delegation; the record of it stays.
    public func revoke(section code: String, from login: String, by actor: StaffMember, at now: Date) throws {
        try requireLeader(actor, "thu hồi ủy quyền duyệt số liệu")
        try store.writer.write { db in
            let section = try Self.sectionCode(code, db)
            let id = try Self.userId(of: login, db)
            guard try NodeStore.revokeDelegation(section: section, userId: id, by: actor.login, at: now, in: db) else {
                throw ServiceError(.notFound, message: "\(AccountService.normalize(login)) không có ủy quyền duyệt số liệu nào của \(section) đang hiệu lực.", log: "no delegation")
            }
            try AuditLog.append(db, actor: actor, action: .sectionRevoke, object: section,
                                detail: "thu hồi ủy quyền của \(AccountService.normalize(login))", at: now)
        }
    }

    public func list() throws -> [UnitSection] {
        try store.writer.read { db in
            try NodeStore.sections(in: db).map { section in
                UnitSection(code: section.code, name: section.name, head: try section.headUserId.flatMap { try NodeStore.user(id: $0, in: db)?.login },
                            members: try NodeStore.memberLogins(ofSection: section.code, in: db),
                            delegates: try NodeStore.delegateLogins(ofSection: section.code, in: db))
            }
        }
    }

    /// Whether `actor` may approve the figures of a section (duyệt số liệu): the leader
    /// (approver role), or someone the leader delegated the section to, the delegation in
    /// force (seed 002 art. 10.2b: "nếu được ủy quyền"). Heading the section is not
    /// enough. A locked account may not.
    public func mayApproveSection(_ actor: StaffMember, sectionCode: String) throws -> Bool {
        try store.writer.read { db in try Self.mayApproveSection(actor, sectionCode: sectionCode, in: db) }
    }

    /// The same, inside the caller's transaction.
    public static func mayApproveSection(_ actor: StaffMember, sectionCode: String, in db: Database) throws -> Bool {
        if actor.may(.approveSectionFigures) { return true }
        guard actor.userId != 0 else { return false }
        return try NodeStore.isDelegatedToApprove(userId: actor.userId, section: sectionCode, in: db)
    }

    /// The sections whose figures the leader delegated to `actor`, in force (every
    /// section is the leader's own to approve).
    public func delegatedSections(of actor: StaffMember) throws -> Set<String> {
        guard actor.userId != 0 else { return [] }
        return try store.writer.read { db in try NodeStore.delegatedSectionCodes(ofUser: actor.userId, in: db) }
    }

    /// The sections `actor` heads without the leader's delegation of their figures: the
    /// head must ask the leader for one before approving them.
    public func headedWithoutDelegation(by actor: StaffMember) throws -> Set<String> {
        guard actor.userId != 0 else { return [] }
        return try store.writer.read { db in
            Set(try NodeStore.sections(in: db).filter { $0.headUserId == actor.userId }.map(\.code))
                .subtracting(try NodeStore.delegatedSectionCodes(ofUser: actor.userId, in: db))
        }
    }

    /// Why `actor` may not approve a section's figures, in Vietnamese: a head is told a
    /// delegation from the leader is needed.
    static func refusal(_ actor: StaffMember, sectionCode: String, title: String, in db: Database) throws -> String {
        if actor.userId != 0, try NodeStore.heads(userId: actor.userId, section: sectionCode, in: db) {
            return "\(actor.displayName) là trưởng bộ phận \(sectionCode) nhưng chưa được lãnh đạo ủy quyền duyệt số liệu phần \"\(title)\": "
                + "trưởng bộ phận chỉ duyệt số liệu khi được lãnh đạo đơn vị ủy quyền (lãnh đạo ủy quyền bằng: baocao section delegate \(sectionCode) \(actor.login))."
        }
        return "\(actor.displayName) không được duyệt số liệu phần \"\(title)\": cần lãnh đạo đơn vị, hoặc người được lãnh đạo ủy quyền duyệt số liệu của bộ phận \(sectionCode)."
    }

    static func userId(of login: String, _ db: Database) throws -> Int64 {
        let normalized = AccountService.normalize(login)
        guard let id = try NodeStore.user(login: normalized, in: db)?.id else {
            throw ServiceError.unknownUser(normalized)
        }
        return id
    }

    static func sectionCode(_ code: String, _ db: Database) throws -> String {
        let trimmed = code.nfc.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let stored = try NodeStore.section(code: trimmed, in: db)?.code else {
            throw ServiceError(.notFound, message: "Không có phòng, ban \(trimmed) tại nút này (xem: baocao section list).", log: "unknown section")
        }
        return stored
    }

    private func require(_ actor: StaffMember, _ action: Action, _ what: String) throws {
        guard actor.may(action) else { throw ServiceError.forbidden(actor, what, needs: action.roles) }
    }

    private func requireLeader(_ actor: StaffMember, _ what: String) throws {
        guard actor.roles.contains(.approver) else { throw ServiceError.forbidden(actor, what, needs: [.approver]) }
    }
}
