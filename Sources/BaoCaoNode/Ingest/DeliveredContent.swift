import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// What a verified bundle addressed to this node puts in its database besides the bundle
/// itself: a child's report becomes a received revision, a decision moves the node's own
/// report, a notice joins the notices. Read before anything is stored, so a bundle whose
/// content does not read is refused whole.
enum DeliveredContent {
    /// The change to make in the bundle's commit transaction, if any.
    static func apply(for bundle: VerifiedBundle, now: Date) throws -> DatabaseChange? {
        let manifest = bundle.manifest
        switch manifest.kind {
        case .report:
            let (document, files) = try report(in: bundle)
            let id = bundle.id
            let signedAt = bundle.signingTime
            return { db in
                try NodeStore.recordReceivedReport(document, bundleId: id, signedAt: signedAt, receivedAt: now, attachments: files, in: db)
            }
        case .decision:
            let decision = try decision(in: bundle)
            let id = bundle.id
            return { db in try NodeStore.applyDecision(decision, bundleId: id, receivedAt: now, in: db) }
        case .notice:
            let notice = try NoticeDocument.decode(try part(NoticeDocument.partPath, of: bundle))
            let (id, sender, recipient) = (bundle.id, manifest.sender, manifest.recipient)
            return { db in try NodeStore.recordNotice(notice, bundleId: id, sender: sender, recipient: recipient, in: db) }
        case .receipt:
            // A transfer's final recipient acknowledging it (seed 003 art. 10.2).
            guard let acknowledged = manifest.about["receiptFor"] else { return nil }
            return { db in try NodeStore.markPersonnelTransferAcknowledged(receiptFor: acknowledged, at: now, in: db) }
        default:
            return nil
        }
    }

    /// The change an archive copy makes (DESIGN §6): a descendant's report kept for
    /// drill-down, or its receiver's decision marked on that copy.
    static func archive(_ bundle: VerifiedBundle, now: Date) throws -> DatabaseChange? {
        let manifest = bundle.manifest
        switch manifest.kind {
        case .report:
            let (document, files) = try report(in: bundle)
            guard let receiver = manifest.recipient.unit else { throw refusal("báo cáo phải gửi tới một đơn vị") }
            let (id, signedAt) = (bundle.id, bundle.signingTime)
            return { db in
                try NodeStore.recordRelayedReport(document, bundleId: id, receiver: receiver, signedAt: signedAt, at: now, attachments: files, in: db)
            }
        case .decision:
            let decision = try decision(in: bundle)
            let id = bundle.id
            return { db in try NodeStore.applyRelayedDecision(decision, bundleId: id, at: now, in: db) }
        default:
            return nil
        }
    }

    /// The report a bundle carries, checked against its manifest, with its attached files.
    private static func report(in bundle: VerifiedBundle) throws -> (ReportDocument, [(ReportDocument.Attachment, Data)]) {
        let manifest = bundle.manifest
        let document = try ReportDocument.decode(try part(ReportDocument.partPath, of: bundle))
        guard document.unit == manifest.sender, document.regime.rawValue == manifest.about["regime"], document.period.id == manifest.about["period"] else {
            throw refusal("báo cáo ghi đơn vị, chế độ hoặc kỳ khác với gói tin chứa nó")
        }
        return (document, try attachments(of: document, in: bundle))
    }

    /// The decision a bundle carries, about a report of its recipient.
    private static func decision(in bundle: VerifiedBundle) throws -> ReportDecision {
        let decision = try ReportDecision.decode(try part(ReportDecision.partPath, of: bundle))
        guard bundle.manifest.recipient == .unit(decision.unit) else { throw refusal("quyết định nói về báo cáo của đơn vị khác với đơn vị nhận") }
        return decision
    }

    /// The attached files the report lists, each checked against its part; a report bundle
    /// holds nothing else.
    private static func attachments(of document: ReportDocument, in bundle: VerifiedBundle) throws -> [(ReportDocument.Attachment, Data)] {
        let listed = Set([ReportDocument.partPath] + document.attachments.map(\.part))
        if let extra = bundle.manifest.parts.first(where: { !listed.contains($0.path) }) {
            throw refusal("tệp \(extra.path) không thuộc báo cáo")
        }
        return try document.attachments.map { attachment in
            let data = try part(attachment.part, of: bundle)
            guard data.count == attachment.size, SHA256Digest.hex(of: data) == attachment.sha256 else {
                throw refusal("tệp đính kèm \(attachment.name) không khớp cỡ hoặc mã băm ghi trong báo cáo")
            }
            return (attachment, data)
        }
    }

    private static func part(_ path: String, of bundle: VerifiedBundle) throws -> Data {
        guard let data = bundle.part(path) else { throw refusal("thiếu tệp \(path)") }
        return data
    }

    private static func refusal(_ reason: String) -> BundleError {
        BundleError(.invalidManifest, message: "Nội dung gói tin không hợp lệ: \(reason).", log: "delivered content: \(reason)")
    }
}
