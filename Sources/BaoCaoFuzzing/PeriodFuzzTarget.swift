import BaoCaoCore
import BaoCaoExchange
import Foundation

/// Everything that reads period text: period ids (``Period/init(parsing:)``), civil
/// dates, and ADX periods (`2026-10-15/P1M`) under each kind of cut-off rule.
///
/// A period id is canonical: text that parses is the period's id, and the id parses back
/// to the same period. An ADX period that reads writes back to text that reads the same.
enum PeriodFuzzTarget {
    static let rules: [CutOffRule] = [.decree09, .calendarMonths, try! .shiftedStart(day: 20), try! .shiftedStart(day: 2)]

    /// Accepted: the text read as a period id, a civil date or an ADX period under some rule.
    static func run(_ data: Data) -> FuzzOutcome {
        let text = String(decoding: data, as: UTF8.self)
        var outcome = FuzzOutcome.refused
        if let period = try? Period(parsing: text) {
            FuzzInvariant.require(period.id == text, "period \(text.debugDescription) parses to id \(period.id)")
            FuzzInvariant.require((try? Period(parsing: period.id)) == period, "period id \(period.id) does not parse back")
            explore(period)
            outcome = .accepted
        }
        if let date = try? CivilDate(parsing: text) {
            FuzzInvariant.require(date.description == text, "date \(text.debugDescription) prints as \(date)")
            outcome = .accepted
        }
        for rule in rules {
            guard let period = try? AdxPeriod.period(parsing: text, cutOff: rule) else { continue }
            outcome = .accepted
            let written = AdxPeriod.text(for: period, cutOff: rule)
            FuzzInvariant.require((try? AdxPeriod.period(parsing: written, cutOff: rule)) == period,
                                  "ADX period \(text.debugDescription) → \(period) → \(written) does not read back under \(rule.startDay ?? 0)")
        }
        return outcome
    }

    /// Navigation and windows of a period that parsed.
    private static func explore(_ period: Period) {
        if let next = period.next { FuzzInvariant.require(next.previous == period, "\(period).next.previous is not \(period)") }
        if let previous = period.previous { FuzzInvariant.require(previous.next == period, "\(period).previous.next is not \(period)") }
        _ = period.samePeriodLastYear
        _ = period.title
        FuzzInvariant.require(period.firstDay <= period.lastDay, "\(period) ends before it starts")
        for month in period.months { FuzzInvariant.require(month.kind == .monthly, "\(period) has a month \(month) that is not one") }
        for rule in rules {
            let window = rule.window(for: period)
            FuzzInvariant.require(window.from <= window.to, "the window of \(period) under \(rule.startDay ?? 0) ends before it starts")
            let written = AdxPeriod.text(for: period, cutOff: rule)
            if let read = try? AdxPeriod.period(parsing: written, cutOff: rule) {
                FuzzInvariant.require(read == period, "\(period) as ADX \(written) reads back as \(read)")
            } else {
                // Only an ad hoc period longer than ADX's five-digit day count may not read back.
                FuzzInvariant.require(period.kind == .adHoc && window.dayCount > 99_999, "\(period) as ADX \(written) does not read back")
            }
        }
    }
}
