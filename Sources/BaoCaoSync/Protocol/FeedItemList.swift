import BaoCaoCore
import BaoCaoNode
import Foundation

/// What a feed page holds, item by item, in its `BaoCao-Items` field (``SyncField/items``):
/// for each bundle, in the order of the body, the cursor after it, its size, its id and
/// its sender — `cursor size id sender`, items separated by commas.
///
/// With it a child can refuse one item (too large, malformed) and move its cursor past
/// exactly that item, naming the bundle and its sender, without reading the rest.
public struct FeedItemList: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var cursor: Int64
        public var size: Int
        public var bundleId: String
        public var sender: UnitCode?

        public init(cursor: Int64, size: Int, bundleId: String, sender: UnitCode?) {
            self.cursor = cursor
            self.size = size
            self.bundleId = bundleId
            self.sender = sender
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    init(_ page: ChildFeed.Page) {
        entries = page.items.map { Entry(cursor: $0.cursor, size: $0.size, bundleId: $0.bundleId, sender: $0.sender) }
    }

    /// The field's value.
    public var field: String {
        entries.map { "\($0.cursor) \($0.size) \($0.bundleId) \($0.sender?.rawValue ?? "-")" }.joined(separator: ",")
    }

    /// The list a field states; `nil` when it does not read (then the page's cursor is all
    /// the child knows).
    public init?(field: String) {
        var entries: [Entry] = []
        for item in field.split(separator: ",", omittingEmptySubsequences: true) {
            let words = item.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard words.count == 4, let cursor = Int64(words[0]), let size = Int(words[1]), size >= 0,
                  words[2].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else { return nil }
            entries.append(Entry(cursor: cursor, size: size, bundleId: String(words[2]),
                                 sender: words[3] == "-" ? nil : try? UnitCode(parsing: String(words[3]))))
        }
        self.entries = entries
    }
}
