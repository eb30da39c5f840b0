import Foundation

/// A tiny filesystem (tmpfs) mounted over a node's data directory, to fill up or make
/// read-only. Mounting needs root (CAP_SYS_ADMIN); ``isPermitted`` tells whether this
/// process may, and tests that need it are skipped otherwise.
///
/// The mount is undone by ``unmount()`` (or when the value goes away), lazily if a
/// process still holds it open, so that no test leaves a mount behind.
final class TinyDisk {
    let path: String
    /// Kept alive until the disk is unmounted: its clean-up deletes the folder holding the mount.
    private let owner: AnyObject?
    private var mounted = false

    var fillerPath: String { path + "/filler.bin" }

    /// Whether this process can mount a tmpfs (root in a container that allows it).
    static let isPermitted: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-mount-probe-\(UUID().uuidString)").path
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe])) != nil else { return false }
        return (try? run("/bin/umount", [probe])) != nil
    }()

    /// Mounts a tmpfs of `kilobytes` at `path` (created if need be).
    init(at path: String, kilobytes: Int, owner: AnyObject? = nil) throws {
        self.path = path
        self.owner = owner
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0755", "tmpfs", path])
        mounted = true
    }

    deinit { unmount() }

    /// Bytes still free on the disk.
    var freeBytes: Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Writes a filler file so that only about `bytes` stay free (whole pages).
    func fill(leaving bytes: Int) throws {
        removeFiller()
        let size = freeBytes - bytes
        guard size > 0 else { return }
        try Data(repeating: 0xA5, count: size).write(to: URL(fileURLWithPath: fillerPath))
        guard abs(freeBytes - bytes) <= 64 << 10 else {
            throw SignedNetwork.CLIFailure("could not fill \(path): \(freeBytes) bytes free, wanted \(bytes)")
        }
    }

    /// Space returns: the filler file is deleted.
    func removeFiller() {
        try? FileManager.default.removeItem(atPath: fillerPath)
    }

    /// `mount -o remount,ro` (or back to `rw`).
    func remount(readOnly: Bool) throws {
        try Self.run("/bin/mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", path])
    }

    func unmount() {
        guard mounted else { return }
        if (try? Self.run("/bin/umount", [path])) == nil {
            _ = try? Self.run("/bin/umount", ["-l", path])   // still busy: detach now, freed when released
        }
        mounted = false
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SignedNetwork.CLIFailure("\(tool) \(arguments.joined(separator: " ")): \(String(decoding: error, as: UTF8.self))")
        }
        return ""
    }
}
