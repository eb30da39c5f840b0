import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// Installs a waiting update on this machine, keeping what is needed to go back (run as
/// root by `baocao update apply`; the node services run as an unprivileged user with
/// NoNewPrivileges and cannot install anything themselves):
///
/// 1. the architecture and free disk space are checked first — on a full disk nothing
///    changes and the old version keeps running;
/// 2. the previous version's package must be at hand (kept from the last update, or named
///    by the admin): without it there would be nothing to roll back to, so nothing is done;
/// 3. the new package is written under the state directory and read back by `dpkg-deb`;
/// 4. the units' services are stopped and each database copied and checked;
/// 5. `dpkg -i` installs the new package;
/// 6. the new binary must report the update's version and pass `update check` for every
///    unit (it opens and migrates the database, reads the configuration, keys and trust);
/// 7. on any failure after step 4: the previous package is installed again, every database
///    put back from its copy, the services started, and "rolled back" recorded with the reason.
///
/// Every step is logged in Vietnamese and the outcome is appended to ``UpdateHistory``.
public struct UpdateInstaller: Sendable {
    /// One unit configured on this machine.
    public struct Unit: Sendable {
        /// The systemd instance (`baocao@<name>.service`): the configuration file's name without
        /// `.yaml` — for a unit hosted with others, the host file's (every unit of a host shares it).
        public let name: String
        public let configPath: String
        public let databasePath: String

        public init(name: String, configPath: String, databasePath: String) {
            self.name = name
            self.configPath = configPath
            self.databasePath = databasePath
        }
    }

    public struct Settings: Sendable {
        /// Where packages, database copies and the history are kept. The default is `/var/lib/baocao/updates`.
        public var stateDirectory: String
        /// The program the package installs, run for the start-up checks. The default is `/usr/bin/baocao`.
        public var binary: String
        /// The running version's package, when none is kept yet (the first update on a machine).
        public var previousPackage: String?
        /// Free space kept beyond what the update needs, in bytes. The default is 64 MiB.
        public var margin: Int

        public init(stateDirectory: String = "/var/lib/baocao/updates", binary: String = "/usr/bin/baocao",
                    previousPackage: String? = nil, margin: Int = 64 << 20) {
            self.stateDirectory = stateDirectory
            self.binary = binary
            self.previousPackage = previousPackage
            self.margin = margin
        }

        var packagesDirectory: String { (stateDirectory as NSString).appendingPathComponent("packages") }
        var backupsDirectory: String { (stateDirectory as NSString).appendingPathComponent("backups") }
    }

    public let units: [Unit]
    public let settings: Settings
    public let log: @Sendable (String) -> Void

    public init(units: [Unit], settings: Settings, log: @escaping @Sendable (String) -> Void) {
        self.units = units
        self.settings = settings
        self.log = log
    }

    /// The version installed: that of the Debian package the program belongs to, its
    /// revision included (`0.1.0-2`), as updates are numbered; where no package holds the
    /// program, what the program reports.
    public func installedVersion() throws -> SoftwareVersion {
        if let packaged = packagedVersion() { return packaged }
        return try programVersion()
    }

    /// What the program says it is (`<binary> --version`): the version of its source, which
    /// a package's Debian revision does not change.
    func programVersion() throws -> SoftwareVersion {
        let run = try SystemCommand.run(settings.binary, ["--version"])
        guard run.status == 0 else { throw NodeError.updateStep("đọc phiên bản của \(settings.binary)", detail: run.output) }
        return try SoftwareVersion(parsing: run.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The version of the installed Debian package holding the program (`dpkg-query`), or
    /// `nil` when dpkg knows of none.
    private func packagedVersion() -> SoftwareVersion? {
        guard let owner = try? SystemCommand.run("/usr/bin/dpkg-query", ["-S", settings.binary]), owner.status == 0,
              let line = owner.output.split(separator: "\n").first(where: { !$0.hasPrefix("diversion") }),
              let name = line.split(separator: ":").first.map({ $0.trimmingCharacters(in: .whitespaces) }), !name.isEmpty,
              let version = try? SystemCommand.run("/usr/bin/dpkg-query", ["-W", "-f=${Version}", name]), version.status == 0 else { return nil }
        return try? SoftwareVersion(parsing: version.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Installs `update` over `installed`, or puts everything back; returns what happened.
    ///
    /// #### Errors
    /// A ``NodeError`` saying why the update was refused (nothing changed) or rolled back
    /// (the previous version runs again); the history holds the same.
    @discardableResult
    public func install(_ update: WaitingUpdate, over installed: SoftwareVersion, now: @Sendable () -> Date) throws -> UpdateHistory.Entry {
        let history = UpdateHistory(stateDirectory: settings.stateDirectory)
        let (from, to) = (installed.description, update.content.version.description)
        func refuse(_ error: NodeError) throws -> Never {
            log("Không cài đặt: \(error.message)")
            try? history.append(.init(at: now(), from: from, to: to, outcome: .refused, reason: error.message))
            throw error
        }
        log("Bắt đầu cập nhật từ phiên bản \(from) lên \(to) (\(update.content.packageName)).")
        let previous: String
        let newPackage: String
        let lock: InstallLock
        do {
            for folder in [settings.stateDirectory, settings.packagesDirectory, settings.backupsDirectory] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            lock = try InstallLock(in: settings.stateDirectory)
        } catch let error as NodeError {
            try refuse(error)
        } catch {
            try refuse(NodeError.updateStep("chuẩn bị cập nhật", detail: "\(error)"))
        }
        defer { lock.release() }
        do {
            try checkArchitecture(update.content)
            try checkDiskSpace(for: update)
            previous = try previousPackage(version: installed)
            newPackage = try keep(update)
            let (old, new) = (try DebianPackage.read(previous), try DebianPackage.read(newPackage))
            guard new.version == update.content.version, new.name == old.name else {
                throw NodeError.updateStep("dùng gói \(update.content.packageName)",
                                           detail: "gói ghi \(new.name) \(new.version), cần \(old.name) \(update.content.version)")
            }
        } catch let error as NodeError {
            try refuse(error)
        } catch {
            try refuse(NodeError.updateStep("chuẩn bị cập nhật", detail: "\(error)"))
        }
        let control = ServiceControl(log: log)
        control.stop(units.map(\.name))
        var snapshots: [DatabaseSnapshot] = []
        do {
            for unit in units {
                snapshots.append(try DatabaseSnapshot.take(of: unit.databasePath, into: settings.backupsDirectory, named: "\(unit.name)-truoc-\(to).sqlite"))
                log("Đã sao lưu và kiểm tra cơ sở dữ liệu của \(unit.name).")
            }
        } catch let error as NodeError {
            control.start(units.map(\.name))
            try refuse(error)
        }
        do {
            try dpkgInstall(newPackage)
            try checkStartUp(expecting: update.content.version, snapshots: snapshots)
        } catch {
            let reason = (error as? NodeError)?.message ?? "\(error)"
            try rollBack(to: previous, version: installed, snapshots: snapshots, reason: reason, from: from, to: to,
                                history: history, control: control, now: now)
        }
        control.start(units.map(\.name))
        prune(keeping: [previous, newPackage])
        let entry = UpdateHistory.Entry(at: now(), from: from, to: to, outcome: .installed, reason: nil)
        try? history.append(entry)
        log("Đã cài đặt phiên bản \(to); các kiểm tra khởi động đều đạt.")
        return entry
    }

    private func rollBack(to previous: String, version installed: SoftwareVersion, snapshots: [DatabaseSnapshot], reason: String,
                          from: String, to: String, history: UpdateHistory, control: ServiceControl, now: @Sendable () -> Date) throws -> Never {
        log("Cập nhật thất bại: \(reason)")
        log("Quay lại phiên bản \(from)…")
        var problems: [String] = []
        do { try dpkgInstall(previous) } catch { problems.append((error as? NodeError)?.message ?? "\(error)") }
        for snapshot in snapshots {
            do {
                try snapshot.restore()
                log("Đã khôi phục cơ sở dữ liệu \(snapshot.databasePath).")
            } catch {
                problems.append((error as? NodeError)?.message ?? "\(error)")
            }
        }
        if problems.isEmpty, let back = try? installedVersion(), back != installed {
            problems.append("chương trình sau khi quay lại báo phiên bản \(back), không phải \(installed)")
        }
        control.start(units.map(\.name))
        if problems.isEmpty {
            try? history.append(.init(at: now(), from: from, to: to, outcome: .rolledBack, reason: reason))
            log("Đã quay lại phiên bản \(from).")
            throw NodeError(.updateInstallFailed, message: "Cập nhật lên phiên bản \(to) thất bại và đã quay lại phiên bản \(from). Lý do: \(reason)",
                            log: "update to \(to) rolled back to \(from): \(reason)")
        }
        let detail = "\(reason); quay lại cũng lỗi: \(problems.joined(separator: "; ")). Bản sao cơ sở dữ liệu ở \(settings.backupsDirectory)."
        try? history.append(.init(at: now(), from: from, to: to, outcome: .rollbackFailed, reason: detail))
        throw NodeError(.updateInstallFailed, message: "Cập nhật lên phiên bản \(to) thất bại và chưa quay lại được phiên bản \(from): \(detail)",
                        log: "update to \(to) failed and rollback failed: \(detail)")
    }

    private func checkArchitecture(_ content: UpdateContent) throws {
        guard content.architecture != "all" else { return }
        let run = try SystemCommand.run("/usr/bin/dpkg", ["--print-architecture"])
        let machine = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard run.status == 0, machine == content.architecture else {
            throw NodeError.updateStep("dùng gói cho kiến trúc \(content.architecture)", detail: "máy này là \(machine)")
        }
    }

    /// Room for the package kept, a copy of every database, and dpkg's unpacking.
    private func checkDiskSpace(for update: WaitingUpdate) throws {
        let databases = units.reduce(0) { total, unit in
            total + ["", "-wal"].reduce(0) { $0 + Self.size(of: unit.databasePath + $1) }
        }
        let needs: [(String, Int)] = [(settings.stateDirectory, update.package.count + databases + settings.margin),
                                      ("/usr", 4 * update.package.count + settings.margin)]
        for (path, needed) in needs {
            let free = Self.freeSpace(at: path)
            guard free >= needed else {
                throw NodeError(.updateDiskSpace,
                    message: "Không đủ dung lượng đĩa tại \(path): cần \(needed / (1 << 20)) MiB, còn \(free / (1 << 20)) MiB. Chưa thay đổi gì; phiên bản đang chạy vẫn chạy.",
                    log: "update needs \(needed) bytes at \(path), \(free) free")
            }
        }
    }

    /// The running version's package: named by the admin, or kept from the last update.
    private func previousPackage(version installed: SoftwareVersion) throws -> String {
        if let named = settings.previousPackage {
            let info = try DebianPackage.read(named)
            guard info.version == installed else {
                throw NodeError.updateStep("dùng \(named) làm gói để quay lại", detail: "gói là phiên bản \(info.version), đang cài \(installed)")
            }
            let kept = (settings.packagesDirectory as NSString).appendingPathComponent("\(info.name)_\(info.version)_\(info.architecture).deb")
            if kept != named {
                try? FileManager.default.removeItem(atPath: kept)
                try FileManager.default.copyItem(atPath: named, toPath: kept)
            }
            return kept
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: settings.packagesDirectory)) ?? []
        for name in names.sorted() where name.hasSuffix(".deb") {
            let path = (settings.packagesDirectory as NSString).appendingPathComponent(name)
            if (try? DebianPackage.read(path))?.version == installed { return path }
        }
        throw NodeError(.updateInstallFailed,
            message: "Không có gói cài đặt của phiên bản đang chạy \(installed) để quay lại nếu bản mới lỗi; chưa cài đặt. "
                + "Lần cập nhật đầu tiên trên máy này: chỉ định gói đã dùng để cài (--previous-package baocao_\(installed)_amd64.deb).",
            log: "no package of installed version \(installed) kept in \(settings.packagesDirectory)")
    }

    /// Writes the new package under the state directory, durably.
    private func keep(_ update: WaitingUpdate) throws -> String {
        let name = (update.content.packageName as NSString).lastPathComponent
        let safe = name.hasSuffix(".deb") && !name.hasPrefix(".") ? name : "baocao_\(update.content.version).deb"
        let path = (settings.packagesDirectory as NSString).appendingPathComponent(safe)
        let staged = path + ".tmp"
        try? FileManager.default.removeItem(atPath: staged)
        do {
            try update.package.write(to: URL(fileURLWithPath: staged))
            try SystemFile.fsync(path: staged)
            guard rename(staged, path) == 0 else { throw NodeError.updateStep("lưu gói \(path)", detail: String(cString: strerror(errno))) }
        } catch let error as NodeError {
            throw error
        } catch {
            throw NodeError.updateStep("lưu gói \(path)", detail: "\(error)")
        }
        log("Đã lưu gói cài đặt \(path) (\(update.package.count) byte, SHA-256 khớp).")
        return path
    }

    private func dpkgInstall(_ package: String) throws {
        log("Cài gói \(package) bằng dpkg…")
        let run = try SystemCommand.run("/usr/bin/dpkg", ["-i", package],
                                        environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive"])
        guard run.status == 0 else { throw NodeError.updateStep("cài gói \(package)", detail: run.output) }
    }

    /// The new binary runs, states the update's version and passes every unit's start-up check,
    /// run as the database's owner (the service's user) so nothing it makes belongs to root.
    private func checkStartUp(expecting version: SoftwareVersion, snapshots: [DatabaseSnapshot]) throws {
        // The new program runs and is of the update's version (a package's revision aside),
        // and the package installed is the update's.
        let reported = try programVersion()
        guard (reported.major, reported.minor, reported.patch) == (version.major, version.minor, version.patch) else {
            throw NodeError.updateStep("kiểm tra phiên bản sau khi cài", detail: "chương trình báo \(reported), cần \(version)")
        }
        let installed = try installedVersion()
        guard installed == version else {
            throw NodeError.updateStep("kiểm tra phiên bản sau khi cài", detail: "gói đã cài là \(installed), cần \(version)")
        }
        for (unit, snapshot) in zip(units, snapshots) {
            let check = [settings.binary, "update", "check", "--config", unit.configPath]
            let run = if let user = snapshot.ownerName {
                try SystemCommand.run("/usr/sbin/runuser", ["-u", user, "--"] + check)
            } else {
                try SystemCommand.run(check[0], Array(check.dropFirst()))
            }
            snapshot.restoreOwnership()
            guard run.status == 0 else { throw NodeError.updateStep("khởi động phiên bản \(version) cho \(unit.name)", detail: run.output) }
            log("Kiểm tra khởi động của \(unit.name) đạt.")
        }
    }

    /// Removes kept packages other than `keeping` (the version installed and the one before).
    private func prune(keeping: [String]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: settings.packagesDirectory)) ?? []
        for name in names where name.hasSuffix(".deb") {
            let path = (settings.packagesDirectory as NSString).appendingPathComponent(name)
            if !keeping.contains(path) { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func freeSpace(at path: String) -> Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }
}
