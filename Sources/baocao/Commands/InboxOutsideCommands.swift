import ArgumentParser
import BaoCaoCore
import BaoCaoExchange
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

extension InboxCommand.Common {
    /// The node and the person signed in, for recording and listing reports received outside
    /// the system: neither signs nor verifies a bundle, so no key or trust file is read.
    func openUnsigned() throws -> (work: NodeWork, actor: StaffMember, now: Date) {
        let node = try NodeContext(configFile: config)
        let now = Date()
        let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
        let runtime = NodeRuntime(store: node.store, files: node.bundleFiles, home: node.homeUnit, bootstrap: nil,
                                  clockTolerance: node.configuration.effectiveClockTolerance, arrivalRecorder: AuditLog.arrivals)
        return (NodeWork(runtime: runtime, identity: nil), actor, now)
    }
}

extension InboxCommand {
    /// `baocao inbox record-outside`: a report that came outside the system during a failure
    /// (seed 000 art. 7.3; seed 001 art. 10.2d), recorded by the receiver.
    struct RecordOutside: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-outside",
            abstract: "Ghi nhận báo cáo nhận ngoài hệ thống khi hệ thống có sự cố (văn bản điện tử qua hệ thống quản lý văn bản, bản quét): đính kèm văn bản, nhập thay số liệu.",
            discussion: "Văn bản là PDF hoặc ảnh quét (JPEG, PNG, TIFF); PDF có chữ ký số thì chữ ký được kiểm tra, không hợp lệ thì không ghi nhận. Số liệu được đánh dấu nhập thay đơn vị gửi (ai, lúc nào, từ văn bản nào), ghi nhật ký, được tính vào tình hình gửi báo cáo và số liệu tổng hợp cho đến khi báo cáo ký số của đơn vị được chấp nhận."
        )
        @OptionGroup var common: Common
        @Option(name: .long, help: "Mã chế độ báo cáo.") var regime: RegimeCode
        @Option(name: .long, help: "Kỳ báo cáo, ví dụ 2026-03.") var period: Period
        @Option(name: .long, help: "Mã đơn vị gửi báo cáo.") var unit: UnitCode
        @Option(name: .long, help: "Tệp văn bản nhận được (PDF hoặc ảnh quét).") var document: String
        @Option(name: .long, help: "Số, ký hiệu văn bản (nếu có).") var number: String?
        @Option(name: .long, help: "Thời điểm nhận văn bản, giờ Việt Nam: dd/mm/yyyy HH:MM.") var received: String
        @Option(name: .long, help: "Vì sao gửi ngoài hệ thống (sự cố gì).") var reason: String
        @Argument(help: "Số liệu nhập từ văn bản: MÃ=GIÁ_TRỊ, viết kiểu Việt Nam (NN01=1.245,5).") var figures: [String]

        func run() throws {
            let (work, actor, now) = try common.openUnsigned()
            guard let receivedAt = VietnamTime.instant(parsing: received) else {
                throw ValidationError("Thời điểm nhận \"\(received)\" không đúng dạng dd/mm/yyyy HH:MM.")
            }
            guard let data = FileManager.default.contents(atPath: document) else { throw CLIError("Không đọc được tệp văn bản \(document).") }
            let entries = try figures.map { text -> (key: String, text: String) in
                guard let equals = text.firstIndex(of: "=") else { throw ValidationError("\"\(text)\" không có dạng MÃ=GIÁ_TRỊ.") }
                return (String(text[..<equals]), String(text[text.index(after: equals)...]))
            }
            let submission = OutsideReportService.Submission(
                regime: regime, period: period, unit: unit, document: data, documentName: (document as NSString).lastPathComponent,
                documentNumber: number, receivedAt: receivedAt, reason: reason, figures: entries)
            let record = try OutsideReportService(work: work).record(submission, by: actor, at: now)
            let signatures = try record.signatureChecks()
            print("Đã ghi nhận báo cáo nhận ngoài hệ thống số \(record.id ?? 0): \(record.unitCode) \(record.regimeCode) kỳ \(record.period), "
                + "nhận lúc \(VietnamTime.displayText(record.receivedAt)), \(try record.values().count) số liệu nhập thay đơn vị gửi bởi \(actor.login).")
            print(signatures.isEmpty
                ? "Văn bản \(record.contentType) không có chữ ký số: số liệu chỉ dựa vào văn bản này."
                : "Văn bản PDF có \(signatures.count) chữ ký số hợp lệ: \(signatures.map { ($0.signer ?? "?") + ($0.signedAt.map { " lúc \(VietnamTime.displayText($0))" } ?? "") }.joined(separator: "; ")).")
        }
    }

    /// `baocao inbox outside`: the reports recorded from outside the system, and which were superseded.
    struct Outside: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Liệt kê báo cáo nhận ngoài hệ thống đã ghi nhận, mới nhất trước, và báo cáo ký số nào đã thay thế.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Chỉ một chế độ báo cáo.") var regime: RegimeCode?
        @Option(name: .long, help: "Chỉ một kỳ.") var period: Period?

        func run() throws {
            let (work, actor, _) = try common.openUnsigned()
            let entries = try OutsideReportService(work: work).list(regime: regime, period: period, by: actor)
            if entries.isEmpty { print("Chưa ghi nhận báo cáo nào nhận ngoài hệ thống."); return }
            for entry in entries {
                let r = entry.record
                var line = "\(r.id ?? 0)\t\(r.unitCode)\t\(r.regimeCode)\t\(r.period)\tNGOÀI HỆ THỐNG\tnhận \(VietnamTime.displayText(r.receivedAt))"
                line += "\tvăn bản \(r.documentNumber ?? r.documentName)\tnhập thay bởi \(r.enteredBy) lúc \(VietnamTime.displayText(r.enteredAt))"
                let signatures = try r.signatureChecks()
                line += signatures.isEmpty ? "\tkhông có chữ ký số" : "\t\(signatures.count) chữ ký số hợp lệ"
                if let signed = entry.supersededBy { line += "\tđã thay bằng báo cáo ký số lần \(signed.revision)" }
                print(line)
            }
        }
    }
}
