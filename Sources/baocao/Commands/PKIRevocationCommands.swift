import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import Foundation

extension PKICommand {
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thu hồi chứng thư do CA thử nghiệm (pki init-dev) cấp, rồi ký lại danh sách thu hồi (CRL) của CA.",
            discussion: "Ghi vào revoked.json trong thư mục CA và ghi CRL mới (mặc định crl.pem trong thư mục CA); đưa CRL vào bản phát hành bằng baocao release publish --crl."
        )

        @Argument(help: "Tệp chứng thư cần thu hồi (PEM).")
        var certificate: String

        @Option(name: .long, help: "Thư mục CA (có root.pem và root.key).")
        var ca: String

        @Option(name: .long, help: "Lý do thu hồi.")
        var reason: String = "thu hồi theo yêu cầu"

        @Option(name: .long, help: "Thời hạn của CRL, tính bằng ngày (ngày cập nhật kế tiếp).")
        var days: Int = AuthorityRevocations.defaultValidityDays

        @Option(name: .long, help: "Tệp ghi CRL (PEM); mặc định crl.pem trong thư mục CA.")
        var out: String?

        func run() throws {
            guard (1...365).contains(days) else { throw ValidationError("Thời hạn của CRL phải từ 1 đến 365 ngày.") }
            let now = Date()
            var authority = try AuthorityRevocations(directory: URL(fileURLWithPath: ca))
            let revoked = try Certificate(pem: BinaryFile.read(certificate, what: "chứng thư"))
            try authority.revoke(revoked, at: now, reason: reason.nfc)
            let path = out ?? (ca as NSString).appendingPathComponent(AuthorityRevocations.listFileName)
            let list = try authority.revocationList(at: now, validityDays: days)
            try PKIFiles.write(Data(list.pem.utf8), to: URL(fileURLWithPath: path))
            print("Đã thu hồi chứng thư \(revoked.subject) (số hiệu \(revoked.serialNumber)) từ \(VietnamTime.displayText(now)).")
            print("Danh sách thu hồi mới (\(list.entryCount) chứng thư, cập nhật kế tiếp \(VietnamTime.displayText(list.nextUpdate ?? now))): \(path)")
            print("Đưa vào bản phát hành tiếp theo: baocao release publish --crl \(path)")
        }
    }

    struct RevocationListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crl",
            abstract: "Ký danh sách chứng thư bị thu hồi (CRL) hiện thời của CA thử nghiệm (pki init-dev).",
            discussion: "Ký lại trước ngày cập nhật kế tiếp và đưa vào bản phát hành: một CA không có CRL còn hiệu lực được ghi là chưa kiểm tra được tình trạng thu hồi."
        )

        @Option(name: .long, help: "Thư mục CA (có root.pem và root.key).")
        var ca: String

        @Option(name: .long, help: "Thời hạn của CRL, tính bằng ngày (ngày cập nhật kế tiếp).")
        var days: Int = AuthorityRevocations.defaultValidityDays

        @Option(name: .long, help: "Tệp ghi CRL (PEM).")
        var out: String

        func run() throws {
            guard (1...365).contains(days) else { throw ValidationError("Thời hạn của CRL phải từ 1 đến 365 ngày.") }
            let now = Date()
            let list = try AuthorityRevocations(directory: URL(fileURLWithPath: ca)).revocationList(at: now, validityDays: days)
            try PKIFiles.write(Data(list.pem.utf8), to: URL(fileURLWithPath: out))
            print("Đã ký danh sách thu hồi của \(list.issuer): \(list.entryCount) chứng thư, cập nhật kế tiếp \(VietnamTime.displayText(list.nextUpdate ?? now)): \(out)")
        }
    }
}
