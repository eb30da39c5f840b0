import BaoCaoCore
import Foundation

/// The revocation a succession makes (the 2025 reform): every certificate registered for a
/// former unit whose code is gone from the new map, revoked as of the reform date (00:00 in
/// Vietnam on ``Succession/effective``) — what it signed and delivered before stays valid
/// (revocation is judged by when a bundle arrived) — with one narrow exception
/// (``SignerRegistry/Revocation/excuses(_:arrivedAt:)``):
///
/// - only a **report for a period wholly before the reform** or a **historyHandover**
///   bundle (the late report the acceptance table lets a former unit send to its
///   successor, and its history);
/// - only for revocations made by the succession (they alone carry
///   ``SignerRegistry/Revocation/graceEnds``; a CA's CRL never excuses anything, and the
///   release gate refuses a release whose grace revocations do not match its succession);
/// - only until the end of ``Succession/graceUntil`` (Vietnam time): signed and arrived
///   before then.
///
/// A former unit's key therefore can do no more after the reform than hand in what it
/// still owes: a report for July 2025 or later, a decision, a notice, a transfer, signed
/// after the reform, are refused as revoked.
public enum SuccessionRevocation {
    /// The reason every such revocation gives.
    public static let reason = "sắp xếp đơn vị hành chính"

    /// When the revocation takes effect: the reform's first day, 00:00 in Vietnam.
    public static func revokedAt(_ succession: Succession) -> Date {
        VietnamTime.startOfDay(succession.effective)
    }

    /// When the grace ends: the day after ``Succession/graceUntil``, 00:00 in Vietnam.
    public static func graceEnds(_ succession: Succession) -> Date {
        VietnamTime.startOfDay(succession.graceUntil.adding(days: 1))
    }

    /// The revocation of one former unit's certificate.
    public static func revocation(of fingerprint: String, under succession: Succession) -> SignerRegistry.Revocation {
        SignerRegistry.Revocation(fingerprint: fingerprint, revokedAt: revokedAt(succession), reason: reason,
                                  graceEnds: graceEnds(succession))
    }

    /// The revocations a successor's first release lists: every certificate `registry`
    /// registers for a former unit whose code the new topology no longer holds, in code order.
    public static func revocations(under succession: Succession, newTopology: Topology,
                                   registry: SignerRegistry) -> [SignerRegistry.Revocation] {
        var seen: Set<String> = []
        var made: [SignerRegistry.Revocation] = []
        for unit in succession.formerUnits.sorted(by: { $0.code < $1.code }) where succession.isRetired(unit.code, in: newTopology) {
            for fingerprint in registry.signers[unit.code.rawValue] ?? [] where seen.insert(fingerprint).inserted {
                made.append(revocation(of: fingerprint, under: succession))
            }
        }
        return made
    }

    /// Whether the grace revocations a release lists are those its succession makes: the
    /// same revocation and grace instants. A release that lists one with no succession, or
    /// with other dates, is refused by the gate.
    public static func problem(in revoked: [SignerRegistry.Revocation], succession: Succession?) -> String? {
        for revocation in revoked {
            guard let graceEnds = revocation.graceEnds else { continue }
            guard let succession else {
                return "chứng thư \(revocation.fingerprint.prefix(16))… được thu hồi có thời hạn ân hạn nhưng bản phát hành không có phương án sắp xếp đơn vị"
            }
            if revocation.revokedAt != revokedAt(succession) || graceEnds != self.graceEnds(succession) {
                return "chứng thư \(revocation.fingerprint.prefix(16))… được thu hồi có thời hạn ân hạn khác với ngày sắp xếp "
                    + "(\(succession.effective.vietnameseText)) và hạn nhận báo cáo muộn (\(succession.graceUntil.vietnameseText)) của phương án"
            }
        }
        return nil
    }
}

extension SignerRegistry.Revocation {
    /// Whether this revocation leaves valid a bundle that arrived after it took effect: a
    /// succession's revocation (``graceEnds``), for a report of a period wholly before the
    /// reform or a historyHandover bundle, signed and arrived before the grace ends
    /// (``SuccessionRevocation``).
    public func excuses(_ bundle: RevokedSignerBundle, arrivedAt: Date) -> Bool {
        guard let graceEnds, arrivedAt < graceEnds, bundle.signedAt < graceEnds else { return false }
        switch bundle.kind {
        case .historyHandover:
            return true
        case .report:
            guard let period = bundle.period else { return false }
            return VietnamTime.startOfDay(period.lastDay.adding(days: 1)) <= revokedAt
        default:
            return false
        }
    }
}

/// What the revocation check needs to know of a bundle for ``SignerRegistry/Revocation/excuses(_:arrivedAt:)``:
/// its kind, the period it reports on (its signed `about.period`) and its signing time.
public struct RevokedSignerBundle: Sendable, Hashable {
    public let kind: BundleKind
    public let period: Period?
    public let signedAt: Date

    public init(kind: BundleKind, period: Period?, signedAt: Date) {
        self.kind = kind
        self.period = period
        self.signedAt = signedAt
    }
}
