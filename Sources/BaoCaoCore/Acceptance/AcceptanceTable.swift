/// Who may send which bundle kind to whom (DESIGN §7): the rules a node applies to every
/// verified bundle before it stores anything of it, whatever path the bundle came by
/// (HTTPS, USB, made here). One place, so that what a unit may send can be read — and
/// argued about — in one file.
///
/// The signature (the signer registered for the sender), the release chain (``ReleaseGate``
/// in BaoCaoBundle) and each kind's content (a report names its sender, a decision its
/// recipient) are checked where those are read; this table says which exchanges may
/// happen at all.
public struct AcceptanceTable: Sendable {
    /// The kinds that may be addressed to every unit: the province's release, a unit's
    /// local release, and notices (a reminder, a window announcement). Anything else
    /// names one recipient: a broadcast report or decision would reach units that have no
    /// business with it.
    public static let broadcastKinds: Set<BundleKind> = [.release, .localRelease, .notice]

    /// The kinds that must be addressed to every unit: a release is the network's, never
    /// one unit's.
    public static let alwaysBroadcastKinds: Set<BundleKind> = [.release, .localRelease]

    public let topology: Topology

    public init(topology: Topology) {
        self.topology = topology
    }

    /// Why a bundle of `kind` from `sender` to `recipient` may not be accepted, or `nil`
    /// when the exchange may happen.
    public func refusal(of kind: BundleKind, from sender: UnitCode, to recipient: BundleRecipient) -> AcceptanceRefusal? {
        if let unit = recipient.unit {
            guard !Self.alwaysBroadcastKinds.contains(kind) else { return .mustNameItsRecipient(kind) }
            guard topology.unit(code: unit) != nil else { return .unknownRecipient(recipient) }
        } else {
            guard Self.broadcastKinds.contains(kind) else { return .mustNameItsRecipient(kind) }
        }
        return nil
    }
}

/// Why an exchange is not one the acceptance table allows: a code and a Vietnamese
/// reason (for the sender's people, on their sync page).
public struct AcceptanceRefusal: Sendable, Hashable {
    public let code: String
    public let message: String
    public let logDescription: String

    static func mustNameItsRecipient(_ kind: BundleKind) -> AcceptanceRefusal {
        let broadcast = AcceptanceTable.alwaysBroadcastKinds.contains(kind)
        return AcceptanceRefusal(
            code: "recipientNotAllowed",
            message: broadcast
                ? "Gói tin \(kind.vietnameseName) phải gửi tới mọi đơn vị."
                : "Gói tin \(kind.vietnameseName) phải gửi tới một đơn vị cụ thể; chỉ bản phát hành và thông báo mới gửi tới mọi đơn vị.",
            logDescription: "recipient not allowed for kind \(kind)")
    }

    public static func unknownRecipient(_ recipient: BundleRecipient) -> AcceptanceRefusal {
        AcceptanceRefusal(code: "unknownRecipient",
                          message: "Không tìm thấy đơn vị nhận \(recipient) trong danh sách đơn vị; không thể chuyển gói tin.",
                          logDescription: "unroutable recipient \(recipient)")
    }
}
