import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Xuất ra thư mục (USB) các gói tin chưa được cấp trên xác nhận, hoặc các gói tin đang chờ gửi xuống một đơn vị cấp dưới (--for).",
        discussion: "Dùng khi đường truyền bị gián đoạn (Quy chế: gửi bằng phương thức khác khi hệ thống gặp sự cố)."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút.")
    var config: String

    @Option(name: .long, help: "Thư mục đích, ví dụ trên thẻ nhớ USB.")
    var to: String

    @Option(name: .long, help: "Mã đơn vị cấp dưới: xuất các gói tin đang chờ gửi xuống đơn vị đó.")
    var `for`: UnitCode?

    func run() throws {
        let node = try NodeContext(configFile: config)
        let service = TransferService(work: try node.work(signing: .unused))
        let count = try service.export(to: to, for: self.for, by: .node, at: Date()) { done, total in
            if total >= 20, done % 10 == 0 || done == total {
                FileHandle.standardError.write(Data("Đã xuất \(done)/\(total) gói tin…\n".utf8))
            }
        }
        print("Đã xuất \(count) gói tin chờ gửi \(self.for.map { "đơn vị \($0)" } ?? "cấp trên") vào \(to).")
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhận các gói tin từ thư mục (USB): kiểm tra từng tệp như khi nhận qua mạng và in kết quả cho mỗi tệp.",
        discussion: "Mỗi dòng: accepted (đã nhận), duplicate (đã có, không thay đổi gì) hoặc rejected: lý do."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút.")
    var config: String

    @Argument(help: "Thư mục (hoặc các tệp .bcb) cần nhận.")
    var paths: [String]

    func run() throws {
        let node = try NodeContext(configFile: config)
        let service = TransferService(work: try node.work())
        let result = try service.importBundles(from: paths, by: .node, at: Date()) { line, done, total in
            print(line.text)
            if total >= 20, done % 10 == 0 {
                FileHandle.standardError.write(Data("Đã xử lý \(done)/\(total) tệp…\n".utf8))
            }
        }
        if result.files == 0 { print("Không có gói tin nào (.bcb) để nhận.") }
        if result.rejected > 0 { throw ExitCode(1) }
        if result.notStored > 0 { throw ExitCode(2) }
    }
}
