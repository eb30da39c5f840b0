import BaoCaoBundle
import BaoCaoNode
import Foundation

/// A folder of trust as `baocao pki init-dev` writes it: `root.pem`, and when present
/// `registry.json` and `publishers.txt` — to check a bundle without a node.
enum TrustDirectory {
    static func bootstrap(at directory: String) throws -> NodeTrust.Bootstrap {
        let anchors = try BinaryFile.read((directory as NSString).appendingPathComponent("root.pem"), what: "chứng thư gốc")
        let registryPath = (directory as NSString).appendingPathComponent("registry.json")
        let registry = try FileManager.default.fileExists(atPath: registryPath)
            ? PKIFiles.decodeRegistry(BinaryFile.read(registryPath, what: "tệp đăng ký")) : SignerRegistry()
        let publishersPath = (directory as NSString).appendingPathComponent("publishers.txt")
        let publishers = FileManager.default.fileExists(atPath: publishersPath) ? PKIFiles.fingerprints(try TextFile.read(publishersPath)) : []
        return NodeTrust.Bootstrap(anchorsPEM: anchors, pinnedPublishers: publishers, registry: registry)
    }
}
