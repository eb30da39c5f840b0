import HummingbirdBcrypt
import Synchronization

/// A bcrypt hash of nothing anyone knows, one per cost, made once: a sign-in with an
/// unknown login is checked against it, so that it costs what a real check costs.
enum DecoyHash {
    private static let hashes = Mutex<[Int: String]>([:])

    static func hash(cost: Int) -> String {
        if let hash = hashes.withLock({ $0[cost] }) { return hash }
        let hash = Bcrypt.hash(String((0..<32).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! }), cost: UInt8(cost))
        hashes.withLock { $0[cost] = hash }
        return hash
    }
}
