import Foundation

/// A failing disk, on demand, for the durability tests: with `BAOCAO_FAIL_FSYNC=<suffix>`
/// in its environment, the process's every `fsync` of a path ending with that suffix fails
/// with `EIO`, as it does when the disk could not write the data back — the one failure
/// that no write call reports. Inert unless the variable is set, and only the tests set it
/// (like ``BaoCaoNode/CrashPoint``'s `BAOCAO_CRASH_AT`).
enum FsyncFault {
    private static let suffix = ProcessInfo.processInfo.environment["BAOCAO_FAIL_FSYNC"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether an `fsync` of `path` must fail now.
    static func strikes(_ path: String) -> Bool {
        guard let suffix else { return false }
        return path.hasSuffix(suffix)
    }
}
