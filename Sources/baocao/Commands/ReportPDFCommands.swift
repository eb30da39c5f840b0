import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoExchange
import Foundation

extension ReportCommand {
    /// `baocao report pdf N -o F.pdf`: the signed report for the e-office system.
    struct PDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf",
            abstract: "Xuất báo cáo đã duyệt ra tệp PDF theo thể thức văn bản hành chính, ký số PAdES: lãnh đạo ký (nếu có khóa của lãnh đạo), rồi đơn vị ký.",
            discussion: """
                Khóa của lãnh đạo như khi duyệt và ký báo cáo: --personal-key với tệp PEM (cùng --personal-certificate), \
                tệp .p12/.pfx (mật khẩu trong biến môi trường --personal-password-environment) hoặc khóa trên thẻ ký số (pkcs11:…). \
                Không có khóa của lãnh đạo thì tệp chỉ mang chữ ký của đơn vị.
                """)
        @OptionGroup var common: Common
        @Argument(help: "Số báo cáo.") var id: Int64
        @Option(name: [.customShort("o"), .long], help: "Tệp PDF ghi ra.") var output: String
        /// The leader's key, as `report approve` takes it (one place for every personal signature).
        @OptionGroup var personal: PersonalSignatureOptions

        func run() throws {
            let person = try personal.identity()
            let (work, actor, now) = try common.acting.signedIn(config: common.config)
            let made = try ReportPDFService(work: work).make(report: id, by: actor, person: person, at: now)
            do {
                try made.pdf.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIError("Không ghi được tệp \(output): \(error.localizedDescription)")
            }
            print("Đã xuất báo cáo số \(id) ra \(output) (\(made.pdf.count) byte), ký số PAdES bởi: \(made.signers.joined(separator: ", ")).")
            if person == nil {
                print("Chưa có chữ ký của lãnh đạo (không có --personal-key): tệp chỉ mang chữ ký của đơn vị.")
            }
        }
    }

    /// `baocao report pdf-verify F.pdf`: every signature checked, the reason named.
    struct PDFVerify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf-verify",
            abstract: "Kiểm tra các chữ ký số PAdES trong một tệp PDF; thoát với mã 0 chỉ khi mọi chữ ký hợp lệ và chữ ký cuối bao trọn tệp.")
        @Argument(help: "Tệp PDF.") var file: String
        @Option(name: .long, help: "Chứng thư gốc tin cậy (PEM): người ký phải có chứng thư do gốc này cấp.") var trust: String?

        func run() throws {
            let data = try BinaryFile.read(file, what: "tệp PDF")
            let anchors = try trust.map { try TrustStore(anchorsPEM: BinaryFile.read($0, what: "chứng thư gốc")) }
            let check = PDFSignatureCheck(pdf: data, anchors: anchors)
            for signature in check.signatures {
                let who = signature.signerName ?? "không xác định"
                let when = signature.signingTime.map { " lúc \(VietnamTime.displayText($0))" } ?? ""
                let verdict = signature.problem.map { "KHÔNG HỢP LỆ: \($0)" } ?? "hợp lệ"
                print("Chữ ký số thứ \(signature.index): \(who)\(when) — \(verdict)\(signature.coversWholeFile ? " (bao trọn tệp)" : "")")
            }
            guard check.isValid else {
                throw CLIError("Tệp PDF không hợp lệ: " + check.reasons.joined(separator: " "))
            }
            print("Hợp lệ: \(check.signatures.count) chữ ký số, chữ ký cuối bao trọn tệp.")
        }
    }
}
