import BaoCaoCore
import Foundation

/// The province release chains a node holds, read from the newest release of each
/// publisher: the chain in force, and the chains that ended before it (a province merged
/// into another in 2025 — its last release names a ``ReleaseContent/successor``).
///
/// A node takes a successor's release only through the ``ReleaseGate``, so the chains it
/// holds follow one another: 17 ended → 25 in force. The chain in force is the one whose
/// newest release names no successor; if every chain it holds ended (the closing release
/// taken, the successor's not yet), it is the last of them — the one whose successor the
/// node does not hold — and the gate then waits for that successor's first release.
public struct ProvinceChains: Sendable {
    /// The province release in force, if any.
    public let inForce: AcceptedRelease?
    /// The last release of each chain that ended before the one in force.
    public let ended: [AcceptedRelease]

    /// `latest`: the newest release of each publisher's chain, local releases included
    /// (they are left out).
    public init(latest: [AcceptedRelease]) {
        let province = latest.filter(\.content.isProvinceRelease)
        let held = Set(province.map(\.content.publisher))
        let open = province.filter { $0.content.successor == nil }
        let waiting = province.filter { release in
            guard let successor = release.content.successor else { return false }
            return successor.publisher != release.content.publisher && !held.contains(successor.publisher)
        }
        let newestFirst: (AcceptedRelease, AcceptedRelease) -> Bool = { $0.content.publishedAt > $1.content.publishedAt }
        let chosen = open.sorted(by: newestFirst).first ?? waiting.sorted(by: newestFirst).first ?? province.sorted(by: newestFirst).first
        inForce = chosen
        ended = province.filter { $0.content.successor != nil && $0.hash != chosen?.hash }
    }
}
