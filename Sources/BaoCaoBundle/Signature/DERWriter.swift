import BaoCaoCore
import Foundation

/// Writes DER (X.690 §10–11) for the few structures a CMS signature assembled here needs:
/// each element in its one encoding — the shortest length, SET OF elements sorted by their
/// encodings — so that what it writes reads back through the strict ``DERReader``.
enum DERWriter {
    /// One element: a one-byte tag, the length in its shortest form, the content.
    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
        element(0x30, elements.flatMap { $0 })
    }

    /// A SET OF: its elements in ascending order of their encodings (X.690 §11.6), with
    /// `tag` for an IMPLICIT tagged one (`[0]`, 0xA0).
    static func set(_ elements: [[UInt8]], tag: UInt8 = 0x31) -> [UInt8] {
        element(tag, sorted(elements).flatMap { $0 })
    }

    static func objectIdentifier(_ content: [UInt8]) -> [UInt8] { element(0x06, content) }

    static func octetString(_ content: [UInt8]) -> [UInt8] { element(0x04, content) }

    static func integer(_ value: Int) -> [UInt8] {
        precondition(value >= 0 && value < 0x80, "only the small versions CMS uses")
        return element(0x02, [UInt8(value)])
    }

    static let null: [UInt8] = [0x05, 0x00]

    /// An AlgorithmIdentifier: the algorithm, and NULL parameters when `withNull`.
    static func algorithm(_ oid: [UInt8], withNull: Bool = false) -> [UInt8] {
        sequence([objectIdentifier(oid)] + (withNull ? [null] : []))
    }

    /// A CMS Time (RFC 5652 §11.3): UTCTime for 1950 to 2049, GeneralizedTime otherwise,
    /// to the second (a fraction dropped), in UTC.
    ///
    /// From 1583 to 9999 written from the count of seconds (Gregorian); earlier or later by
    /// Foundation's Gregorian calendar, which before 1583 is Julian, as it always was.
    static func time(_ date: Date) -> [UInt8] {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= -12_212_553_600, seconds < 253_402_300_800 else { return calendarTime(date) }
        let count = Int(seconds)
        let timeOfDay = (count % 86_400 + 86_400) % 86_400
        let day = CivilDate(julianDayNumber: (count - timeOfDay) / 86_400 + 2_440_588)
        return time(year: day.year, [day.month, day.day, timeOfDay / 3600, timeOfDay / 60 % 60, timeOfDay % 60])
    }

    private static func calendarTime(_ date: Date) -> [UInt8] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return time(year: parts.year!, [parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!])
    }

    /// UTCTime `YYMMDDHHMMSSZ` for 1950 to 2049, GeneralizedTime `YYYYMMDDHHMMSSZ` otherwise.
    private static func time(year: Int, _ rest: [Int]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(15)
        func two(_ value: Int) {
            text.append(UInt8(ascii: "0") + UInt8(value / 10 % 10))
            text.append(UInt8(ascii: "0") + UInt8(value % 10))
        }
        let utc = (1950...2049).contains(year)
        if !utc { two(year / 100) }
        two(year % 100)
        for value in rest { two(value) }
        text.append(UInt8(ascii: "Z"))
        return element(utc ? 0x17 : 0x18, text)
    }

    /// The length octets: the short form under 128, else the fewest bytes after 0x80 | count.
    static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    /// Encodings in the order X.690 §11.6 wants: as octet strings, the shorter padded with zeros.
    static func sorted(_ encodings: [[UInt8]]) -> [[UInt8]] {
        encodings.sorted(by: precedes)
    }

    /// Whether encoding `a` comes before `b` in a DER SET OF (X.690 §11.6).
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y }
        }
        return false
    }
}
