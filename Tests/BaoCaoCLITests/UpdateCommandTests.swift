import BaoCaoCore
import Foundation
import Testing

/// Software updates down the hierarchy, with the real `baocao`, real signatures and USB
/// folders between a province, a district relay and a commune.
@Suite("baocao update: publish, USB down through a district, status, apply and roll back")
struct UpdateCommandTests {
    /// The name the test packages install under, so the machine's own packages are never touched.
    static let packageName = "baocao-updtest"
    static let binary = "/usr/bin/\(packageName)"

    /// A province, a district that relays and a commune, with the province release carried down.
    private func network() throws -> (SignedNetwork, province: String, district: String, commune: String) {
        let network = try SignedNetwork(units: ["157", "05290"])
        let province = try network.node("17")
        let district = try network.node("157")
        let commune = try network.node("05290")
        #expect(try network.run(["release", "publish", "--config", province]).status == 0)
        try carry(network, from: province, to: district, for: "157")
        try carry(network, from: district, to: commune, for: "05290")
        return (network, province, district, commune)
    }

    /// Should publish an update read from a real .deb, carry it down by USB through the
    /// district byte for byte, and show it waiting at the commune; an older version, or one
    /// whose stated version is not the package's, is refused with the reason.
    @Test func update_travelsDownByUSB_andWaitsAtTheCommune() throws {
        let (network, province, district, commune) = try network()
        let package = try Self.buildPackage(version: "0.2.0", script: "#!/bin/sh\necho 0.2.0\n", in: network.workspace.root)

        let mismatch = try network.run(["update", "publish", "--config", province, "--package", package, "--version", "0.3.0"])
        #expect(mismatch.status != 0)
        #expect(mismatch.error.contains("Số phiên bản --version 0.3.0 khác trường Version 0.2.0 của gói"), "\(mismatch.error)")

        let published = try network.run(["update", "publish", "--config", province, "--package", package, "--notes", "Sửa lỗi tổng hợp"])
        #expect(published.status == 0, "\(published.error)")
        #expect(published.output.contains("Đã phát hành bản cập nhật phần mềm phiên bản 0.2.0"), "\(published.output)")

        // A district cannot publish one: it takes updates from its parent.
        let byDistrict = try network.run(["update", "publish", "--config", district, "--package", package])
        #expect(byDistrict.status != 0 && byDistrict.error.contains("Chỉ tỉnh phát hành bản cập nhật phần mềm"), "\(byDistrict.error)")

        try carry(network, from: province, to: district, for: "157")
        try carry(network, from: district, to: commune, for: "05290")
        // The district relayed the very bundle the province signed.
        let ids = try ["17", "157", "05290"].map { unit in
            try SQLiteShell.query(network.workspace.path("data/\(unit)/baocao.sqlite"), "SELECT id FROM bundle WHERE kind = 'softwareUpdate'")
        }
        #expect(ids[0].trimmingCharacters(in: .whitespacesAndNewlines).count == 64 && ids[0] == ids[1] && ids[1] == ids[2], "\(ids)")

        let status = try network.run(["update", "status", "--config", commune])
        #expect(status.status == 0, "\(status.error)")
        #expect(status.output.contains("Phiên bản đang chạy: \(BaoCaoVersion.current)"), "\(status.output)")
        #expect(status.output.contains("Bản cập nhật đang chờ cài đặt: 0.2.0 (baocao-updtest_0.2.0_amd64.deb)"), "\(status.output)")
        #expect(status.output.contains("Ghi chú: Sửa lỗi tổng hợp"), "\(status.output)")
        let nodeStatus = try network.run(["status", "--config", commune])
        #expect(nodeStatus.output.contains("Phần mềm: phiên bản \(BaoCaoVersion.current); bản cập nhật 0.2.0 đang chờ cài đặt"), "\(nodeStatus.output)")

        // An older package is refused at the province already, the reason shown.
        let older = try Self.buildPackage(version: "0.1.5", script: "#!/bin/sh\necho 0.1.5\n", in: network.workspace.root)
        let refused = try network.run(["update", "publish", "--config", province, "--package", older])
        #expect(refused.status != 0)
        #expect(refused.error.contains("Bản cập nhật phần mềm phiên bản 0.1.5 cũ hơn phiên bản 0.2.0 đã nhận"), "\(refused.error)")

        // The same bundle carried again changes nothing.
        let again = try network.run(["import", "--config", commune, "usb-update"])
        #expect(again.status == 0)

        // The province lists the units that lag: all of them, none has synced since.
        let lagging = try network.run(["update", "status", "--config", province, "--lagging"])
        #expect(lagging.output.contains("Các đơn vị chạy phiên bản cũ hơn 0.2.0:"), "\(lagging.output)")
        #expect(lagging.output.contains("05290 "), "\(lagging.output)")
    }

    /// Should install the waiting update only with root, refuse on a full disk and without a
    /// package to roll back to (nothing changed), install for real with dpkg and pass the
    /// new binary's start-up check; then roll a failing version back: the previous package
    /// installed again and the database — which the failing version broke — restored.
    @Test(.enabled(if: geteuid() == 0 && TinyDisk.isPermitted, "needs root: dpkg -i and a tmpfs"))
    func apply_installsFromUSB_refusesOnFullDisk_andRollsBack() throws {
        let (network, province, district, commune) = try network()
        let root = network.workspace.root
        defer { _ = try? TinyDisk.run("/usr/bin/dpkg", ["--purge", Self.packageName]) }
        let real = CommandRunner.executable.path
        let good = { (version: String) in "#!/bin/sh\nif [ \"$1\" = --version ]; then echo \(version); exit 0; fi\nexec \(real) \"$@\"\n" }
        let database = network.workspace.path("data/05290/baocao.sqlite")
        // 0.3.0 passes its version but its start-up breaks the database and fails.
        let broken = "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 0.3.0; exit 0; fi\nprintf 'hong' > \(database)\necho 'lỗi giả lập: không mở được cơ sở dữ liệu' >&2\nexit 3\n"
        let v1 = try Self.buildPackage(version: "0.1.0", script: good("0.1.0"), in: root)
        let v2 = try Self.buildPackage(version: "0.2.0", script: good("0.2.0"), in: root)
        let v3 = try Self.buildPackage(version: "0.3.0", script: broken, in: root)
        _ = try TinyDisk.run("/usr/bin/dpkg", ["-i", v1])
        #expect(try Self.installedVersion() == "0.1.0")

        #expect(try network.run(["update", "publish", "--config", province, "--package", v2]).status == 0)
        try carry(network, from: province, to: district, for: "157")
        try carry(network, from: district, to: commune, for: "05290")
        let state = network.workspace.path("updates")
        let apply = { (extra: [String]) in
            try network.run(["update", "apply", "--config", commune, "--binary", Self.binary, "--state-dir", state] + extra)
        }

        // A full disk: refused before anything changes.
        let tiny = try TinyDisk(at: network.workspace.path("tiny"), kilobytes: 512)
        let full = try network.run(["update", "apply", "--config", commune, "--binary", Self.binary, "--state-dir", tiny.path, "--previous-package", v1])
        #expect(full.status != 0)
        #expect(full.error.contains("Không đủ dung lượng đĩa tại \(tiny.path)") && full.error.contains("phiên bản đang chạy vẫn chạy"), "\(full.output) \(full.error)")
        tiny.unmount()
        #expect(try Self.installedVersion() == "0.1.0")

        // The first update on the machine needs the running version's package to go back to.
        let without = try apply([])
        #expect(without.status != 0 && without.error.contains("Không có gói cài đặt của phiên bản đang chạy 0.1.0 để quay lại"), "\(without.error)")
        #expect(try Self.installedVersion() == "0.1.0")

        // The maintenance window: outside it the timer's run does nothing; inside it, it installs.
        let configText = try String(contentsOfFile: commune, encoding: .utf8)
        try (configText + "\nupdate:\n  window: \"\(Self.window(fromMinutes: 120, toMinutes: 180))\"\n").write(toFile: commune, atomically: true, encoding: .utf8)
        let outside = try apply(["--in-window", "--previous-package", v1])
        #expect(outside.status == 0 && outside.output.contains("Ngoài khung giờ bảo trì"), "\(outside.output) \(outside.error)")
        #expect(try Self.installedVersion() == "0.1.0")
        try (configText + "\nupdate:\n  window: \"\(Self.window(fromMinutes: -60, toMinutes: 60))\"\n").write(toFile: commune, atomically: true, encoding: .utf8)

        // One installation at a time: while another holds the machine's lock, nothing is done.
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let held = open(state + "/apply.lock", O_RDWR | O_CREAT, 0o644)
        #expect(held >= 0 && flock(held, LOCK_EX | LOCK_NB) == 0)
        let busy = try apply(["--in-window", "--previous-package", v1])
        #expect(busy.status != 0 && busy.error.contains("Đang có một lần cài bản cập nhật khác chạy trên máy này"), "\(busy.error)")
        close(held)
        #expect(try Self.installedVersion() == "0.1.0")

        let installed = try apply(["--in-window", "--previous-package", v1])
        #expect(installed.status == 0, "\(installed.output) \(installed.error)")
        #expect(installed.output.contains("Kiểm tra khởi động của node-05290 đạt."), "\(installed.output)")
        #expect(installed.output.contains("Đã cài đặt phiên bản 0.2.0; các kiểm tra khởi động đều đạt."), "\(installed.output)")
        #expect(try Self.installedVersion() == "0.2.0")
        let nothing = try apply([])
        #expect(nothing.status == 0 && nothing.output.contains("Không có bản cập nhật phần mềm nào mới hơn phiên bản đang cài 0.2.0."), "\(nothing.output)")

        // 0.3.0 arrives the same way and fails its start-up check: 0.2.0 comes back, kept from the last update.
        #expect(try network.run(["update", "publish", "--config", province, "--package", v3]).status == 0)
        try carry(network, from: province, to: district, for: "157")
        try carry(network, from: district, to: commune, for: "05290")
        let before = try SQLiteShell.dump(database)
        let failed = try apply([])
        #expect(failed.status != 0)
        #expect(failed.error.contains("Cập nhật lên phiên bản 0.3.0 thất bại và đã quay lại phiên bản 0.2.0."), "\(failed.output) \(failed.error)")
        #expect(failed.error.contains("lỗi giả lập: không mở được cơ sở dữ liệu"), "\(failed.error)")
        #expect(try Self.installedVersion() == "0.2.0")
        #expect(try SQLiteShell.dump(database) == before)
        #expect(before.contains("CREATE TABLE softwareUpdate"))
        let status = try network.run(["update", "status", "--config", commune, "--state-dir", state])
        #expect(status.status == 0, "\(status.error)")
        #expect(status.output.contains("cài phiên bản 0.3.0 thất bại, đã quay lại phiên bản 0.2.0. Lý do:"), "\(status.output)")
        // The timer does not try the failed version again night after night.
        let retry = try apply(["--in-window"])
        #expect(retry.status == 0 && retry.output.contains("Phiên bản 0.3.0 đã cài thất bại lúc"), "\(retry.output) \(retry.error)")
        #expect(try Self.installedVersion() == "0.2.0")
        // The commune's own start-up check still passes on the restored database.
        #expect(try network.run(["update", "check", "--config", commune]).status == 0)
    }

    // MARK: - Helpers

    /// Builds a real Debian package with `dpkg-deb --build` that installs `script` as the test binary.
    static func buildPackage(version: String, script: String, in root: URL) throws -> String {
        let tree = root.appendingPathComponent("pkg-\(version)-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: tree.appendingPathComponent("DEBIAN"), withIntermediateDirectories: true)
        try manager.createDirectory(at: tree.appendingPathComponent("usr/bin"), withIntermediateDirectories: true)
        try """
            Package: \(packageName)
            Version: \(version)
            Architecture: amd64
            Maintainer: BaoCao <baocao@example.vn>
            Description: goi thu nghiem cap nhat BaoCao

            """.write(to: tree.appendingPathComponent("DEBIAN/control"), atomically: true, encoding: .utf8)
        let program = tree.appendingPathComponent("usr/bin/\(packageName)")
        try script.write(to: program, atomically: true, encoding: .utf8)
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        let output = root.appendingPathComponent("\(packageName)_\(version)_amd64.deb").path
        _ = try TinyDisk.run("/usr/bin/dpkg-deb", ["--root-owner-group", "--build", tree.path, output])
        return output
    }

    /// A maintenance window `HH:MM-HH:MM` in Vietnam's time, from and to so many minutes from now.
    static func window(fromMinutes start: Int, toMinutes end: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let text = { (minutes: Int) -> String in
            let parts = calendar.dateComponents([.hour, .minute], from: Date().addingTimeInterval(TimeInterval(minutes * 60)))
            return String(format: "%02d:%02d", parts.hour!, parts.minute!)
        }
        return "\(text(start))-\(text(end))"
    }

    static func installedVersion() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dpkg-query")
        process.arguments = ["-W", "-f=${Version}", packageName]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Exports what waits at one node (down to `child`) and imports it at the other.
    private func carry(_ network: SignedNetwork, from source: String, to target: String, for child: String) throws {
        let folder = "usb-update"
        try? FileManager.default.removeItem(atPath: network.workspace.path(folder))
        let exported = try network.run(["export", "--config", source, "--to", folder, "--for", child])
        #expect(exported.status == 0, "\(exported.error)")
        let imported = try network.run(["import", "--config", target, folder])
        #expect(imported.status == 0 && !imported.output.contains("rejected") && !imported.output.contains("từ chối"),
                "\(imported.output) \(imported.error)")
    }
}
