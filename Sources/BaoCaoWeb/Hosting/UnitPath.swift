import BaoCaoCore
import NIOCore

/// Where a hosted unit's pages live on the host's one address: under `/<unit code>`
/// (`/08515/bao-cao`). A node alone has the empty path, and its pages are exactly as before.
///
/// The unit's router is the lone node's router, unchanged: the host strips the unit's path
/// from each request before it (``HostedUnits``), and puts it back on every address the
/// unit's answer names — links and forms in its pages (``root(_:)``), redirects
/// (``rootLocation(_:)``) and cookies (``cookiePath``).
public struct UnitPath: Sendable, Hashable {
    /// `""` for a node alone, `"/08515"` for a hosted unit.
    public let prefix: String

    /// A node alone: its pages at the root of its own address.
    public static let root = UnitPath(prefix: "")

    private init(prefix: String) { self.prefix = prefix }

    /// The pages of `unit` on a host: `/<unit>`.
    public init(hosting unit: UnitCode) {
        self.prefix = "/" + unit.rawValue
    }

    /// The path every cookie of the unit is scoped to: a browser sends a hosted unit's
    /// cookies to that unit's pages alone.
    public var cookiePath: String { prefix.isEmpty ? "/" : prefix }

    /// A redirect's target, under the unit's path when it is one of the unit's own pages.
    public func rootLocation(_ location: String) -> String {
        guard !prefix.isEmpty, location.hasPrefix("/"), !location.hasPrefix("//") else { return location }
        return prefix + location
    }

    /// The attributes whose value, when it starts with one `/`, names one of the unit's own pages.
    private static let addressAttributes: [[UInt8]] = ["href", "action", "src", "formaction"].map { Array($0.utf8) }

    /// `html` with every page address the unit's templates write (`href="/…"`, `action="/…"`,
    /// `src="/…"`, `formaction="/…"`) put under the unit's path, in one pass over the bytes.
    ///
    /// Only the templates' own attributes can match: anything a person typed reaches the
    /// page HTML-escaped, its quotes as `&quot;`, so it never forms `href="/`.
    public func root(_ html: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        root(html, into: &buffer)
        return buffer
    }

    /// ``root(_:)``, written at the end of `buffer`.
    public func root(_ html: some StringProtocol, into buffer: inout ByteBuffer) {
        guard !prefix.isEmpty else {
            buffer.writeString(String(html))
            return
        }
        let bytes = Array(html.utf8)
        buffer.reserveCapacity(buffer.readableBytes + bytes.count + 512)
        var written = 0
        var index = 0
        // Looking for `="/` not followed by another `/`, preceded by one of the attributes.
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "\""), bytes[index + 2] == UInt8(ascii: "/"),
               index + 3 >= bytes.count || bytes[index + 3] != UInt8(ascii: "/"),
               Self.endsWithAddressAttribute(bytes, before: index) {
                buffer.writeBytes(bytes[written..<(index + 2)])
                buffer.writeString(prefix)
                written = index + 2
                index += 3
                continue
            }
            index += 1
        }
        buffer.writeBytes(bytes[written...])
    }

    private static func endsWithAddressAttribute(_ bytes: [UInt8], before end: Int) -> Bool {
        for name in addressAttributes where end >= name.count {
            let start = end - name.count
            guard bytes[start..<end].elementsEqual(name) else { continue }
            // The whole attribute name: what comes before it is a space (or the tag's start).
            if start == 0 { return true }
            let before = bytes[start - 1]
            if before == UInt8(ascii: " ") || before == UInt8(ascii: "\n") || before == UInt8(ascii: "\t") { return true }
        }
        return false
    }
}
