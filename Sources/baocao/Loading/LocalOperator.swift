import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The person at the server's shell, as the operating system knows them: their user name
/// and id, and the machine, for the audit log of what they do without signing in.
enum LocalOperator {
    static var name: String {
        let uid = getuid()
        var user = "uid \(uid)"
        if let entry = getpwuid(uid), let login = entry.pointee.pw_name { user = "\(String(cString: login)) (uid \(uid))" }
        return "\(user) tại \(ProcessInfo.processInfo.hostName)"
    }
}
