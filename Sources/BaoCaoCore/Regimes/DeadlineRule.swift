import Foundation

/// When a kind of sender must send its report (thời hạn gửi báo cáo), relative to the
/// end of the period's cut-off window.
///
/// Either a day of a month — `day: 16` is the 16th of the month in which the window
/// ends, `monthsAfterCutOff: 1` moves it a month later — or a number of days after the
/// window ends (`daysAfterCutOff: 5`). Exactly one of `day` and `daysAfterCutOff` is given.
/// A periodic regime's deadline on a weekend or day off rolls to the next working day
/// (seed 002 art. 14.2); a thematic or ad hoc one stays where the requester set it (art.
/// 14.3), unless the regime says it rolls (``Regime/rollsToWorkingDay``).
public struct DeadlineRule: Sendable, Hashable, Codable {
    public var senderKind: UnitKind
    public var day: Int?
    /// The default is 0: the month in which the cut-off window ends.
    public var monthsAfterCutOff: Int
    public var daysAfterCutOff: Int?
    /// What the deadline rests on when the catalog assumes it: "Thời hạn giả định: Quyết
    /// định số 12/2019/QĐ-UBND chưa có trong tay." Shown beside the deadline; written only
    /// when given, so older catalogs read and hash the same.
    public var note: String?

    public init(senderKind: UnitKind, day: Int? = nil, monthsAfterCutOff: Int = 0, daysAfterCutOff: Int? = nil, note: String? = nil) {
        self.senderKind = senderKind
        self.day = day
        self.monthsAfterCutOff = monthsAfterCutOff
        self.daysAfterCutOff = daysAfterCutOff
        self.note = note?.nfc
    }

    private enum CodingKeys: String, CodingKey { case senderKind, day, monthsAfterCutOff, daysAfterCutOff, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            senderKind: try c.decode(UnitKind.self, forKey: .senderKind),
            day: try c.decodeIfPresent(Int.self, forKey: .day),
            monthsAfterCutOff: try c.decodeIfPresent(Int.self, forKey: .monthsAfterCutOff) ?? 0,
            daysAfterCutOff: try c.decodeIfPresent(Int.self, forKey: .daysAfterCutOff),
            note: try c.decodeIfPresent(String.self, forKey: .note))
    }

    /// The date the rule names for a window ending on `cutOffEnd`, before rolling.
    /// A day past the month's end (31 in February) means the month's last day.
    public func nominalDate(afterCutOffEnding cutOffEnd: CivilDate) -> CivilDate {
        if let daysAfterCutOff {
            return cutOffEnd.adding(days: daysAfterCutOff)
        }
        let monthIndex = cutOffEnd.year * 12 + (cutOffEnd.month - 1) + monthsAfterCutOff
        let year = monthIndex / 12
        let month = monthIndex % 12 + 1
        let lastDay = CivilDate.daysInMonth(year: year, month: month)
        return try! CivilDate(year: year, month: month, day: Swift.min(day ?? lastDay, lastDay))
    }
}

/// A deadline worked out for one sender and period.
public struct Deadline: Sendable, Hashable, Codable {
    /// The date the regime names.
    public let nominalDate: CivilDate
    /// The date the report is due by the end of: after rolling past weekends and days off
    /// when the regime's deadlines roll, else the nominal date.
    public let dueDate: CivilDate
    /// The instant the due date ends in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
    public let dueInstant: Date

    public init(nominalDate: CivilDate, dueDate: CivilDate) {
        self.nominalDate = nominalDate
        self.dueDate = dueDate
        self.dueInstant = VietnamTime.startOfDay(dueDate.adding(days: 1))
    }

    /// Whether something done at `instant` met the deadline.
    public func isMet(at instant: Date) -> Bool { instant < dueInstant }
}

extension Regime {
    /// The deadline for a sender of the given kind and period, rolled to a working day when
    /// the regime's deadlines roll (periodic ones, seed 002 art. 14.2), else as named (art. 14.3).
    ///
    /// Returns `nil` when the regime does not ask that kind of unit to report.
    public func deadline(for period: Period, senderKind: UnitKind, calendar: WorkingCalendar) -> Deadline? {
        guard let rule = deadlineRule(for: senderKind) else { return nil }
        let window = effectiveCutOff.window(for: period)
        let nominal = rule.nominalDate(afterCutOffEnding: window.to)
        return Deadline(nominalDate: nominal, dueDate: deadlinesRollToWorkingDay ? calendar.firstWorkingDay(onOrAfter: nominal) : nominal)
    }
}
