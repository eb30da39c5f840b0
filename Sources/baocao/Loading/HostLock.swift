import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The lock a running host holds on its `host.yaml` (`<host.yaml>.lock`, `flock`): moving a
/// unit out or in takes it too, so a unit is never copied or replaced while its node runs.
/// The kernel drops it when the process ends, however it ends.
final class HostLock {
    private let descriptor: Int32

    /// Takes the lock at once or throws `busy` (in Vietnamese, naming the file).
    init(hostFile: String, busy: String) throws {
        let path = hostFile + ".lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CLIError("Không mở được tệp khóa \(path): \(String(cString: strerror(errno))).") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw CLIError(busy)
        }
    }

    deinit { close(descriptor) }
}
