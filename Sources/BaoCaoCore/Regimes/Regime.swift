/// A regime (chế độ báo cáo): a reporting obligation — what is reported (a form), by
/// whom, for which periods, by when and to whom.
public struct Regime: Sendable, Hashable, Codable, Identifiable {
    /// Định kỳ, chuyên đề, đột xuất.
    public enum RegimeType: String, Sendable, Codable, CaseIterable {
        case periodic, thematic, adHoc

        public var vietnameseName: String {
            switch self {
            case .periodic: "định kỳ"
            case .thematic: "chuyên đề"
            case .adHoc: "đột xuất"
            }
        }
    }

    public var code: RegimeCode
    public var name: String
    public var nameEn: String?
    public var type: RegimeType
    /// How often it is reported; required for periodic regimes. Thematic and ad hoc
    /// regimes may have one, or use ad hoc periods with explicit dates.
    public var frequency: PeriodKind?
    /// Overrides the cut-off windows of Nghị định 09/2019/NĐ-CP Điều 12. The default is the decree's.
    public var cutOff: CutOffRule?
    /// When each kind of sender must have sent its report.
    public var deadlines: [DeadlineRule]
    /// Who must report.
    public var reporters: ReporterSelection
    /// The receiving unit's code; `nil` (the default) means each reporter's parent.
    public var receiver: UnitCode?
    /// The code of the form reported.
    public var form: String
    /// The legal basis (căn cứ), shown on the report.
    public var legalBasis: String?

    public var id: RegimeCode { code }

    public init(
        code: RegimeCode, name: String, nameEn: String? = nil, type: RegimeType, frequency: PeriodKind?,
        cutOff: CutOffRule? = nil, deadlines: [DeadlineRule], reporters: ReporterSelection,
        receiver: UnitCode? = nil, form: String, legalBasis: String? = nil
    ) {
        self.code = code
        self.name = name.nfc
        self.nameEn = nameEn
        self.type = type
        self.frequency = frequency
        self.cutOff = cutOff
        self.deadlines = deadlines
        self.reporters = reporters
        self.receiver = receiver
        self.form = form
        self.legalBasis = legalBasis?.nfc
    }

    /// The cut-off rule in force: the regime's override or the decree's.
    public var effectiveCutOff: CutOffRule { cutOff ?? .decree09 }

    /// The deadline rule for a kind of sender, if this regime asks that kind to report.
    public func deadlineRule(for senderKind: UnitKind) -> DeadlineRule? {
        deadlines.first { $0.senderKind == senderKind }
    }

    /// The units that must report to `receiverCode` under this regime.
    ///
    /// With no explicit receiver, these are the receiver's children of the listed kinds;
    /// with an explicit receiver, every unit of the listed kinds in the receiver's
    /// province, plus the units listed by code.
    public func expectedReporters(at receiverCode: UnitCode, in topology: Topology) -> [ReportingUnit] {
        let listed = Set(reporters.units)
        let kinds = Set(reporters.kinds)
        if let receiver {
            guard receiver == receiverCode else { return [] }
            let top = topology.ancestors(of: receiverCode).last?.code ?? receiverCode
            return topology.subtree(of: top).filter { ($0.code != receiverCode) && (kinds.contains($0.kind) || listed.contains($0.code)) }
        }
        return topology.children(of: receiverCode).filter { kinds.contains($0.kind) || listed.contains($0.code) }
    }
}

/// Who must report under a regime: every unit of some kinds, and units named by code.
public struct ReporterSelection: Sendable, Hashable, Codable {
    public var kinds: [UnitKind]
    public var units: [UnitCode]

    public init(kinds: [UnitKind] = [], units: [UnitCode] = []) {
        self.kinds = kinds
        self.units = units
    }

    private enum CodingKeys: String, CodingKey { case kinds, units }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kinds: try c.decodeIfPresent([UnitKind].self, forKey: .kinds) ?? [],
            units: try c.decodeIfPresent([UnitCode].self, forKey: .units) ?? [])
    }
}
