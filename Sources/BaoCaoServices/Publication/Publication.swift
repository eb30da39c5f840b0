import BaoCaoCore
import BaoCaoStore
import Foundation

/// A regime-period's figures as published on the province's public page (seed 000 art.
/// 12.3): numbered from 1, a correction being the next number; with the completeness
/// behind them and, for a correction, what changed from the publication before it.
public struct Publication: Sendable {
    public let regime: RegimeCode
    public let period: Period
    public let number: Int
    /// The frozen snapshot (số liệu chốt) whose figures these are.
    public let snapshotNumber: Int
    public let publishedAt: Date
    public let publishedBy: String
    public let completeness: PublishedCompleteness
    /// Why a correction was published; nil for the first publication.
    public let reason: String?
    public let values: [ValueKey: ExactDecimal]
    /// What changed from the previous publication (empty for the first).
    public let changes: [PublishedChange]

    /// A correction (đính chính) replaces an earlier publication of the same period.
    public var isCorrection: Bool { number > 1 }

    /// "công bố lần 2 (đính chính) ngày 05/12/2026", in Vietnam's calendar.
    public var vietnameseTitle: String {
        "công bố lần \(number)\(isCorrection ? " (đính chính)" : "") ngày \(VietnamTime.civilDate(at: publishedAt).vietnameseText)"
    }
}

/// How many units the published figures rest on, as it stood when published.
public struct PublishedCompleteness: Sendable, Hashable {
    /// Units expected to report.
    public let expected: Int
    /// Units whose accepted report the snapshot counted.
    public let reported: Int
    /// Of those, on time and late.
    public let onTime: Int
    public let late: Int

    public init(expected: Int, reported: Int, onTime: Int, late: Int) {
        self.expected = expected
        self.reported = reported
        self.onTime = onTime
        self.late = late
    }

    /// "3/4 đơn vị đã báo cáo (2 đúng hạn, 1 muộn); 1 đơn vị chưa có báo cáo được tính".
    public var vietnameseText: String {
        var text = "\(reported)/\(expected) đơn vị đã báo cáo (\(onTime) đúng hạn, \(late) muộn)"
        if expected > reported { text += "; \(expected - reported) đơn vị chưa có báo cáo được tính" }
        return text
    }
}

/// A figure whose published value changed from one publication to the next.
public struct PublishedChange: Sendable, Hashable {
    public let key: ValueKey
    /// nil: not published before (or no longer published, for `new`).
    public let old: ExactDecimal?
    public let new: ExactDecimal?

    public init(key: ValueKey, old: ExactDecimal?, new: ExactDecimal?) {
        self.key = key
        self.old = old
        self.new = new
    }

    /// Every figure that differs between two publications' values, by key.
    public static func between(_ old: [ValueKey: ExactDecimal], _ new: [ValueKey: ExactDecimal]) -> [PublishedChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { key in
            old[key] == new[key] ? nil : PublishedChange(key: key, old: old[key], new: new[key])
        }
    }

    /// "NN02: 1.245,5 → 1.300" (— for a figure absent on one side).
    public var vietnameseText: String {
        "\(key.description): \(old.map(VietnameseNumberFormat.format) ?? "—") → \(new.map(VietnameseNumberFormat.format) ?? "—")"
    }
}
