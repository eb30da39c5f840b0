import BaoCaoCore
import Foundation

extension ErrorCode where Domain == NodeDomain {
    /// A step of installing an update failed; what was installed before stays (or is put back).
    public static let updateInstallFailed = Self("updateInstallFailed")
    /// No update waits: none taken, or none newer than the program running.
    public static let noUpdateWaiting = Self("noUpdateWaiting")
    /// Not enough free disk space to install an update and keep what rolling back needs.
    public static let updateDiskSpace = Self("updateDiskSpace")
}

extension NodeError {
    /// A step of an update that failed: which, and what the program said.
    public static func updateStep(_ step: String, detail: String, file: String = #fileID, line: UInt = #line) -> NodeError {
        let detail = detail.trimmingCharacters(in: .whitespacesAndNewlines)
        return NodeError(.updateInstallFailed, message: "Cập nhật phần mềm: không \(step) được" + (detail.isEmpty ? "." : ": \(detail)"),
                         log: "update step failed: \(step): \(detail)", file: file, line: line)
    }
}
