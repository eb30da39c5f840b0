/// A regime as people read it on the regime page and in `baocao catalog regimes`: how
/// often, who reports, to whom (the receiver named by function resolved to a unit of the
/// topology), each deadline with the note the catalog keeps beside an assumed one, and the
/// legal basis — the province's own text, or a plain statement that it is not at hand.
public struct RegimeDescription: Sendable, Hashable {
    /// One deadline, for one kind of sender.
    public struct DeadlineLine: Sendable, Hashable {
        /// "xã, phường, thị trấn".
        public let senderKind: String
        /// "ngày 20 tháng kết thúc kỳ", "5 ngày sau ngày kết thúc kỳ".
        public let rule: String
        /// What the deadline rests on when the catalog assumes it.
        public let note: String?
    }

    public let code: RegimeCode
    public let name: String
    /// "định kỳ", "chuyên đề", "đột xuất".
    public let type: String
    /// "Tháng", "6 tháng", "Đột xuất".
    public let frequency: String
    /// The kinds and the units listed by name that must report.
    public let reporters: [String]
    /// "Văn phòng UBND tỉnh Đắk Lắk (66-VPUBND) — Văn phòng UBND tỉnh", or each reporter's parent.
    public let receiver: String
    public let deadlines: [DeadlineLine]
    public let basis: String
    /// Whether the basis is missing: the text of the province is not at hand.
    public let basisMissing: Bool

    /// What the page says where the catalog gives no legal basis.
    public static let basisNotAtHand = "Chưa có trong tay văn bản của tỉnh quy định chế độ báo cáo này (danh mục chưa ghi căn cứ)."

    public init(_ regime: Regime, in topology: Topology) {
        code = regime.code
        name = regime.name
        type = regime.type.vietnameseName
        frequency = regime.frequency?.displayName ?? "Đột xuất"
        reporters = regime.reporters.kinds.map { "mọi \($0.vietnameseName)" }
            + regime.reporters.units.map { code in topology.unit(code: code).map { "\($0.name) (\(code))" } ?? code.rawValue }
        if let code = regime.receiver(in: topology) {
            let unit = topology.unit(code: code)
            let named = unit.map { "\($0.name) (\(code))" } ?? code.rawValue
            receiver = regime.receiver == nil ? regime.receiverByFunction.map { "\(named) — \($0.function)" } ?? named : named
        } else if let function = regime.receiverByFunction {
            receiver = "\(function.function): không có đơn vị nào giữ chức năng này trong danh sách đơn vị"
        } else {
            receiver = "Đơn vị cấp trên trực tiếp của đơn vị báo cáo"
        }
        deadlines = regime.deadlines.map { rule in
            let text: String
            if let days = rule.daysAfterCutOff {
                text = "\(days) ngày sau ngày kết thúc kỳ chốt số liệu"
            } else {
                let month = rule.monthsAfterCutOff == 0 ? "của tháng kết thúc kỳ chốt số liệu" : "của tháng thứ \(rule.monthsAfterCutOff) sau tháng kết thúc kỳ chốt số liệu"
                text = "ngày \(rule.day.map(String.init) ?? "cuối") \(month)"
            }
            return DeadlineLine(senderKind: rule.senderKind.vietnameseName, rule: text, note: rule.note)
        }
        basis = regime.legalBasis ?? Self.basisNotAtHand
        basisMissing = regime.legalBasis == nil
    }
}

extension Catalog {
    /// The regimes set by the rules of the province at the top of `topology`, described.
    public func regimeDescriptions(in topology: Topology) -> [RegimeDescription] {
        regimes.filter { $0.applies(in: topology) }.map { RegimeDescription($0, in: topology) }
    }
}
