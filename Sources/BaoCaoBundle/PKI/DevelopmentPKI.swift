import BaoCaoCore
import Foundation

/// A complete PKI for development and small deployments, made from a topology: a root
/// CA, and for every unit a signing identity and a node TLS identity naming the unit's own
/// host names (by default ``hostName(of:)``; never a name shared by every node, such as
/// `localhost`) and an encryption identity records are sealed to (``SealedEnvelope``), plus
/// the registry of signing-certificate fingerprints and encryption certificates a release
/// carries.
///
/// Layout written by ``write(to:)``:
/// ```
/// root.pem  root.key            the CA (keep root.key offline in production)
/// registry.json                 unit → signing-certificate fingerprints (and encryption certificates)
/// publishers.txt                fingerprints that may sign the first release
/// units/<code>/signing.pem|key  the unit's signing identity
/// units/<code>/node.pem|key     the unit's node TLS identity (server and client)
/// units/<code>/encryption.pem|key  the unit's encryption identity (keyEncipherment or keyAgreement)
/// revoked.json, crl.pem         later, what the CA revoked and its CRL (``AuthorityRevocations``)
/// ```
/// and, when made with persons (``make(topology:unitCodes:keyKind:now:validityDays:hostNames:persons:)``):
/// ```
/// person-root.pem  person-root.key         a separate CA for persons' certificates
/// units/<code>/persons/<login>.pem|key     the unit's leader and aggregator
/// persons.json                             their registrations, for `release publish --persons`
/// ```
public struct DevelopmentPKI: Sendable {
    public struct UnitIdentities: Sendable {
        public let signing: SigningIdentity
        public let node: SigningIdentity
        /// The key and certificate records are sealed to: issued by the same root, with the
        /// ``CertificateProfile/encryption`` profile (never the signing key).
        public let encryption: SigningIdentity
    }

    public let root: SigningIdentity
    public let units: [UnitCode: UnitIdentities]
    public let publisher: String
    /// The CA of persons' certificates, standing in for the government CA.
    public let personRoot: SigningIdentity?
    /// Each unit's persons, when made with them.
    public let persons: [UnitCode: [DevelopmentPerson]]

    /// Makes every key and certificate. RSA keys take a moment each; EC keys are quick.
    public static func make(topology: Topology, unitCodes: [UnitCode]? = nil, keyKind: PrivateKey.Kind,
                            now: Date, validityDays: Int = 730, hostNames: [UnitCode: [String]] = [:],
                            persons withPersons: Bool = false) throws -> DevelopmentPKI {
        guard let province = topology.roots.first else { throw BundleError.invalidRelease("danh sách đơn vị trống") }
        let rootKey = try PrivateKey.generate(keyKind)
        let start = now.addingTimeInterval(-3600)
        let rootCertificate = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "CA Hệ thống thông tin báo cáo \(province.name)", unitCode: province.code.rawValue),
            key: rootKey, validity: DateInterval(start: start, duration: 3650 * 86_400))
        let root = try SigningIdentity(key: rootKey, certificate: rootCertificate)
        let validity = DateInterval(start: start, duration: TimeInterval(validityDays) * 86_400)
        var units: [UnitCode: UnitIdentities] = [:]
        let wanted = Set(unitCodes ?? topology.units.map(\.code))
        for unit in topology.units where wanted.contains(unit.code) {
            let subject = DistinguishedName(commonName: unit.name, unitCode: unit.code.rawValue)
            let signingKey = try PrivateKey.generate(keyKind)
            let signing = try SigningIdentity(key: signingKey, certificate: CertificateAuthority.issue(
                for: signingKey, subject: subject, profile: .signing, validity: validity, issuer: root), chain: [])
            let nodeKey = try PrivateKey.generate(keyKind)
            let node = try SigningIdentity(key: nodeKey, certificate: CertificateAuthority.issue(
                for: nodeKey, subject: subject, profile: .node(hosts: hostNames[unit.code] ?? [hostName(of: unit.code)]), validity: validity, issuer: root))
            let encryptionKey = try PrivateKey.generate(keyKind)
            let encryption = try SigningIdentity(key: encryptionKey, certificate: CertificateAuthority.issue(
                for: encryptionKey, subject: subject, profile: .encryption, validity: validity, issuer: root))
            units[unit.code] = UnitIdentities(signing: signing, node: node, encryption: encryption)
        }
        guard let publisher = units[province.code]?.signing.certificate.fingerprint else {
            throw BundleError.invalidRelease("danh sách đơn vị phải gồm cả cấp tỉnh \(province.code)")
        }
        var personRoot: SigningIdentity?
        var persons: [UnitCode: [DevelopmentPerson]] = [:]
        if withPersons {
            let made = try DevelopmentPerson.makeAuthority(keyKind: keyKind, validity: DateInterval(start: start, duration: 3650 * 86_400))
            personRoot = made
            for unit in topology.units where wanted.contains(unit.code) {
                persons[unit.code] = try DevelopmentPerson.standard(for: unit, keyKind: keyKind, validity: validity, issuer: made)
            }
        }
        return DevelopmentPKI(root: root, units: units, publisher: publisher, personRoot: personRoot, persons: persons)
    }

    /// A unit's host name when none is given: `<code>.baocao.test` (a reserved test
    /// domain, RFC 2606), e.g. `157.baocao.test` — one name per unit.
    public static func hostName(of unit: UnitCode) -> String {
        "\(unit.rawValue.lowercased()).baocao.test"
    }

    /// The registry of signing certificates and encryption certificates, for the first release.
    public var registry: SignerRegistry {
        var registry = SignerRegistry(signers: Dictionary(uniqueKeysWithValues: units.map { ($0.key.rawValue, [$0.value.signing.certificate.fingerprint]) }),
                                      nodes: Dictionary(uniqueKeysWithValues: units.map { ($0.key.rawValue, [$0.value.node.certificate.fingerprint]) }))
        registry.encryption = Dictionary(uniqueKeysWithValues: units.map {
            ($0.key.rawValue, [String(decoding: $0.value.encryption.certificate.pem, as: UTF8.self)])
        })
        return registry
    }

    /// Writes the PKI to a directory; private keys are readable by their owner only.
    public func write(to directory: URL) throws {
        try SecretFile.createFolder(directory)
        try PKIFiles.write(root.certificate.pem, to: directory.appendingPathComponent("root.pem"))
        try PKIFiles.writeSecret(root.key.pem(), to: directory.appendingPathComponent("root.key"))
        for (code, identities) in units {
            let folder = directory.appendingPathComponent("units").appendingPathComponent(code.rawValue)
            try SecretFile.createFolder(folder)
            try PKIFiles.write(identities.signing.certificate.pem, to: folder.appendingPathComponent("signing.pem"))
            try PKIFiles.writeSecret(identities.signing.key.pem(), to: folder.appendingPathComponent("signing.key"))
            try PKIFiles.write(identities.node.certificate.pem, to: folder.appendingPathComponent("node.pem"))
            try PKIFiles.writeSecret(identities.node.key.pem(), to: folder.appendingPathComponent("node.key"))
            try PKIFiles.write(identities.encryption.certificate.pem, to: folder.appendingPathComponent("encryption.pem"))
            try PKIFiles.writeSecret(identities.encryption.key.pem(), to: folder.appendingPathComponent("encryption.key"))
        }
        try PKIFiles.write(PKIFiles.encode(registry), to: directory.appendingPathComponent("registry.json"))
        if let personRoot {
            try PKIFiles.write(personRoot.certificate.pem, to: directory.appendingPathComponent("person-root.pem"))
            try PKIFiles.writeSecret(personRoot.key.pem(), to: directory.appendingPathComponent("person-root.key"))
            var registrations: [PersonRegistrationFile.Entry] = []
            for (code, people) in persons.sorted(by: { $0.key < $1.key }) {
                let folder = directory.appendingPathComponent("units").appendingPathComponent(code.rawValue).appendingPathComponent("persons")
                try SecretFile.createFolder(folder)
                for person in people {
                    try PKIFiles.write(person.identity.certificate.pem, to: folder.appendingPathComponent("\(person.login).pem"))
                    try PKIFiles.writeSecret(person.identity.key.pem(), to: folder.appendingPathComponent("\(person.login).key"))
                    registrations.append(.init(unit: code, title: person.title, roles: [person.role],
                                               certificate: "units/\(code.rawValue)/persons/\(person.login).pem"))
                }
            }
            try PKIFiles.write(PKIFiles.encode(registrations), to: directory.appendingPathComponent(PersonRegistrationFile.fileName))
        }
        try PKIFiles.write(Data((publisher + "\n").utf8), to: directory.appendingPathComponent("publishers.txt"))
    }
}

/// Reading and writing PKI files.
public enum PKIFiles {
    public static func write(_ data: Data, to url: URL) throws {
        try data.write(to: url, options: .atomic)
    }

    /// Writes a private key to a new file, mode 0600 from its creation (``SecretFile``).
    public static func writeSecret(_ data: Data, to url: URL) throws {
        try SecretFile.create(data, at: url)
    }

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    public static func decodeRegistry(_ data: Data) throws -> SignerRegistry {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(SignerRegistry.self, from: data)
        } catch {
            throw BundleError(.invalidRelease, message: "Tệp đăng ký chứng thư (registry.json) không đúng định dạng.", log: "invalid registry.json: \(error)")
        }
    }

    /// Fingerprints, one a line; `#` starts a comment.
    public static func fingerprints(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: "#").first.map(String.init) ?? "" }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }
}
