import BaoCaoCore
import Foundation

/// One installation at a time on a machine: the timer's run inside the window and an
/// admin's `baocao update apply` must never stop services, copy databases or call dpkg
/// together. An advisory lock (`flock`) on `<state>/apply.lock`, let go when the process
/// ends however it ends, so a crash never leaves the machine locked.
struct InstallLock {
    private let descriptor: Int32

    /// #### Errors
    /// ``ErrorCode/updateInstallFailed`` when another installation holds the lock.
    init(in stateDirectory: String) throws {
        let path = (stateDirectory as NSString).appendingPathComponent("apply.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw NodeError.updateStep("mở \(path)", detail: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw NodeError(.updateInstallFailed, message: "Đang có một lần cài bản cập nhật khác chạy trên máy này; chưa cài. Thử lại sau khi lần đó xong.",
                            log: "another update installation holds \(path)")
        }
        self.descriptor = descriptor
    }

    func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
