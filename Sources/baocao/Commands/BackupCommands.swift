import ArgumentParser
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import BaoCaoSync
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sao lưu nút và kiểm tra bản sao lưu.",
        discussion: "baocao serve tự sao lưu định kỳ (mặc định mỗi 24 giờ, vào thư mục cạnh thư mục dữ liệu; mục backup của tệp cấu hình).",
        subcommands: [BackupWriteCommand.self, BackupVerifyCommand.self],
        defaultSubcommand: BackupWriteCommand.self
    )
}

struct BackupWriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Sao lưu nút (cơ sở dữ liệu bằng sao lưu trực tuyến của SQLite và mọi gói tin) vào một tệp, ký số bằng khóa của đơn vị; nút có thể đang chạy."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút.")
    var config: String

    @Option(name: .long, help: "Tệp sao lưu ghi ra (.zip).")
    var to: String

    func run() throws {
        let node = try NodeContext(configFile: config)
        let description = try NodeBackup.write(store: node.store, files: node.bundleFiles, unit: node.homeUnit,
                                               signedBy: try node.signingIdentity(), to: URL(fileURLWithPath: to), now: Date())
        print("Đã sao lưu nút \(node.homeUnit) vào \(to): lược đồ \(description.schemaVersion), \(description.bundles) gói tin, có chữ ký số của đơn vị.")
    }
}

/// `baocao backup verify FILE`: the checks a restore makes, without restoring.
struct BackupVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Kiểm tra một tệp sao lưu như khi phục hồi (chữ ký số của đơn vị, mã băm từng tệp, cơ sở dữ liệu, gói tin) mà không phục hồi; trả về 0 chỉ khi dùng được."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút.")
    var config: String

    @Argument(help: "Tệp sao lưu (.zip).")
    var file: String

    func run() throws {
        let loaded = try LoadedConfiguration(file: config)
        guard FileManager.default.fileExists(atPath: file) else { throw CLIError("Không tìm thấy tệp sao lưu \(file).") }
        do {
            let description = try NodeBackup.verify(URL(fileURLWithPath: file), expectedUnit: loaded.configuration.unit, signers: try loaded.backupSigners())
            print("Bản sao lưu \(file) dùng được: nút \(description.unit), lúc \(VietnamTime.displayText(description.createdAt)), "
                + "lược đồ \(description.schemaVersion), \(description.bundles) gói tin, chữ ký số của đơn vị hợp lệ.")
        } catch let error as BackupError {
            throw CLIError(error.message)
        }
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Phục hồi nút từ tệp sao lưu, sau khi kiểm tra chữ ký số (của đơn vị này, chứng thư còn hiệu lực) và nội dung; dữ liệu hiện tại được chuyển sang thư mục bên cạnh, không bị xóa.",
        discussion: "Dừng nút (baocao serve) trước khi phục hồi. Sau đó nút tự đồng bộ lại với cấp trên và cấp dưới."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút.")
    var config: String

    @Argument(help: "Tệp sao lưu (.zip).")
    var file: String

    func run() throws {
        let loaded = try LoadedConfiguration(file: config)
        guard FileManager.default.fileExists(atPath: file) else { throw CLIError("Không tìm thấy tệp sao lưu \(file).") }
        let signers = try loaded.backupSigners()
        do {
            let description = try NodeBackup.restore(from: URL(fileURLWithPath: file), into: loaded.dataDirectory,
                                                     expectedUnit: loaded.configuration.unit, signers: signers, now: Date())
            print("Đã phục hồi nút \(description.unit) từ bản sao lưu lúc \(VietnamTime.displayText(description.createdAt)) (\(description.bundles) gói tin).")
            print("Dữ liệu trước khi phục hồi được giữ ở \(loaded.dataDirectory).before-restore-*.")
        } catch let error as BackupError {
            throw CLIError(error.message)
        }
    }
}
