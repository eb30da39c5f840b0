import Foundation

/// Where the committed fuzzing files are: `Tests/Fuzz` of the checkout this module was
/// built from (found from this file's path, as the tests find their fixtures).
public enum FuzzFiles {
    /// `Tests/Fuzz`.
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Fuzz")

    /// `Tests/Fuzz/corpus/<target>`: inputs that reach distinct coverage.
    public static func corpus(_ target: FuzzTarget) -> URL {
        directory.appendingPathComponent("corpus").appendingPathComponent(target.rawValue)
    }

    /// `Tests/Fuzz/regressions/<target>`: every input that ever crashed the target.
    public static func regressions(_ target: FuzzTarget) -> URL {
        directory.appendingPathComponent("regressions").appendingPathComponent(target.rawValue)
    }

    /// `Tests/Fuzz/trust`: the public half of the development PKI the bundle seeds are
    /// signed with (`root.pem`, `registry.json`, `publishers.txt`); no private key.
    public static var trust: URL { directory.appendingPathComponent("trust") }
}
