import BaoCaoCore

/// One system-use report the province's rules ask of a unit: the regime (its frequency,
/// deadlines and legal basis), the unit it goes to, and the function that unit holds
/// there when the catalog names the receiver by function.
public struct UsageReportPlan: Sendable, Hashable {
    public let regime: Regime
    public let receiver: ReportingUnit
    /// "Văn phòng UBND tỉnh", "cơ quan chuyên trách công nghệ thông tin của tỉnh"; `nil`
    /// when the report goes to the unit's parent.
    public let receiverFunction: String?

    public init(regime: Regime, receiver: ReportingUnit, receiverFunction: String?) {
        self.regime = regime
        self.receiver = receiver
        self.receiverFunction = receiverFunction
    }

    /// The legal basis line: the province's own decision, or that its text is not at hand.
    public var basisLine: String {
        regime.legalBasis ?? RegimeDescription.basisNotAtHand
    }

    /// The receiver as people read it: "Văn phòng UBND tỉnh Đắk Lắk (66-VPUBND)".
    public var receiverText: String {
        receiverFunction.map { "\(receiver.name) — \($0) (\(receiver.code))" } ?? "\(receiver.name) (\(receiver.code))"
    }
}
