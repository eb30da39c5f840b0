import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Khởi tạo nút: tạo thư mục dữ liệu và cơ sở dữ liệu từ tệp cấu hình.",
        discussion: "Chạy lại lần nữa không thay đổi gì. Mọi tệp được kiểm tra trước khi ghi bất cứ thứ gì."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút (YAML).")
    var config: String

    func run() throws {
        let loaded = try LoadedConfiguration(file: config)
        // Check everything before creating anything, so bad input leaves no trace.
        let (topology, catalog) = try loaded.loadSources()
        // The web interface beyond the loopback only over HTTPS, with an identity that reads.
        _ = try (loaded.configuration.network ?? NetworkConfiguration()).localListenAddress()
        _ = try loaded.localTLSIdentity()
        do {
            // 0700: the database, bundles and uploads are for the node's own account only.
            try DurableFile.createFolder(URL(fileURLWithPath: loaded.dataDirectory))
        } catch {
            throw CLIError("Không tạo được thư mục dữ liệu \(loaded.dataDirectory): \(error.localizedDescription)")
        }
        let store = try NodeStore.open(at: loaded.databasePath)
        let unit = topology.unit(code: loaded.configuration.unit)!
        switch try NodeSetup.initialize(store, unit: unit, topology: topology, catalog: catalog,
                                        configuration: try TextFile.read(config), file: config, at: Date()) {
        case .initialized:
            print("Đã khởi tạo nút \(unit.name) (\(unit.code)) tại \(loaded.databasePath).")
            print("Đã nạp \(topology.units.count) đơn vị, \(catalog.indicators.count) chỉ tiêu, \(catalog.regimes.count) chế độ báo cáo.")
        case .alreadyInitialized:
            print("Nút \(unit.name) (\(unit.code)) đã được khởi tạo trước đó; không thay đổi gì.")
        }
    }
}
