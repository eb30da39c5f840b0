/// How a unit of the old map went into a unit of the new one (the `share` column of the
/// succession table, ``Succession``).
public enum SuccessionShare: String, Sendable, Hashable, Codable, CaseIterable {
    /// Went wholly into the successor: its figures carry over exactly.
    case whole
    /// Divided among several successors (one row per piece); the row marked `default` is
    /// the piece that took its seat. Its figures cannot be split: they are attributed to
    /// the default piece only where the catalog allows it
    /// (``Indicator/carriesToDefaultPiece``), otherwise the comparison is not exact.
    case part
    /// A level that ended (a district in 2025): it hands its archive to the successor and
    /// retires, but carries no figures of its own — they are already its communes'.
    case archive

    /// The Vietnamese words for it, as shown in plans and beside figures.
    public var vietnameseName: String {
        switch self {
        case .whole: "nhập toàn bộ"
        case .part: "chia một phần"
        case .archive: "bàn giao lưu trữ"
        }
    }
}
