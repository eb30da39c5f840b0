import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation

extension UpdateCommand {
    /// `baocao update apply`: installs the waiting update on this machine, for every unit
    /// configured on it, keeping the previous version to roll back to (``UpdateInstaller``).
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cài bản cập nhật đang chờ (quyền root): kiểm tra lại chữ ký và gói, sao lưu cơ sở dữ liệu, cài, kiểm tra khởi động; lỗi thì quay lại phiên bản trước.",
            discussion: "Không có --config: mọi tệp *.yaml trong --config-dir, mỗi tệp một dịch vụ baocao@<tên>.service "
                + "(tệp của máy chủ chung — baocao host — là mọi đơn vị nó chạy). "
                + "--in-window: chỉ cài trong khung giờ bảo trì (update.window trong tệp cấu hình), như baocao-update.timer chạy.")

        @Option(name: .long, parsing: .singleValue, help: "Tệp cấu hình của một nút trên máy này. Lặp lại được.") var config: [String] = []
        @Option(name: .long, help: "Thư mục tệp cấu hình các nút.") var configDir: String = "/etc/baocao"
        @Option(name: .long, help: "Thư mục giữ gói cài đặt, bản sao cơ sở dữ liệu và nhật ký cập nhật.") var stateDir: String = "/var/lib/baocao/updates"
        @Option(name: .long, help: "Chương trình do gói cài đặt, dùng để kiểm tra khởi động.") var binary: String = "/usr/bin/baocao"
        @Option(name: .long, help: "Gói .deb của phiên bản đang chạy, để quay lại (cần cho lần cập nhật đầu tiên trên máy).") var previousPackage: String?
        @Flag(name: .long, help: "Chỉ cài khi đang trong khung giờ bảo trì.") var inWindow = false

        func run() throws {
            guard geteuid() == 0 else {
                throw ValidationError("Cài bản cập nhật cần quyền root (sudo baocao update apply): dịch vụ của nút không được phép cài phần mềm.")
            }
            let files = try configFiles()
            guard !files.isEmpty else { throw ValidationError("Không tìm thấy tệp cấu hình nút nào trong \(configDir).") }
            var units: [UpdateInstaller.Unit] = []
            var nodes: [(LoadedConfiguration, UpdateInstaller.Unit)] = []
            // A host's file stands for each of its units, all run by the host's one service.
            for node in try MachineConfigurations.nodes(of: files) {
                let loaded = try LoadedConfiguration(file: node.configPath)
                let unit = UpdateInstaller.Unit(name: node.service, configPath: node.configPath, databasePath: loaded.databasePath)
                units.append(unit)
                nodes.append((loaded, unit))
            }
            if inWindow {
                let windows = try nodes.compactMap { try $0.0.configuration.update?.window.map(MaintenanceWindow.init(parsing:)) }
                guard !windows.isEmpty else {
                    print("Chưa cấu hình khung giờ bảo trì (update.window); không tự cài bản cập nhật.")
                    return
                }
                guard windows.contains(where: { $0.contains(Date()) }) else {
                    print("Ngoài khung giờ bảo trì (\(windows.map(\.description).joined(separator: ", ")), giờ Việt Nam); chưa cài.")
                    return
                }
            }
            let installer = UpdateInstaller(units: units, settings: .init(stateDirectory: stateDir, binary: binary, previousPackage: previousPackage)) {
                print($0)
            }
            let installed = try installer.installedVersion()
            guard let update = try newestWaiting(in: nodes.map(\.0), newerThan: installed) else {
                print("Không có bản cập nhật phần mềm nào mới hơn phiên bản đang cài \(installed).")
                return
            }
            // A version that failed here once is not retried by the timer night after night:
            // an admin who has looked into it installs it by hand.
            if inWindow, let failed = UpdateHistory(stateDirectory: stateDir).entries()
                .last(where: { $0.to == update.content.version.description && $0.outcome != .installed && $0.outcome != .refused }) {
                print("Phiên bản \(update.content.version) đã cài thất bại lúc \(VietnamTime.displayText(failed.at)); không tự cài lại trong khung giờ bảo trì. "
                    + "Quản trị viên xem lý do (baocao update status) rồi cài bằng `baocao update apply`.")
                return
            }
            try installer.install(update, over: installed, now: { Date() })
        }

        private func configFiles() throws -> [String] {
            if !config.isEmpty { return config }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: configDir)) ?? []
            return names.filter { $0.hasSuffix(".yaml") }.sorted().map { (configDir as NSString).appendingPathComponent($0) }
        }

        /// The newest update any unit here took that is newer than what is installed, checked
        /// again against that unit's trust. Each database is given back to its owner after.
        private func newestWaiting(in nodes: [LoadedConfiguration], newerThan installed: SoftwareVersion) throws -> WaitingUpdate? {
            var best: WaitingUpdate?
            for loaded in nodes {
                guard let ownership = DatabaseOwnership(of: loaded.databasePath) else {
                    throw CLIError("Nút chưa được khởi tạo (không có \(loaded.databasePath)).")
                }
                defer { ownership.restore() }
                let store = try NodeStore.open(at: loaded.databasePath)
                defer { try? store.close() }
                let trust = try NodeTrust.load(store: store, bootstrap: try loaded.bootstrap(),
                                               clockTolerance: loaded.configuration.effectiveClockTolerance)
                do {
                    let waiting = try WaitingUpdate.newest(in: store, files: BundleFiles(dataDirectory: loaded.dataDirectory), trust: trust,
                                                           newerThan: installed, now: Date())
                    if best.map({ $0.content.version < waiting.content.version }) ?? true { best = waiting }
                } catch let error as NodeError where error.code == .noUpdateWaiting {
                    continue
                }
            }
            return best
        }
    }

    /// `baocao update check`: what a new version must pass before it is kept — run by the
    /// installer with the new binary, as the service's user, for every unit.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra khởi động của nút: mở và nâng cấp cơ sở dữ liệu, đọc cấu hình, khóa ký số và danh sách tin cậy.")

        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"

        func run() throws {
            let node = try NodeContext(configFile: config)
            let trust = try node.trust()
            if node.configuration.signing != nil { _ = try node.signingIdentity() }
            guard try node.store.passesIntegrityCheck() else {
                throw CLIError("Cơ sở dữ liệu \(node.loaded.databasePath) không đạt kiểm tra toàn vẹn.")
            }
            let release = trust.provinceRelease.map { "bản phát hành \($0.content.version)" } ?? "chưa có bản phát hành"
            print("Kiểm tra khởi động đạt: phiên bản \(BaoCaoVersion.current), đơn vị \(node.homeUnit), lược đồ \(try node.store.schemaVersion()), \(release).")
        }
    }
}
