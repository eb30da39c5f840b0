/// Why an exchange is not one the acceptance table allows: a code naming the rule broken,
/// a Vietnamese reason (for the sender's people, on their sync page, and for the staff
/// who imported it) and a line for the log.
public struct AcceptanceRefusal: Sendable, Hashable, Error {
    public let code: String
    public let message: String
    public let logDescription: String

    init(_ code: String, _ message: String, log: String) {
        self.code = code
        self.message = message
        self.logDescription = log
    }

    static func unknownKind(_ kind: BundleKind) -> Self {
        Self("unknownKind", "Loại gói tin \(kind.rawValue.prefix(40)) không có trong bảng tiếp nhận.", log: "kind \(kind) not in the table")
    }

    static func kindNotAccepted(_ kind: BundleKind, because reason: String) -> Self {
        Self("kindNotAccepted", "Chưa nhận gói tin \(kind.vietnameseName) từ bất kỳ đơn vị nào: \(reason).", log: "kind \(kind) refused from everyone")
    }

    static func mustGoToEveryUnit(_ kind: BundleKind) -> Self {
        Self("recipientNotAllowed", "Gói tin \(kind.vietnameseName) phải gửi tới mọi đơn vị.", log: "kind \(kind) must be broadcast")
    }

    static func mustNameItsRecipient(_ kind: BundleKind) -> Self {
        Self("recipientNotAllowed",
             "Gói tin \(kind.vietnameseName) phải gửi tới một đơn vị cụ thể; chỉ bản phát hành và thông báo mới gửi tới mọi đơn vị.",
             log: "kind \(kind) must name one recipient")
    }

    public static func unknownRecipient(_ recipient: BundleRecipient) -> Self {
        Self("unknownRecipient", "Không tìm thấy đơn vị nhận \(recipient) trong danh sách đơn vị; không thể chuyển gói tin.",
             log: "unroutable recipient \(recipient)")
    }

    static func unknownSender(_ sender: UnitCode) -> Self {
        Self("unknownSender", "Đơn vị gửi \(sender) không có trong danh sách đơn vị đang áp dụng.", log: "unknown sender \(sender)")
    }

    static func senderNotAllowed(_ row: AcceptanceRow, _ exchange: BundleExchange) -> Self {
        let rules = row.senders.map(\.vietnameseRule).joined(separator: "; hoặc ")
        return Self("senderNotAllowed",
                    "Đơn vị \(exchange.sender) không được gửi \(exchange.kind.vietnameseName) tới \(exchange.recipient.vietnameseText): "
                        + "theo bảng tiếp nhận, \(rules).",
                    log: "sender \(exchange.sender) may not send \(exchange.kind) to \(exchange.recipient)")
    }

    static func partNotAllowed(_ path: String, _ row: AcceptanceRow) -> Self {
        let allowed = row.parts.map(\.name).joined(separator: ", ")
        return Self("partNotAllowed",
                    "Gói tin \(row.kind.vietnameseName) không được chứa tệp \"\(path.prefix(80))\" (chỉ được chứa: \(allowed)).",
                    log: "part \(path.prefix(80).debugDescription) not allowed in \(row.kind)")
    }

    static func mediaTypeNotAllowed(_ part: DeclaredPart, _ row: AcceptanceRow) -> Self {
        Self("mediaTypeNotAllowed",
             "Tệp \(part.path.prefix(80)) của gói tin \(row.kind.vietnameseName) có kiểu \"\(part.mediaType.prefix(60))\" không được phép.",
             log: "media type \(part.mediaType.prefix(60).debugDescription) not allowed for \(part.path.prefix(80)) in \(row.kind)")
    }

    static func partTooLarge(_ part: DeclaredPart, _ row: AcceptanceRow, limit: Int) -> Self {
        Self("partTooLarge",
             "Tệp \(part.path.prefix(80)) lớn \(part.size) byte, vượt giới hạn \(limit) byte của gói tin \(row.kind.vietnameseName).",
             log: "part \(part.path.prefix(80)) of \(part.size) bytes over \(limit)")
    }

    static func partMissing(_ name: String, _ row: AcceptanceRow) -> Self {
        Self("partMissing", "Gói tin \(row.kind.vietnameseName) thiếu tệp \(name).", log: "\(row.kind) without \(name)")
    }

    static func callerNotAllowed(_ caller: BundleCaller, sender: UnitCode) -> Self {
        let message: String = switch caller {
        case .child(let child):
            "Nút của đơn vị \(child) không được chuyển lên gói tin do đơn vị \(sender) gửi: nút cấp dưới chỉ chuyển gói tin của chính nó hoặc của đơn vị thuộc nó."
        case .parent:
            "Nút cấp trên không được chuyển xuống gói tin ghi là của đơn vị \(sender) thuộc nút này."
        case .thisNode, .carrier:
            "Nút này chỉ tự tạo gói tin của chính đơn vị mình, không phải của đơn vị \(sender)."
        }
        return Self("callerNotAllowed", message, log: "\(caller) may not hand over a bundle from \(sender)")
    }

    /// A decision whose `decision.json` does not read, or speaks of another unit's report
    /// than its recipient's: a relay cannot tell which report it decides.
    public static let unreadableDecision = Self(
        "unreadableDecision", "Quyết định không đọc được hoặc nói về báo cáo của đơn vị khác với đơn vị nhận.",
        log: "decision.json unreadable or about another unit")

    static func referenceMismatch(_ exchange: BundleExchange, held: ReferencedBundle) -> Self {
        Self("referenceMismatch",
             "Đơn vị \(exchange.sender) không được gửi \(exchange.kind.vietnameseName) về gói tin \(held.id.prefix(12))…: "
                 + "gói tin đó do đơn vị \(held.sender) gửi tới \(held.recipient.vietnameseText), không phải tới \(exchange.sender).",
             log: "\(exchange.kind) from \(exchange.sender) refers to \(held.kind) \(held.id) from \(held.sender) to \(held.recipient)")
    }
}

extension BundleRecipient {
    /// How a recipient is named in a sentence: "mọi đơn vị" or "đơn vị 05290".
    public var vietnameseText: String {
        unit.map { "đơn vị \($0)" } ?? "mọi đơn vị"
    }
}
