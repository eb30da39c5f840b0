import BaoCaoCore
import Foundation

/// The HTML of a revision's figures (``EntryForm``) as last written, kept until its values,
/// its approved sections or the catalog change: a draft's page is opened far more often
/// than its figures are written, and writing 200 rows is most of the page's work.
final class EntryFormCache: @unchecked Sendable {
    /// What the HTML was made from, beyond the catalog.
    struct Key: Equatable {
        /// ``ReportService/Details/valuesVersion``.
        let valuesVersion: Int64
        let approvedSections: Set<String>
        /// Input fields, or the read-only table.
        let editable: Bool
    }

    /// Revisions open at one node at a time are few; beyond this, start afresh.
    static let capacity = 256
    /// The catalog-only pieces of rows, shared by every page.
    let pieces = EntryForm.Pieces()
    private let lock = NSLock()
    private var catalog: Catalog?
    private var entries: [Int64: (key: Key, html: String)] = [:]

    /// The HTML for `report` as `key` says, made by `make` when it is not kept.
    func html(report: Int64, key: Key, catalog: Catalog, make: (EntryForm.Pieces) -> String) -> String {
        let kept: String? = lock.withLock {
            adopt(catalog)
            guard let entry = entries[report], entry.key == key else { return nil }
            return entry.html
        }
        if let kept { return kept }
        let html = make(pieces)
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[report] = (key, html)
        }
        return html
    }

    /// The pieces, for a page written around what a person typed (never kept).
    func uncachedPieces(for catalog: Catalog) -> EntryForm.Pieces {
        lock.withLock { adopt(catalog) }
        return pieces
    }

    /// Forgets everything made from another catalog. Called with the lock held.
    private func adopt(_ catalog: Catalog) {
        guard self.catalog != catalog else { return }
        self.catalog = catalog
        entries = [:]
        pieces.forget()
    }
}
