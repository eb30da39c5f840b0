import Foundation

/// One revision of a child's report as the receiver holds it, for judging completeness
/// and timeliness.
public struct ReportArrival: Sendable, Hashable {
    public let unitCode: UnitCode
    public let revision: Int
    public let state: ReportState
    /// When the sender signed it, by the sender's clock.
    public let signedAt: Date?
    /// When this node received it, by its own clock.
    public let receivedAt: Date?
    public let bundleId: String?
    /// A reviewer's ruling on this report's flagged timeliness, if one was made.
    public let ruling: TimelinessRuling?
    /// The sender's clock skew (seconds ahead) as this node had measured it when the report
    /// arrived — at the sync that carried it, or the last one before a USB import; 0 when
    /// it had never been measured. Fixed at arrival: what the sender states about its clock
    /// afterwards cannot move this report's signing time. `nil` only for reports stored
    /// before it was recorded (then the last measured skew stands in).
    public let clockSkewAtArrival: Int?
    /// It arrived after the receiver had closed the window (recorded when it arrived):
    /// kept, and late whatever its deadline (seed 002 art. 14.4).
    public let arrivedAfterClosure: Bool

    public init(unitCode: UnitCode, revision: Int, state: ReportState, signedAt: Date?, receivedAt: Date?, bundleId: String?,
                ruling: TimelinessRuling? = nil, clockSkewAtArrival: Int? = nil, arrivedAfterClosure: Bool = false) {
        self.ruling = ruling
        self.arrivedAfterClosure = arrivedAfterClosure
        self.clockSkewAtArrival = clockSkewAtArrival
        self.unitCode = unitCode
        self.revision = revision
        self.state = state
        self.signedAt = signedAt
        self.receivedAt = receivedAt
        self.bundleId = bundleId
    }
}

/// How far the signing time is trusted (DESIGN §4).
public struct TimelinessPolicy: Sendable, Hashable {
    /// A report signed longer than this before it arrived is flagged for review and judged
    /// by its arrival. The default is 3 days.
    public var maximumTransit: TimeInterval
    /// How far after its arrival a (skew-corrected) signing time may lie before it is
    /// inconsistent. The default is 5 minutes.
    public var tolerance: TimeInterval

    /// A signing time longer than this before the arrival is implausible: the arrival is
    /// flagged where the receiver's staff see it (``arrivalNote(signedAt:receivedAt:)``),
    /// though the bundle is accepted. The default is 30 days.
    public var implausibleSigningAge: TimeInterval

    public init(maximumTransit: TimeInterval = 3 * 86_400, tolerance: TimeInterval = 300, implausibleSigningAge: TimeInterval = 30 * 86_400) {
        self.maximumTransit = maximumTransit
        self.tolerance = tolerance
        self.implausibleSigningAge = implausibleSigningAge
    }

    /// What the staff who see a report arrive must know about its signing time, in
    /// Vietnamese, or nil: signed implausibly long before it arrived (a backdated
    /// signature, or a clock far behind), or after it arrived (a clock ahead). The times
    /// are as stored: the signing time by the sender's clock, the arrival by this node's.
    public func arrivalNote(signedAt: Date?, receivedAt: Date?) -> String? {
        guard let signedAt, let receivedAt else { return nil }
        let before = receivedAt.timeIntervalSince(signedAt)
        if before > implausibleSigningAge {
            return "Thời điểm ký sớm hơn thời điểm nhận \(Int(before / 86_400)) ngày: bất thường (quá \(Int(implausibleSigningAge / 86_400)) ngày), "
                + "cần xem xét — đúng hạn hay trễ hạn được tính theo thời điểm nhận."
        }
        if -before > tolerance {
            return "Thời điểm ký muộn hơn thời điểm nhận: đồng hồ bên gửi chạy nhanh, cần xem xét."
        }
        return nil
    }

    public static let standard = TimelinessPolicy()
}

/// Whether a unit met its deadline for a regime-period.
public enum Timeliness: String, Sendable, Hashable, Codable, CaseIterable {
    case onTime, late, missing
    /// Nothing received yet, but the deadline has not passed.
    case notYetDue

    public var vietnameseName: String {
        switch self {
        case .onTime: "đúng hạn"
        case .late: "trễ hạn"
        case .missing: "chưa gửi (quá hạn)"
        case .notYetDue: "chưa đến hạn"
        }
    }
}

/// Why a report's timeliness needs a person to look at it.
public enum TimelinessReview: String, Sendable, Hashable, Codable {
    /// Signed (after correcting for the sender's clock) longer before arrival than the policy allows.
    case signedLongBeforeArrival
    /// Signed, by the corrected clock, after it arrived: the sender's clock cannot be trusted.
    case signedAfterArrival
    /// The report carries no signing time.
    case noSigningTime
    /// Signed (by the corrected clock) before the deadline, arrived after it: late by its
    /// arrival unless a reviewer rules the signing time stands.
    case signedInTimeArrivedLate

    public var vietnameseName: String {
        switch self {
        case .signedLongBeforeArrival: "ký quá lâu trước khi đến nơi, cần xem xét"
        case .signedAfterArrival: "thời điểm ký sau thời điểm nhận, đồng hồ bên gửi không tin cậy"
        case .noSigningTime: "không có thời điểm ký"
        case .signedInTimeArrivedLate: "ký trong hạn nhưng đến sau hạn, cần xem xét"
        }
    }

    /// Whether a reviewer may rule the signing time stands: only for a report signed
    /// before it arrived (long before, or in time and arriving late); a signing time after
    /// the arrival, or none, is never trusted.
    public var maySettleBySigningTime: Bool { self == .signedLongBeforeArrival || self == .signedInTimeArrivedLate }
}

/// A reviewer's ruling on a report whose timeliness was flagged (``TimelinessReview``),
/// with a reason kept in the audit log — for instance a commune whose link was down for
/// months (seed 000 art. 7.3) and whose reports, signed in time, arrived late.
public enum TimelinessRuling: String, Sendable, Hashable, Codable, CaseIterable {
    /// The (skew-corrected) signing time stands: signed in time, held up on the way. Only
    /// for a report signed long before it arrived; a signing time after the arrival is
    /// never trusted.
    case signingTime
    /// The arrival time stands, as flagged.
    case arrivalTime
    /// The first revision's arrival stands though the receiver returned it: the return
    /// asked for a correction, not for a report that was missing (seed 002 art. 14.4).
    case firstRevision

    public var vietnameseName: String {
        switch self {
        case .signingTime: "đã xem xét: tính theo thời điểm ký"
        case .arrivalTime: "đã xem xét: tính theo thời điểm nhận"
        case .firstRevision: "đã xem xét: tính theo lần gửi đầu bị trả lại"
        }
    }
}

/// One expected sender's standing for a regime-period.
public struct UnitCompleteness: Sendable, Hashable {
    public let unit: ReportingUnit
    public let deadline: Deadline?
    /// Some revision arrived.
    public let received: Bool
    /// Some revision was accepted.
    public let accepted: Bool
    /// The latest revision's state, if any arrived.
    public let latestState: ReportState?
    public let revisions: Int
    public let timeliness: Timeliness
    /// The instant timeliness was judged by: the corrected signing time when trusted, else the receipt.
    public let judgedAt: Date?
    /// Whether ``judgedAt`` is the signing time (else the receipt time).
    public let bySigningTime: Bool
    public let review: TimelinessReview?
    /// The bundle of the revision timeliness is judged on: the first one not returned, or
    /// the first when a reviewer ruled it stands.
    public let bundleId: String?
    /// What was flagged for review, whether or not a reviewer has ruled on it since.
    public var flag: TimelinessReview? = nil
    /// The reviewer's ruling that settled ``flag``, if any (``review`` is then nil).
    public var ruling: TimelinessRuling? = nil
    /// How far the sender's clock was ahead (negative: behind) at its last sync, in
    /// seconds; nil when never measured. Signing times are corrected by it.
    public var clockSkew: Int? = nil
    /// The revision timeliness is judged on is a report received outside the system during
    /// a failure (seed 000 art. 7.3), its figures typed by the receiver: revision 0, no bundle.
    public var receivedOutside = false
    /// The revision judged arrived after the window closed: counted late (unless a
    /// reviewer ruled its signing time stands).
    public var arrivedAfterClosure = false
    /// The revision judged on is a later one than the first, which the receiver returned.
    public var judgedRevision: Int? = nil
    /// The first revision's bundle when the receiver returned it (a reviewer may rule its
    /// arrival stands: ``TimelinessRuling/firstRevision``).
    public var returnedFirstBundleId: String? = nil
    /// The instant arrivals were on time before: the deadline's end, or an announced extension's.
    public var onTimeBefore: Date? = nil

    /// What the completeness table's note says: the flag, the ruling that settled it,
    /// arrival after closure, the revision judged, the sender's clock skew — those that apply.
    public var notes: String {
        [receivedOutside ? "nhận ngoài hệ thống, số liệu nhập thay" : nil, review?.vietnameseName, ruling?.vietnameseName, arrivedAfterClosure ? "đến sau khi đã đóng tiếp nhận" : nil,
         judgedRevision.map { "lần gửi đầu bị trả lại, tính theo lần \($0)" },
         clockSkewNote].compactMap { $0 }.joined(separator: "; ")
    }

    /// The skew for people ("đồng hồ nhanh 1 ngày 2 giờ"), when it is large enough to matter
    /// (five minutes or more).
    public var clockSkewNote: String? {
        guard let skew = clockSkew, abs(skew) >= 300 else { return nil }
        let minutes = abs(skew) / 60
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        let parts = [days > 0 ? "\(days) ngày" : nil, hours > 0 ? "\(hours) giờ" : nil, rest > 0 && days == 0 ? "\(rest) phút" : nil]
        return "đồng hồ \(skew > 0 ? "nhanh" : "chậm") \(parts.compactMap { $0 }.joined(separator: " "))"
    }
}

/// The counts a completeness table ends with.
public struct CompletenessSummary: Sendable, Hashable {
    public var expected = 0, received = 0, accepted = 0, onTime = 0, late = 0, missing = 0, notYetDue = 0, flagged = 0

    public init(_ units: [UnitCompleteness]) {
        expected = units.count
        for u in units {
            if u.received { received += 1 }
            if u.accepted { accepted += 1 }
            if u.review != nil { flagged += 1 }
            switch u.timeliness {
            case .onTime: onTime += 1
            case .late: late += 1
            case .missing: missing += 1
            case .notYetDue: notYetDue += 1
            }
        }
    }
}

/// Completeness and timeliness of a regime-period at a receiver (DESIGN §4, §6).
public enum Completeness {
    /// Judges each expected sender.
    ///
    /// Timeliness goes by the time this node recorded the arrival (seed 002 art. 14.4),
    /// against the deadline or, when the receiver announced one, the extension's end
    /// (``ReceivingTerms``); what arrived after the window closed is late. The revision
    /// judged is the first one the receiver did not return: a first revision returned as
    /// incomplete does not make the unit on time, its accepted revision's arrival does —
    /// unless a reviewer ruled the first stands (``TimelinessRuling/firstRevision``).
    ///
    /// The signing time, corrected by the sender's clock skew (seconds the sender is
    /// ahead) as measured when it arrived (``ReportArrival/clockSkewAtArrival``; `skews`,
    /// the last measured, only for reports stored before that was kept), judges only
    /// through a reviewer's ruling (``TimelinessRuling/signingTime``), on a report flagged
    /// because it was signed in time and arrived late, or signed long before it arrived.
    public static func assess(
        expected: [ReportingUnit], deadline: (ReportingUnit) -> Deadline?, arrivals: [ReportArrival],
        skews: [UnitCode: Int], now: Date, policy: TimelinessPolicy = .standard, terms: ReceivingTerms = .none
    ) -> [UnitCompleteness] {
        let byUnit = Dictionary(grouping: arrivals, by: \.unitCode)
        return expected.map { unit in
            let revisions = (byUnit[unit.code] ?? []).sorted { $0.revision < $1.revision }
            let due = deadline(unit)
            let onTimeBefore = due.map(terms.onTimeBefore)
            let passed = onTimeBefore.map { now >= $0 } ?? false
            guard let first = revisions.first else {
                var entry = UnitCompleteness(unit: unit, deadline: due, received: false, accepted: false, latestState: nil, revisions: 0,
                                             timeliness: passed ? .missing : .notYetDue, judgedAt: nil, bySigningTime: false,
                                             review: nil, bundleId: nil, clockSkew: skews[unit.code])
                entry.onTimeBefore = onTimeBefore
                return entry
            }
            let returnedFirst = first.state == .returned ? first.bundleId : nil
            let judgedRevision = first.state != .returned || first.ruling == .firstRevision ? first : revisions.first { $0.state != .returned }
            let accepted = revisions.contains { $0.state == .accepted }
            guard let judgedRevision else {
                // Every revision was returned: nothing acceptable has arrived yet.
                var entry = UnitCompleteness(unit: unit, deadline: due, received: true, accepted: accepted, latestState: revisions.last?.state,
                                             revisions: revisions.count, timeliness: passed ? .late : .notYetDue, judgedAt: nil,
                                             bySigningTime: false, review: nil, bundleId: nil, clockSkew: skews[unit.code])
                entry.returnedFirstBundleId = returnedFirst
                entry.onTimeBefore = onTimeBefore
                return entry
            }
            // The skew measured when this report arrived, never what the sender says of its clock since.
            let skew = judgedRevision.clockSkewAtArrival ?? skews[unit.code] ?? 0
            let judged = judge(judgedRevision, skew: skew, policy: policy, onTimeBefore: onTimeBefore)
            let ruling = judgedRevision.ruling == .firstRevision ? nil : judgedRevision.ruling
            let (instant, bySigning, review) = settle(judged, by: ruling, judgedRevision, skew: skew)
            let afterClosure = judgedRevision.arrivedAfterClosure && !bySigning
            let timeliness: Timeliness = if afterClosure { .late } else if let onTimeBefore, let instant {
                instant < onTimeBefore ? .onTime : .late
            } else { .onTime }
            var entry = UnitCompleteness(
                unit: unit, deadline: due, received: true, accepted: accepted,
                latestState: revisions.last?.state, revisions: revisions.count, timeliness: timeliness,
                judgedAt: instant, bySigningTime: bySigning, review: review, bundleId: judgedRevision.bundleId,
                flag: judged.2, ruling: judged.2 == nil ? nil : ruling, clockSkew: skews[unit.code],
                receivedOutside: judgedRevision.revision == 0 && judgedRevision.bundleId == nil)
            entry.arrivedAfterClosure = judgedRevision.arrivedAfterClosure
            entry.judgedRevision = judgedRevision.revision == first.revision ? nil : judgedRevision.revision
            entry.returnedFirstBundleId = returnedFirst
            entry.onTimeBefore = onTimeBefore
            // The reviewer's ruling that the returned first revision stands, shown as settled.
            if returnedFirst != nil, first.ruling == .firstRevision, entry.ruling == nil { entry.ruling = .firstRevision }
            return entry
        }
    }

    /// The instant a revision is judged by — its arrival as this node recorded it — and
    /// what about its signing time a reviewer must look at.
    static func judge(_ arrival: ReportArrival, skew: Int, policy: TimelinessPolicy, onTimeBefore: Date?) -> (Date?, Bool, TimelinessReview?) {
        guard let signed = arrival.signedAt else { return (arrival.receivedAt, false, .noSigningTime) }
        let corrected = signed.addingTimeInterval(TimeInterval(-skew))
        // Stored without an arrival (a node's own older rows): the signing time is all there is.
        guard let received = arrival.receivedAt else { return (corrected, true, nil) }
        if corrected > received.addingTimeInterval(policy.tolerance) { return (received, false, .signedAfterArrival) }
        if received.timeIntervalSince(corrected) > policy.maximumTransit { return (received, false, .signedLongBeforeArrival) }
        if let onTimeBefore, corrected < onTimeBefore, received >= onTimeBefore { return (received, false, .signedInTimeArrivedLate) }
        return (received, false, nil)
    }

    /// The judgement once a reviewer's ruling settles a flag: the arrival time confirmed,
    /// or, for a report signed long before it arrived, its corrected signing time accepted.
    static func settle(_ judged: (Date?, Bool, TimelinessReview?), by ruling: TimelinessRuling?, _ arrival: ReportArrival,
                       skew: Int) -> (Date?, Bool, TimelinessReview?) {
        guard let flag = judged.2, let ruling else { return judged }
        switch ruling {
        case .arrivalTime:
            return (arrival.receivedAt, false, nil)
        case .signingTime:
            guard flag.maySettleBySigningTime, let signed = arrival.signedAt else { return judged }
            return (signed.addingTimeInterval(TimeInterval(-skew)), true, nil)
        case .firstRevision:
            return judged
        }
    }
}

/// A unit's compliance over a year (seed 000 arts. 18, 22): how many reports were due and
/// how many came on time, late or not at all.
public struct ComplianceScore: Sendable, Hashable {
    public let unit: ReportingUnit
    public var due = 0, onTime = 0, late = 0, missing = 0
    /// 1-based; units with equal figures share a rank.
    public var rank = 0

    public init(unit: ReportingUnit) { self.unit = unit }

    /// On-time reports as a percentage of those due, two decimals; `nil` when none was due.
    public var onTimePercent: ExactDecimal? { Comparison.percent(ExactDecimal(onTime), of: due == 0 ? nil : ExactDecimal(due), decimals: 2) }

    /// Ranks by on-time share, then by fewer missing, then fewer late; ties share a rank,
    /// and then sort by code.
    public static func ranked(_ scores: [ComplianceScore]) -> [ComplianceScore] {
        func share(_ s: ComplianceScore) -> ExactDecimal { s.onTimePercent ?? ExactDecimal(-1) }
        func before(_ a: ComplianceScore, _ b: ComplianceScore) -> Bool? {
            if share(a) != share(b) { return share(a) > share(b) }
            if a.missing != b.missing { return a.missing < b.missing }
            if a.late != b.late { return a.late < b.late }
            return nil
        }
        var sorted = scores.sorted { before($0, $1) ?? ($0.unit.code < $1.unit.code) }
        for index in sorted.indices {
            sorted[index].rank = index > 0 && before(sorted[index - 1], sorted[index]) == nil ? sorted[index - 1].rank : index + 1
        }
        return sorted
    }

    /// Adds one regime-period's judgement.
    public mutating func count(_ entry: UnitCompleteness) {
        switch entry.timeliness {
        case .onTime: due += 1; onTime += 1
        case .late: due += 1; late += 1
        case .missing: due += 1; missing += 1
        case .notYetDue: break
        }
    }
}
