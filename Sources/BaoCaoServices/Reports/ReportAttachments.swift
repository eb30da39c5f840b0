import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Files attached to a report's narrative (seed 002 art. 13): added and removed while the
/// revision is a draft, signed into the report bundle with it, carried to the receiver
/// and copied into a correcting revision.
extension ReportService {
    /// The largest file accepted, and the most a revision may carry in all.
    public static let attachmentLimit = 10 << 20
    public static let attachmentsTotalLimit = 25 << 20

    /// Adds (or replaces, by name) a file of a draft.
    public func addAttachment(report id: Int64, name rawName: String, contentType: String, data: Data, by actor: StaffMember, at now: Date) throws {
        try require(actor, .enterValues, "đính kèm tệp")
        let name = (rawName as NSString).lastPathComponent.trimmingCharacters(in: .whitespacesAndNewlines).nfc
        guard ReportDocument.isAcceptableAttachmentName(name) else {
            throw ServiceError(.invalidInput, message: "Tên tệp \"\(rawName.prefix(60))\" không dùng được (1–120 ký tự, không có / hay \\, không bắt đầu bằng dấu chấm).",
                               log: "bad attachment name")
        }
        guard !data.isEmpty else { throw ServiceError(.invalidInput, message: "Tệp \(name) rỗng.", log: "empty attachment") }
        guard data.count <= Self.attachmentLimit else {
            throw ServiceError(.invalidInput, message: "Tệp \(name) lớn hơn \(Self.attachmentLimit >> 20) MB.", log: "attachment too large: \(data.count)")
        }
        try work.store.writer.write { db in
            let record = try ownReport(id, in: db)
            try expect(record, in: [.draft], to: "đính kèm tệp")
            let others = try NodeStore.attachments(ofReport: id, in: db).filter { $0.name != name }.map(\.size).reduce(0, +)
            guard others + data.count <= Self.attachmentsTotalLimit else {
                throw ServiceError(.invalidInput, message: "Tổng dung lượng tệp đính kèm của một báo cáo tối đa \(Self.attachmentsTotalLimit >> 20) MB.",
                                   log: "attachments total too large")
            }
            try NodeStore.removeAttachment(named: name, ofReport: id, in: db)
            var attachment = ReportAttachment(reportId: id, name: name, contentType: Self.safeContentType(contentType), data: data,
                                              sha256: SHA256Digest.hex(of: data), addedBy: actor.login, addedAt: now)
            try attachment.insert(db)
            try audit(db, actor, "report.attach", record, "\(name) (\(data.count) byte)", now)
        }
    }

    public func removeAttachment(report id: Int64, name: String, by actor: StaffMember, at now: Date) throws {
        try require(actor, .enterValues, "gỡ tệp đính kèm")
        try work.store.writer.write { db in
            let record = try ownReport(id, in: db)
            try expect(record, in: [.draft], to: "gỡ tệp đính kèm")
            guard try NodeStore.removeAttachment(named: name.nfc, ofReport: id, in: db) else {
                throw ServiceError(.notFound, message: "Báo cáo không có tệp đính kèm \(name).", log: "no attachment \(name)")
            }
            try audit(db, actor, "report.detach", record, name, now)
        }
    }

    /// The attachments of a revision the node may open (its own or received), without bytes.
    public func attachments(report id: Int64, by actor: StaffMember) throws -> [ReportAttachment] {
        try require(actor, .read, "xem tệp đính kèm")
        return try work.store.writer.read { db in
            _ = try readableReport(id, in: db)
            return try NodeStore.attachments(ofReport: id, in: db)
        }
    }

    /// One attachment with its bytes.
    public func attachment(report id: Int64, name: String, by actor: StaffMember) throws -> ReportAttachment {
        try require(actor, .read, "xem tệp đính kèm")
        guard let file = try work.store.writer.read({ db in
            _ = try readableReport(id, in: db)
            return try NodeStore.attachments(ofReport: id, withData: true, in: db).first { $0.name == name.nfc }
        }) else {
            throw ServiceError(.notFound, message: "Không có tệp đính kèm \(name).", log: "no attachment \(name)")
        }
        return file
    }

    /// A declared type kept only when it is a plain `type/subtype`; anything else is bytes.
    static func safeContentType(_ text: String) -> String {
        let type = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let allowed = type.range(of: #"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$"#, options: .regularExpression) != nil
        return allowed ? type : "application/octet-stream"
    }
}
