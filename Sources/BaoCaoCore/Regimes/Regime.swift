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
    /// The legal basis (căn cứ), shown on the report: the province's own text with its
    /// number, or a plain statement that the text is not at hand.
    public var legalBasis: String?
    /// The receiver named by its function (``FunctionalReceiver``), resolved against the
    /// topology; ``receiver`` wins where both are given.
    public var receiverByFunction: FunctionalReceiver?
    /// The provinces (their codes) whose rules set this regime; `nil` (the default) means
    /// every province that takes the catalog. A catalog shared by several provinces carries
    /// each one's own regimes this way (the system-use report is monthly in one, six-monthly
    /// and yearly in another).
    public var provinces: [UnitCode]?
    /// Whether a deadline falling on a weekend or day off rolls to the next working day.
    /// `nil` (the default) means the text's rule: periodic deadlines roll (seed 002 art.
    /// 14.2), thematic and ad hoc ones are due when the requester set them (art. 14.3).
    public var rollsToWorkingDay: Bool?

    public var id: RegimeCode { code }

    public init(
        code: RegimeCode, name: String, nameEn: String? = nil, type: RegimeType, frequency: PeriodKind?,
        cutOff: CutOffRule? = nil, deadlines: [DeadlineRule], reporters: ReporterSelection,
        receiver: UnitCode? = nil, form: String, legalBasis: String? = nil,
        receiverByFunction: FunctionalReceiver? = nil, provinces: [UnitCode]? = nil,
        rollsToWorkingDay: Bool? = nil
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
        self.receiverByFunction = receiverByFunction
        self.provinces = provinces
        self.rollsToWorkingDay = rollsToWorkingDay
    }

    /// The cut-off rule in force: the regime's override or the decree's.
    public var effectiveCutOff: CutOffRule { cutOff ?? .decree09 }

    /// Whether this regime's deadlines roll past days off: as the regime says, else only
    /// periodic ones (seed 002 art. 14.2–14.3).
    public var deadlinesRollToWorkingDay: Bool { rollsToWorkingDay ?? (type == .periodic) }

    /// The deadline rule for a kind of sender, if this regime asks that kind to report.
    public func deadlineRule(for senderKind: UnitKind) -> DeadlineRule? {
        deadlines.first { $0.senderKind == senderKind }
    }

    /// Whether the regime is set by the rules of the province at the top of `topology`.
    public func applies(in topology: Topology) -> Bool {
        guard let provinces else { return true }
        return topology.roots.contains { provinces.contains($0.code) }
    }

    /// The explicit receiver in `topology`: ``receiver``, or the unit holding
    /// ``receiverByFunction``'s function; `nil` means each reporter's parent.
    public func receiver(in topology: Topology) -> UnitCode? {
        receiver ?? receiverByFunction?.unit(in: topology)?.code
    }

    /// The units that must report to `receiverCode` under this regime.
    ///
    /// With no explicit receiver, these are the receiver's children of the listed kinds;
    /// with an explicit receiver (by code or by function), every unit of the listed kinds
    /// in the receiver's province, plus the units listed by code. None where the regime is
    /// another province's (``provinces``).
    public func expectedReporters(at receiverCode: UnitCode, in topology: Topology) -> [ReportingUnit] {
        guard applies(in: topology) else { return [] }
        let listed = Set(reporters.units)
        let kinds = Set(reporters.kinds)
        if let receiver = receiver(in: topology) {
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
