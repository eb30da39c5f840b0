import BaoCaoCore
import Foundation

extension Manifest {
    /// The manifest's bytes: JSON with sorted keys and no white space, so that the same
    /// manifest always has the same id.
    ///
    /// Exactly the bytes Foundation's `JSONEncoder` writes for the manifest's fields with
    /// `[.sortedKeys, .withoutEscapingSlashes]` (keys ordered by their UTF-8 bytes, `about`
    /// left out when empty, strings escaped as it escapes them), which is how every manifest
    /// so far was written — `ManifestEncodingTests` holds the two side by side. Written
    /// directly because `JSONEncoder`, generic over `Encodable`, cost as much per bundle as
    /// the ECDSA signature that follows.
    public func encoded() throws -> Data {
        var json = JSONText()
        json.bytes.reserveCapacity(160 + parts.count * 200 + about.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        json.append("{")
        if !about.isEmpty {
            json.key("about")
            json.object(about)
            json.append(",")
        }
        json.key("createdAt")
        json.string(Self.formatTime(createdAt))
        json.append(",")
        json.key("formatVersion")
        json.integer(Self.formatVersion)
        json.append(",")
        json.key("kind")
        json.string(kind.rawValue)
        json.append(",")
        json.key("parts")
        json.append("[")
        for (index, part) in parts.enumerated() {
            if index > 0 { json.append(",") }
            json.append("{")
            json.key("mediaType")
            json.string(part.mediaType)
            json.append(",")
            json.key("path")
            json.string(part.path)
            json.append(",")
            json.key("sha256")
            json.string(part.sha256)
            json.append(",")
            json.key("size")
            json.integer(part.size)
            json.append("}")
        }
        json.append("],")
        json.key("recipient")
        json.string(recipient.description)
        json.append(",")
        json.key("sender")
        json.string(sender.description)
        json.append("}")
        return Data(json.bytes)
    }

    /// `2026-11-22T01:35:50Z`: the one timestamp form bundles use, to the second (a
    /// fraction is dropped), in UTC.
    ///
    /// From 1970 to 9999 written from the count of seconds (proleptic Gregorian, as
    /// Foundation's ISO 8601 style writes them); any other instant by that style itself.
    public static func formatTime(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= 0, seconds < 253_402_300_800 else {
            return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt))
        }
        let total = Int(seconds)
        let day = CivilDate(julianDayNumber: total / 86_400 + 2_440_588)
        let time = total % 86_400
        var text = [UInt8]()
        text.reserveCapacity(20)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(day.year, 4)
        text.append(UInt8(ascii: "-"))
        digits(day.month, 2)
        text.append(UInt8(ascii: "-"))
        digits(day.day, 2)
        text.append(UInt8(ascii: "T"))
        digits(time / 3600, 2)
        text.append(UInt8(ascii: ":"))
        digits(time / 60 % 60, 2)
        text.append(UInt8(ascii: ":"))
        digits(time % 60, 2)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }
}
