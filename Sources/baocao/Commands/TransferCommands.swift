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
    var `for`: String?

    func run() throws {
        let node = try NodeContext(configFile: config)
        if let child = self.for {
            guard try node.store.topology().unit(code: child)?.parentCode == node.homeUnit else {
                throw CLIError("Đơn vị \(child) không phải đơn vị cấp dưới trực tiếp của \(node.homeUnit).")
            }
        }
        let transfer = USBTransfer(store: node.store, files: node.bundleFiles)
        let count = try transfer.export(to: URL(fileURLWithPath: to), for: self.for) { done, total in
            if total >= 20, done % 10 == 0 || done == total {
                FileHandle.standardError.write(Data("Đã xuất \(done)/\(total) gói tin…\n".utf8))
            }
        }
        let target = self.for.map { "đơn vị \($0)" } ?? "cấp trên"
        try AuditLog.append(to: node.store, actor: Actor.node.login, action: .bundlesExported, object: "usb:\(to)",
                            detail: "\(count) gói tin cho \(target)", at: Date())
        print("Đã xuất \(count) gói tin chờ gửi \(target) vào \(to).")
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
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("Không tìm thấy \(path).")
            }
            files += isDirectory.boolValue ? try USBTransfer.candidates(in: URL(fileURLWithPath: path)) : [URL(fileURLWithPath: path)]
        }
        var rejected = 0
        var accepted = 0
        var notStored = 0
        let runtime = try node.work().runtime
        for (index, file) in files.enumerated() {
            // Each file sees the trust and topology the files before it established.
            let line = USBTransfer.importFile(file, into: runtime, now: Date())
            if case .rejected = line.outcome { rejected += 1 }
            if case .accepted = line.outcome { accepted += 1 }
            if line.failure != nil { notStored += 1 }
            print(line.text)
            if files.count >= 20, (index + 1) % 10 == 0 {
                FileHandle.standardError.write(Data("Đã xử lý \(index + 1)/\(files.count) tệp…\n".utf8))
            }
        }
        if files.isEmpty { print("Không có gói tin nào (.bcb) để nhận.") }
        try AuditLog.append(to: node.store, actor: Actor.node.login, action: .bundlesImported, object: "usb:\(paths.joined(separator: ","))",
                            detail: "\(files.count) tệp: \(accepted) nhận, \(rejected) từ chối", at: Date())
        if rejected > 0 { throw ExitCode(1) }
        if notStored > 0 { throw ExitCode(2) }
    }
}
