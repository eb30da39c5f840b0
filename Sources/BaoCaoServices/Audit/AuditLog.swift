import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// What an audit entry records was done, e.g. `user.add`. Each service adds its own.
public struct AuditAction: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let userAdd = Self("user.add")
    /// An indicator added to or removed from the unit's own dashboard.
    public static let dashboardAdd = Self("dashboard.add")
    public static let dashboardRemove = Self("dashboard.remove")
    public static let passwordChange = Self("user.password")
    public static let roleChange = Self("user.role")
    public static let userLock = Self("user.lock")
    public static let userUnlock = Self("user.unlock")
    public static let signIn = Self("signin.ok")
    public static let signInExpired = Self("signin.expired")
    public static let signInFailed = Self("signin.failed")
    public static let sectionAdd = Self("section.add")
    public static let sectionHead = Self("section.head")
    public static let sectionMember = Self("section.member")
    public static let sectionDelegate = Self("section.delegate")
    public static let sectionRevoke = Self("section.revoke")
    public static let bundleReceived = Self("bundle.received")
    public static let bundlesImported = Self("usb.import")
    public static let bundlesExported = Self("usb.export")
}

/// What ``AuditLog/verify(_:anchors:)`` found wrong first.
public struct AuditProblem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// An entry's content no longer matches its hash, or was re-hashed and no longer
        /// matches the next entry's link.
        case edited
        /// One or more entries are missing from the middle (a gap, or a renumbered rest).
        case deleted
        /// An intact entry stands at another place than the one it was written at.
        case reordered
        /// The log ends before an anchor the parent holds.
        case truncated
        /// The log was rebuilt with new hashes: an anchor's hash differs from its entry's.
        case rechained
    }

    public let kind: Kind
    /// The first entry concerned (as numbered when written).
    public let sequence: Int64
    /// In Vietnamese, for people.
    public let message: String
}

/// The outcome of checking the log.
public struct AuditVerification: Sendable, Hashable {
    public let entries: Int
    public let head: AuditHead?
    public let anchorsChecked: Int
    public var problem: AuditProblem?
    /// The units whose signed bundles say they hold anchors of this log (its parent's
    /// receipts, its children's relayed heads), when the check used them.
    public var anchorHolders: [UnitCode] = []
    public var isIntact: Bool { problem == nil }

    /// What the check found, in Vietnamese, as the command line and the web page say it:
    /// the first entry that no longer matches, or what was checked — and, when no other
    /// unit holds an anchor of this log yet, that a wholly rebuilt log could not be caught.
    public var summary: String {
        if let problem { return "Nhật ký hệ thống KHÔNG toàn vẹn. \(problem.message)" }
        let intact = "Nhật ký hệ thống toàn vẹn: \(entries) mục, chuỗi băm đúng"
        let headText = head.map { " Đầu chuỗi: \($0.anchorText)." } ?? ""
        guard anchorsChecked > 0 else {
            return intact + ". Chưa có mốc neo nào do đơn vị khác giữ cho nhật ký này (cấp trên gửi lại trong biên nhận, "
                + "cấp dưới gửi lên trong gói tin): mới kiểm tra được chuỗi băm nội bộ, chưa phát hiện được nhật ký bị dựng lại toàn bộ."
                + headText
        }
        let holders = anchorHolders.isEmpty ? "" : " do \(anchorHolders.map(\.rawValue).joined(separator: ", ")) giữ"
        return intact + ", khớp \(anchorsChecked) mốc neo\(holders)." + headText
    }
}

/// The node's append-only, hash-chained audit log (nhật ký hệ thống; DESIGN §11).
///
/// Entry `n` stores `hash = SHA-256(previousHash ‖ canonical(n, at, actor, action, object,
/// detail))` with `previousHash` the hash of entry `n − 1` (64 zeros for the first). The
/// canonical encoding writes each field as `<UTF-8 byte count>:<bytes>`, an absent field
/// as `-`, so no two different entries encode alike.
///
/// ``append(_:actor:action:object:detail:at:)`` takes the `Database` of a write
/// transaction, so a service records what it did in the same commit as the change.
public enum AuditLog {
    /// The `previousHash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    @discardableResult
    public static func append(_ db: Database, actor: StaffMember, action: AuditAction, object: String?, detail: String?, at instant: Date) throws -> AuditEntry {
        try append(db, actor: actor.login, action: action, object: object, detail: detail, at: instant)
    }

    /// The same, for an actor named only by text (a login that failed to sign in).
    @discardableResult
    public static func append(_ db: Database, actor: String, action: AuditAction, object: String?, detail: String?, at instant: Date) throws -> AuditEntry {
        let last = try NodeStore.auditHead(in: db)
        let sequence = (last?.sequence ?? 0) + 1
        let previousHash = last?.hash ?? genesisHash
        let at = StoredTime.text(instant)
        let actor = actor.nfc, object = object?.nfc, detail = detail?.nfc
        let hash = hash(previousHash: previousHash, sequence: sequence, at: at, actor: actor, action: action.rawValue, object: object, detail: detail)
        let entry = AuditEntry(sequence: sequence, at: at, actor: actor, action: action.rawValue, object: object, detail: detail,
                               previousHash: previousHash, hash: hash)
        try NodeStore.appendAuditEntry(entry, in: db)
        return entry
    }

    /// The newest entry's sequence and hash; nil for an empty log.
    public static func head(_ db: Database) throws -> AuditHead? {
        try NodeStore.auditHead(in: db)
    }

    /// `SEQUENCE:HASH`, for `about["auditHead"]` in an outbound bundle's manifest.
    public static func headAnchor(_ db: Database) throws -> String? {
        try head(db)?.anchorText
    }

    /// Reads an anchor as it rides in a manifest.
    public static func parseAnchor(_ text: String) -> AuditHead? { AuditHead(anchorText: text) }

    /// The newest entries first, at most `limit`.
    public static func entries(_ db: Database, limit: Int? = nil) throws -> [AuditEntry] {
        try NodeStore.auditEntries(newestFirst: limit, in: db)
    }

    /// The newest entries of a node's log, at most `limit`.
    public static func entries(in store: NodeStore, limit: Int? = nil) throws -> [AuditEntry] {
        try store.writer.read { try entries($0, limit: limit) }
    }

    /// Checks a node's log (see ``verify(_:anchors:)``).
    public static func verify(_ store: NodeStore, anchors: [AuditHead] = []) throws -> AuditVerification {
        try store.writer.read { try verify($0, anchors: anchors) }
    }

    /// The node's current head as `SEQUENCE:HASH`, for an outbound manifest.
    public static func headAnchor(of store: NodeStore) throws -> String? {
        try store.writer.read { try headAnchor($0) }
    }

    static func hash(previousHash: String, sequence: Int64, at: String, actor: String, action: String, object: String?, detail: String?) -> String {
        var text = previousHash
        for field in [String(sequence), at, actor, action, object, detail] as [String?] {
            if let field { text += "\(field.utf8.count):\(field)" } else { text += "-" }
        }
        return SHA256Digest.hex(of: Data(text.utf8))
    }

    static func recomputedHash(of entry: AuditEntry, asSequence sequence: Int64? = nil) -> String {
        hash(previousHash: entry.previousHash, sequence: sequence ?? entry.sequence, at: entry.at, actor: entry.actor,
             action: entry.action, object: entry.object, detail: entry.detail)
    }

    /// Recomputes the whole chain and names the first entry edited, deleted or moved;
    /// then checks the anchors the parent holds (a truncated tail, a re-chained log).
    public static func verify(_ db: Database, anchors: [AuditHead] = []) throws -> AuditVerification {
        let entries = try NodeStore.auditEntries(in: db)
        let head = entries.last.map { AuditHead(sequence: $0.sequence, hash: $0.hash) }
        let problem = chainProblem(entries) ?? anchorProblem(entries, anchors: anchors)
        return AuditVerification(entries: entries.count, head: head, anchorsChecked: anchors.count, problem: problem)
    }

    static func chainProblem(_ entries: [AuditEntry]) -> AuditProblem? {
        let hashes = Set(entries.map(\.hash))
        var expected: Int64 = 1
        var previous: AuditEntry?
        for entry in entries {
            if entry.sequence > expected {
                let range = expected == entry.sequence - 1 ? "Mục số \(expected) đã bị xóa"
                    : "Các mục số \(expected) đến \(entry.sequence - 1) đã bị xóa"
                return AuditProblem(kind: .deleted, sequence: expected,
                    message: "\(range): số thứ tự nhảy từ \(expected - 1) lên \(entry.sequence).")
            }
            if recomputedHash(of: entry) != entry.hash {
                // An intact entry written under another number: moved, or the rest renumbered after a deletion.
                let maximum = (entries.last?.sequence ?? 0) + Int64(entries.count) + 1
                if let original = (1...max(1, maximum)).first(where: { $0 != entry.sequence && recomputedHash(of: entry, asSequence: $0) == entry.hash }) {
                    let linked = entry.previousHash == genesisHash || hashes.contains(entry.previousHash)
                    if !linked && original > entry.sequence {
                        return AuditProblem(kind: .deleted, sequence: entry.sequence,
                            message: "Mục số \(entry.sequence) đã bị xóa và các mục sau bị đánh số lại (mục đang mang số \(entry.sequence) vốn là mục số \(original)).")
                    }
                    return AuditProblem(kind: .reordered, sequence: entry.sequence,
                        message: "Mục số \(entry.sequence) bị đổi thứ tự: nội dung ở vị trí này vốn là mục số \(original).")
                }
                return AuditProblem(kind: .edited, sequence: entry.sequence,
                    message: "Mục số \(entry.sequence) đã bị sửa: nội dung không còn khớp mã băm (\(describe(entry))).")
            }
            let expectedLink = previous?.hash ?? genesisHash
            if entry.previousHash != expectedLink {
                if let previous, !hashes.contains(entry.previousHash) {
                    return AuditProblem(kind: .edited, sequence: previous.sequence,
                        message: "Mục số \(previous.sequence) đã bị sửa và tính lại mã băm: mục số \(entry.sequence) không còn nối vào nó (\(describe(previous))).")
                }
                return AuditProblem(kind: .reordered, sequence: entry.sequence,
                    message: "Mục số \(entry.sequence) không nối vào mục đứng trước: các mục đã bị đổi thứ tự.")
            }
            expected = entry.sequence + 1
            previous = entry
        }
        return nil
    }

    static func anchorProblem(_ entries: [AuditEntry], anchors: [AuditHead]) -> AuditProblem? {
        let bySequence = Dictionary(entries.map { ($0.sequence, $0) }, uniquingKeysWith: { a, _ in a })
        let last = entries.last?.sequence ?? 0
        var lastGood: Int64?
        for anchor in Set(anchors).sorted(by: { ($0.sequence, $0.hash) < ($1.sequence, $1.hash) }) {
            guard let entry = bySequence[anchor.sequence] else {
                guard anchor.sequence > last else { continue }  // a gap is the chain's to name
                let rest = last == 0 ? "nhật ký không còn mục nào" : "nhật ký chỉ còn đến mục số \(last)"
                return AuditProblem(kind: .truncated, sequence: last + 1,
                    message: "Nhật ký bị cắt cụt từ mục số \(last + 1): đơn vị khác giữ mốc neo của mục số \(anchor.sequence), nhưng \(rest).")
            }
            guard entry.hash == anchor.hash else {
                let since = lastGood.map { " (còn khớp đến mục số \($0))" } ?? ""
                let first = (lastGood ?? 0) + 1
                let which = first == anchor.sequence ? "mục số \(first)" : "một hoặc nhiều mục từ số \(first) đến \(anchor.sequence)"
                return AuditProblem(kind: .rechained, sequence: anchor.sequence,
                    message: "Nhật ký đã bị dựng lại chuỗi băm: mục số \(anchor.sequence) không khớp mốc neo đơn vị khác giữ\(since); "
                        + "\(which) đã bị sửa hoặc thay rồi tính lại mã băm.")
            }
            lastGood = anchor.sequence
        }
        return nil
    }

    private static func describe(_ entry: AuditEntry) -> String {
        let time = entry.instant.map(VietnamTime.displayText) ?? entry.at
        return "\(time), \(entry.actor), \(entry.action)" + (entry.object.map { " \($0)" } ?? "")
    }
}
