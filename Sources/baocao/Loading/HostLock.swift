import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The lock a running host holds on its `host.yaml` (`flock` on the file itself, opened
/// read-only: the service may write nothing beside its configuration): moving a unit out or
/// in takes it too, so a unit is never copied or replaced while its node runs. The kernel
/// drops it when the process ends, however it ends.
final class HostLock {
    private let descriptor: Int32

    /// Takes the lock at once or throws `busy` (in Vietnamese, naming the file).
    init(hostFile: String, busy: String) throws {
        descriptor = open(hostFile, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CLIError("Không mở được tệp \(hostFile): \(String(cString: strerror(errno))).") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw CLIError(busy)
        }
    }

    deinit { close(descriptor) }
}
