import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// `baocao update`: software updates down the hierarchy — the province publishes a signed
/// package; every node shows the version it runs and the one waiting; an admin (or the
/// maintenance window) installs it, keeping the previous version to roll back to.
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Bản cập nhật phần mềm: tỉnh phát hành gói cài đặt đã ký số; mỗi nút nhận, hiển thị và cài đặt khi quản trị viên cho phép.",
        subcommands: [Publish.self, Status.self, Apply.self, Check.self]
    )

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Phát hành bản cập nhật phần mềm (chỉ nút tỉnh): ký gói cài đặt .deb bằng khóa phát hành, gửi xuống mọi đơn vị.",
            discussion: "Số phiên bản đọc từ gói (dpkg-deb -f TỆP Version); --version nếu có phải trùng với số đó.")

        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @Option(name: .long, help: "Gói cài đặt .deb của phiên bản mới.") var package: String
        @Option(name: .long, help: "Số phiên bản (X.Y.Z); phải trùng với trường Version của gói.") var version: String?
        @Option(name: .long, help: "Ghi chú cho quản trị viên các đơn vị: thay đổi gì.") var notes: String = ""
        @Option(name: .long, help: "Tệp gói tin ghi ra; mặc định trong thư mục outbox của nút.") var out: String?

        func run() throws {
            let info = try DebianPackage.read(package)
            if let version {
                let stated = try SoftwareVersion(parsing: version)
                guard stated == info.version else {
                    throw ValidationError("Số phiên bản --version \(stated) khác trường Version \(info.version) của gói \(package); không phát hành.")
                }
            }
            let data = try BinaryFile.read(package, what: "gói cài đặt")
            let node = try NodeContext(configFile: config)
            let service = SoftwareUpdateService(work: try node.work(signing: .required))
            let name = (package as NSString).lastPathComponent
            let published = try service.publish(package: data, named: name, version: info.version, architecture: info.architecture,
                                                notes: notes, by: .node, at: Date())
            let path = out ?? (node.loaded.dataDirectory as NSString).appendingPathComponent("outbox/update-v\(published.version).bcb")
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try published.data.write(to: URL(fileURLWithPath: path), options: .atomic)
            print("Đã phát hành bản cập nhật phần mềm phiên bản \(published.version) (\(name)): \(path)")
            print("Mã gói tin: \(published.id)")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Phiên bản đang chạy, bản cập nhật đang chờ, và phiên bản mỗi đơn vị cấp dưới đang chạy (đơn vị nào chậm cập nhật).")

        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @Flag(name: .long, help: "Chỉ liệt kê các đơn vị chạy phiên bản cũ hơn bản cập nhật mới nhất.") var lagging = false
        @Option(name: .long, help: "Thư mục giữ nhật ký cài đặt bản cập nhật của máy.") var stateDir: String = "/var/lib/baocao/updates"

        func run() throws {
            let node = try NodeContext(configFile: config)
            let status = try SoftwareUpdateService(work: try node.work(signing: .unused)).status()
            if lagging {
                guard let latest = status.latest else { print("Chưa có bản cập nhật phần mềm nào."); return }
                print("Các đơn vị chạy phiên bản cũ hơn \(latest.version): \(status.lagging.count)")
                for unit in status.lagging {
                    print("  \(unit.code) \(unit.name): \(unit.version.map(\.description) ?? "chưa rõ")")
                }
                return
            }
            for line in status.vietnameseLines { print(line) }
            if let last = UpdateHistory(stateDirectory: stateDir).entries().last { print("Lần cài đặt gần nhất trên máy: \(last.vietnameseText)") }
        }
    }
}
