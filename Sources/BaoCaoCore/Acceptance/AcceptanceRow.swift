/// One row of the acceptance table (``AcceptanceTable/rows``): for one bundle kind, whom
/// it may be addressed to, who may send it relative to its recipient, and the parts it may
/// carry.
public struct AcceptanceRow: Sendable {
    /// Whom a bundle of the kind may be addressed to.
    public enum Recipients: Sendable, Hashable {
        /// One named unit.
        case oneUnit
        /// Every unit (`*`).
        case everyUnit
        /// One named unit, or every unit.
        case oneUnitOrEveryUnit
    }

    /// Who may send a bundle of the kind, relative to its recipient. A row lists the
    /// senders it allows; a bundle passes when its sender is any of them. The signer is
    /// always checked as well: it must be registered for the sender (a release's, a
    /// publisher key of the province — ``ReleaseGate``).
    public enum Sender: Sendable, Hashable {
        /// The unit reporting, to a unit it reports to: one of its ancestors, or the
        /// receiver the catalog names for it under the report's regime.
        case reporterToItsReceiver
        /// The unit the decided report was addressed to (its receiver), to the reporter:
        /// checked against the report itself where the node holds it, otherwise the
        /// sender must be an ancestor of the reporter or the receiver the catalog names.
        case receiverOfTheDecidedReport
        /// The unit the acknowledged bundle was addressed to, back to that bundle's
        /// sender: checked against the acknowledged bundle where the node holds it,
        /// otherwise the sender must be an ancestor of the recipient or a receiver the
        /// catalog names for it.
        case addresseeOfTheAcknowledgedBundle
        /// The top unit of the network (the province), signing with a publisher key its
        /// release in force names.
        case provincePublisher
        /// The unit whose local release it is (the release names it as publisher).
        case publisherItself
        /// An ancestor of the recipient (a district to its communes).
        case ancestorOfRecipient
        /// The receiver of the regime the notice names, to one of that regime's expected reporters.
        case regimeReceiverToItsReporters
        /// The province, to every unit.
        case provinceToEveryUnit
        /// Any unit of the topology, to another unit of it (a transfer of records to the
        /// receiving body, or forwarded by it to the employing unit).
        case anyUnitToAnotherUnit
        /// Any unit of the topology, to the personnel authority (the Sở Nội vụ) only.
        case anyUnitToPersonnelAuthority
        /// A unit of the old map the succession in force names, to the unit of the new map
        /// that takes its history (``Succession/handoverRecipient(of:)``): the history
        /// handover of the 2025 reform.
        case formerUnitToItsSuccessor
    }

    public let kind: BundleKind
    public let recipients: Recipients
    /// Empty: the kind is refused from everyone (``refusedBecause`` says why).
    public let senders: [Sender]
    public let parts: [PartRule]
    /// Why a kind no one may send yet is refused (Vietnamese).
    public let refusedBecause: String?

    public init(kind: BundleKind, recipients: Recipients, senders: [Sender], parts: [PartRule], refusedBecause: String? = nil) {
        self.kind = kind
        self.recipients = recipients
        self.senders = senders
        self.parts = parts
        self.refusedBecause = refusedBecause
    }
}

extension AcceptanceRow.Sender {
    /// The rule in words, for refusals (Vietnamese).
    public var vietnameseRule: String {
        switch self {
        case .reporterToItsReceiver: "chỉ đơn vị báo cáo gửi tới đơn vị cấp trên hoặc đơn vị nhận theo chế độ báo cáo"
        case .receiverOfTheDecidedReport: "chỉ đơn vị đã nhận báo cáo mới được gửi quyết định về báo cáo đó"
        case .addresseeOfTheAcknowledgedBundle: "chỉ đơn vị đã nhận gói tin mới được gửi xác nhận đã nhận"
        case .provincePublisher: "chỉ tỉnh, bằng khóa phát hành được công nhận"
        case .publisherItself: "chỉ chính đơn vị phát hành"
        case .ancestorOfRecipient: "đơn vị cấp trên của đơn vị nhận"
        case .regimeReceiverToItsReporters: "đơn vị nhận báo cáo theo chế độ gửi tới đơn vị phải báo cáo chế độ đó"
        case .provinceToEveryUnit: "chỉ tỉnh được gửi tới mọi đơn vị"
        case .anyUnitToAnotherUnit: "một đơn vị trong danh sách đơn vị gửi tới một đơn vị khác trong danh sách"
        case .anyUnitToPersonnelAuthority: "một đơn vị chỉ được gửi tới cơ quan quản lý hồ sơ cán bộ của tỉnh (Sở Nội vụ) mà bản phát hành đang áp dụng chỉ định"
        case .formerUnitToItsSuccessor: "chỉ đơn vị cũ trong phương án sắp xếp đang áp dụng được bàn giao dữ liệu lịch sử, và chỉ cho đơn vị kế thừa của nó"
        }
    }
}
