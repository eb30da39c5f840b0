import BaoCaoBundle
import BaoCaoNode
import Foundation

/// A folder of trust as `baocao pki init-dev` writes it: `root.pem`, and when present
/// `registry.json`, `publishers.txt`, and the persons' CA `person-root.pem` with their
/// registrations `persons.json` — to check a bundle without a node.
enum TrustDirectory {
    static func bootstrap(at directory: String) throws -> NodeTrust.Bootstrap {
        let anchors = try BinaryFile.read((directory as NSString).appendingPathComponent("root.pem"), what: "chứng thư gốc")
        let registryPath = (directory as NSString).appendingPathComponent("registry.json")
        var registry = try FileManager.default.fileExists(atPath: registryPath)
            ? PKIFiles.decodeRegistry(BinaryFile.read(registryPath, what: "tệp đăng ký")) : SignerRegistry()
        let personRootPath = (directory as NSString).appendingPathComponent("person-root.pem")
        let personAnchors = FileManager.default.fileExists(atPath: personRootPath) ? try BinaryFile.read(personRootPath, what: "chứng thư gốc cá nhân") : nil
        let personsPath = (directory as NSString).appendingPathComponent(PersonRegistrationFile.fileName)
        if FileManager.default.fileExists(atPath: personsPath) {
            for entry in try PersonRegistrationFile.decode(BinaryFile.read(personsPath, what: "tệp đăng ký người ký")) {
                let certificate = try Certificate(pem: BinaryFile.read((directory as NSString).appendingPathComponent(entry.certificate), what: "chứng thư cá nhân"))
                registry.persons.append(RegisteredPerson(name: certificate.commonName ?? certificate.subject, title: entry.title, unit: entry.unit,
                                                         roles: entry.roles, certificates: [certificate.fingerprint]))
            }
        }
        let publishersPath = (directory as NSString).appendingPathComponent("publishers.txt")
        let publishers = FileManager.default.fileExists(atPath: publishersPath) ? PKIFiles.fingerprints(try TextFile.read(publishersPath)) : []
        return NodeTrust.Bootstrap(anchorsPEM: anchors, pinnedPublishers: publishers, registry: registry, personAnchorsPEM: personAnchors)
    }
}
