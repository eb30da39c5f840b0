/// How a period's cut-off window (thời gian chốt số liệu) is found.
///
/// The default is Nghị định 09/2019/NĐ-CP, Điều 12: figures run from the 15th of the month
/// before the period to the 14th of its last month. So month M is 15/(M−1)–14/M, a quarter
/// is 15th of the month before it to the 14th of its last month, H1 is 15 December of the
/// previous year to 14 June, H2 is 15 June to 14 December, the year is 15 December of the
/// previous year to 14 December, and nine months (a provincial practice) is 15 December
/// to 14 September. A regime may choose another rule:
///
/// - ``decree09``: the rule above, the default;
/// - ``calendarMonths``: the calendar period itself, 1st of the first month to the last day
///   of the last month;
/// - ``shiftedStart(day:)``: like the decree but starting on another day N of the month
///   before, ending on day N−1 of the last month (the decree is N = 15).
///
/// An ad hoc period's window is its own dates under every rule.
///
/// In data: `{ "kind": "decree09" }`, `{ "kind": "calendarMonths" }`, or
/// `{ "kind": "shiftedStart", "startDay": 20 }`.
public struct CutOffRule: Hashable, Sendable {
    /// The day of the month before on which windows start, or `nil` for calendar months.
    public let startDay: Int?

    private init(startDay: Int?) {
        self.startDay = startDay
    }

    /// Nghị định 09/2019/NĐ-CP, Điều 12: from the 15th of the month before to the 14th.
    public static let decree09 = CutOffRule(startDay: 15)

    /// The calendar period: from the 1st of the first month to the last day of the last.
    public static let calendarMonths = CutOffRule(startDay: nil)

    /// From day `day` of the month before the period to day `day − 1` of its last month.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidCutOffRule`` when `day` is outside 2–28: day 1 would
    /// end a window on "day 0", and days past 28 do not exist in every February.
    public static func shiftedStart(day: Int) throws -> CutOffRule {
        guard (2...28).contains(day) else {
            throw CoreError.invalidCutOffRule(
                reason: "ngày bắt đầu phải từ 2 đến 28 (đã cho \(day))", why: "start day \(day) outside 2...28")
        }
        return CutOffRule(startDay: day)
    }

    /// The days whose figures a report for `period` covers.
    public func window(for period: Period) -> CutOffWindow {
        guard let months = period.monthRange, let startDay else {
            return CutOffWindow(from: period.firstDay, to: period.lastDay)
        }
        let (startYear, startMonth) = months.lowerBound == 1 ? (period.year - 1, 12) : (period.year, months.lowerBound - 1)
        return CutOffWindow(
            from: CivilDate(unchecked: startYear, startMonth, startDay),
            to: CivilDate(unchecked: period.year, months.upperBound, startDay - 1))
    }
}

extension CutOffRule: CustomStringConvertible {
    /// For people: "Nghị định 09/2019/NĐ-CP (từ ngày 15 tháng trước đến ngày 14)",
    /// "Theo tháng dương lịch", "Từ ngày 20 tháng trước đến ngày 19".
    public var description: String {
        switch startDay {
        case nil: "Theo tháng dương lịch"
        case 15: "Nghị định 09/2019/NĐ-CP (từ ngày 15 tháng trước đến ngày 14)"
        case let day?: "Từ ngày \(day) tháng trước đến ngày \(day - 1)"
        }
    }
}

extension CutOffRule: Codable {
    private enum CodingKeys: String, CodingKey { case kind, startDay }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "decree09":
            self = .decree09
        case "calendarMonths":
            self = .calendarMonths
        case "shiftedStart":
            do {
                self = try .shiftedStart(day: try container.decode(Int.self, forKey: .startDay))
            } catch let error as CoreError {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath + [CodingKeys.startDay],
                        debugDescription: error.message, underlyingError: error))
            }
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "Quy tắc chốt số liệu \"\(kind)\" không hợp lệ: cần là decree09, calendarMonths hoặc shiftedStart.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch startDay {
        case nil:
            try container.encode("calendarMonths", forKey: .kind)
        case 15:
            try container.encode("decree09", forKey: .kind)
        case let day?:
            try container.encode("shiftedStart", forKey: .kind)
            try container.encode(day, forKey: .startDay)
        }
    }
}
