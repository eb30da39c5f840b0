import BaoCaoCore
import Foundation

/// A revision's values and their validation against a catalog, kept until the values
/// change (``NodeStore/valuesVersion(ofReport:in:)``) or the catalog does: the data-entry
/// page of a 200-indicator draft is read far more often than it is written.
public final class ReportContentCache: @unchecked Sendable {
    public struct Content: Sendable {
        public let values: [ValueKey: ReportValue]
        /// The validation problems, when they were worked out.
        public let problems: [ValueProblem]?

        public init(values: [ValueKey: ReportValue], problems: [ValueProblem]?) {
            self.values = values
            self.problems = problems
        }
    }

    private struct Entry {
        let version: Int64
        let catalog: Catalog
        let content: Content
    }

    /// Drafts being worked on at one node at a time are few; beyond this, start afresh.
    static let capacity = 256
    private let lock = NSLock()
    private var entries: [Int64: Entry] = [:]

    public init() {}

    public func content(report id: Int64, version: Int64, catalog: Catalog) -> Content? {
        lock.withLock {
            guard let entry = entries[id], entry.version == version, entry.catalog == catalog else { return nil }
            return entry.content
        }
    }

    public func keep(_ content: Content, report id: Int64, version: Int64, catalog: Catalog) {
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = Entry(version: version, catalog: catalog, content: content)
        }
    }
}
