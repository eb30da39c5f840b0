import BaoCaoBundle
import BaoCaoCore
import Foundation
import Synchronization

/// A report's bundle prepared for the leader to sign on a token elsewhere
/// (``ReportService/prepareApproval(report:by:at:)``): the parts and the manifest, made
/// once, and the attributes the leader's signature must cover.
public struct PreparedApproval: Sendable {
    public let report: Int64
    /// The revision prepared: an approval of another revision is refused.
    public let revision: Int
    /// Who prepared it: only they may finish it.
    public let preparedBy: String
    public let bundle: PreparedBundle
    /// What the leader signs: content type, signing time, the SHA-256 of the manifest.
    public let attributes: SignedAttributes
    public let preparedAt: Date
}

/// Approvals prepared and waiting for the leader's signature, in memory only, each under a
/// one-time id and for a few minutes (``lifetime``): an id is taken once — whether the
/// approval then succeeds or not — and a new one is prepared for a retry.
public final class PreparedApprovals: Sendable {
    /// How long a prepared approval waits for its signature.
    public let lifetime: TimeInterval
    private let waiting = Mutex<[String: PreparedApproval]>([:])

    public init(lifetime: TimeInterval = 600) {
        self.lifetime = lifetime
    }

    /// Keeps `approval` and returns its one-time id (128 random bits, hex); forgets the expired.
    public func keep(_ approval: PreparedApproval, at now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        waiting.withLock { waiting in
            waiting = waiting.filter { now.timeIntervalSince($0.value.preparedAt) < lifetime }
            waiting[id] = approval
        }
        return id
    }

    /// The approval kept under `id`, removed; refused when unknown, expired, or for another report.
    public func take(_ id: String, report: Int64, at now: Date) throws -> PreparedApproval {
        let approval = waiting.withLock { $0.removeValue(forKey: id) }
        guard let approval, approval.report == report, now.timeIntervalSince(approval.preparedAt) < lifetime else {
            throw ServiceError(.notFound,
                message: "Không còn bản chuẩn bị ký này (đã dùng, đã quá \(Int(lifetime / 60)) phút hoặc của báo cáo khác); hãy bấm \"Duyệt và ký số\" lại.",
                log: "no prepared approval \(id.prefix(8))… for report \(report)")
        }
        return approval
    }
}
