import Foundation

/// One announcement a receiver made about its receiving window for a regime-period
/// (seed 002 art. 14.4): the opening, an extension (gia hạn) with the document that
/// announced it, the closing. Completeness and the ranking list the announcements they
/// rest on (seed 000 arts. 18, 22).
public struct WindowAnnouncement: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case opened, extended, closed

        public var vietnameseName: String {
            switch self {
            case .opened: "mở tiếp nhận"
            case .extended: "gia hạn tiếp nhận"
            case .closed: "đóng tiếp nhận"
            }
        }
    }

    public let kind: Kind
    /// When the receiver recorded it.
    public let at: Date
    /// The login of who recorded it.
    public let by: String
    /// For an extension: the instant until which reports arriving count as on time.
    public let until: Date?
    /// For an extension: the announcing document's number (e.g. "15/TB-UBND"), its date and the reason.
    public let documentNumber: String?
    public let documentDate: CivilDate?
    public let reason: String?

    public init(kind: Kind, at: Date, by: String, until: Date? = nil, documentNumber: String? = nil, documentDate: CivilDate? = nil,
                reason: String? = nil) {
        self.kind = kind
        self.at = at
        self.by = by
        self.until = until
        self.documentNumber = documentNumber?.nfc
        self.documentDate = documentDate
        self.reason = reason?.nfc
    }

    /// For people: "gia hạn tiếp nhận đến 20/06/2026 17:00 (văn bản số 15/TB-UBND ngày 15/06/2026: lý do), ghi lúc …".
    public var vietnameseText: String {
        var text = kind.vietnameseName
        if let until { text += " đến \(VietnamTime.displayText(until))" }
        if let documentNumber {
            let date = documentDate.map { " ngày \($0.vietnameseText)" } ?? ""
            text += " (văn bản số \(documentNumber)\(date)\(reason.map { ": \($0)" } ?? ""))"
        }
        return text + ", ghi lúc \(VietnamTime.displayText(at)) bởi \(by)"
    }
}

/// What a receiver's window for a regime-period changes in judging timeliness: an
/// announced extension moves the time until which arrivals are on time; a report that
/// arrived after the window closed is late (it is kept, and marked so when it arrived).
public struct ReceivingTerms: Sendable, Hashable {
    /// Opening, extensions and closing, in the order they were recorded.
    public let announcements: [WindowAnnouncement]

    public init(announcements: [WindowAnnouncement]) {
        self.announcements = announcements.sorted { $0.at < $1.at }
    }

    public static let none = ReceivingTerms(announcements: [])

    /// The latest instant an announced extension runs to, if any.
    public var extendedUntil: Date? {
        announcements.filter { $0.kind == .extended }.compactMap(\.until).max()
    }

    /// The instant before which an arrival meets `deadline`: its end, or the extension's when later.
    public func onTimeBefore(_ deadline: Deadline) -> Date {
        guard let extendedUntil, extendedUntil > deadline.dueInstant else { return deadline.dueInstant }
        return extendedUntil
    }
}
