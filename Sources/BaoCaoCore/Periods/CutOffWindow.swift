/// The days whose figures a report covers (thời gian chốt số liệu), both ends inclusive.
///
/// It is usually not the calendar period: under Nghị định 09/2019/NĐ-CP the "January"
/// report covers 15 December to 14 January, so that figures can be counted and sent by
/// the deadline. See ``CutOffRule``.
public struct CutOffWindow: Hashable, Sendable, CustomStringConvertible {
    /// The first day covered.
    public let from: CivilDate
    /// The last day covered.
    public let to: CivilDate

    /// `from` must not be after `to` (it stops the program otherwise).
    public init(from: CivilDate, to: CivilDate) {
        precondition(from <= to, "cut-off window \(from)..\(to) ends before it starts")
        self.from = from
        self.to = to
    }

    /// Whether `date` is one of the covered days.
    public func contains(_ date: CivilDate) -> Bool { from <= date && date <= to }

    /// The covered days, for `for day in window.days`.
    public var days: ClosedRange<CivilDate> { from...to }

    /// How many days are covered.
    public var dayCount: Int { from.distance(to: to) + 1 }

    /// `2025-12-15..2026-01-14`.
    public var description: String { "\(from)..\(to)" }
}

extension CutOffWindow: Codable {
    private enum CodingKeys: String, CodingKey { case from, to }

    /// Decodes `{ "from": "2025-12-15", "to": "2026-01-14" }`, refusing a window that ends
    /// before it starts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let from = try container.decode(CivilDate.self, forKey: .from)
        let to = try container.decode(CivilDate.self, forKey: .to)
        guard from <= to else {
            throw DecodingError.dataCorruptedError(
                forKey: .to, in: container,
                debugDescription: "Thời gian chốt số liệu không hợp lệ: ngày bắt đầu \(from) sau ngày kết thúc \(to).")
        }
        self.init(from: from, to: to)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
    }
}
