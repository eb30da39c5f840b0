import BaoCaoCore
import Foundation

/// A person of a unit in the development PKI: a personal certificate (non-repudiation)
/// from a person CA apart from the province's, as a government CA would issue on a token.
public struct DevelopmentPerson: Sendable {
    /// The login of the demo account the person stands for (`lanhdao`, `tonghop`).
    public let login: String
    public let title: String
    public let role: RegisteredPerson.Role
    public let identity: SigningIdentity

    /// The person CA.
    static func makeAuthority(keyKind: PrivateKey.Kind, validity: DateInterval) throws -> SigningIdentity {
        let key = try PrivateKey.generate(keyKind)
        let certificate = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "CA chữ ký số cá nhân (phát triển)"), key: key, validity: validity)
        return try SigningIdentity(key: key, certificate: certificate)
    }

    /// A unit's leader (approver) and aggregator.
    static func standard(for unit: ReportingUnit, keyKind: PrivateKey.Kind, validity: DateInterval,
                         issuer: SigningIdentity) throws -> [DevelopmentPerson] {
        try [("lanhdao", "Nguyễn Văn An", "Thủ trưởng đơn vị", RegisteredPerson.Role.approver),
             ("tonghop", "Trần Thị Bình", "Cán bộ tổng hợp", .aggregator)].map { login, name, title, role in
            try issue(login: login, name: name, title: title, role: role, unit: unit.code, keyKind: keyKind, validity: validity, issuer: issuer)
        }
    }

    /// One person's certificate from the person CA `issuer`.
    public static func issue(login: String, name: String, title: String, role: RegisteredPerson.Role, unit: UnitCode,
                             keyKind: PrivateKey.Kind, validity: DateInterval, issuer: SigningIdentity) throws -> DevelopmentPerson {
        let key = try PrivateKey.generate(keyKind)
        let certificate = try CertificateAuthority.issue(
            for: key, subject: DistinguishedName(commonName: name, unitCode: unit.rawValue), profile: .signing, validity: validity, issuer: issuer)
        return DevelopmentPerson(login: login, title: title, role: role, identity: try SigningIdentity(key: key, certificate: certificate))
    }
}

/// `persons.json`: the persons to register, each with the path of their certificate
/// (relative to the file), as `pki init-dev` writes it and `release publish --persons` reads it.
public enum PersonRegistrationFile {
    public static let fileName = "persons.json"

    public struct Entry: Sendable, Codable, Hashable {
        public var unit: UnitCode
        public var title: String
        public var roles: [RegisteredPerson.Role]
        /// The certificate's PEM file, relative to `persons.json`.
        public var certificate: String
    }

    public static func decode(_ data: Data) throws -> [Entry] {
        do {
            return try JSONDecoder().decode([Entry].self, from: data)
        } catch {
            throw BundleError(.invalidRelease, message: "Tệp đăng ký người ký (\(fileName)) không đúng định dạng: cần danh sách {unit, title, roles, certificate}.",
                              log: "invalid persons.json: \(error)")
        }
    }
}

extension DevelopmentPKI {
    /// A person's signing identity issued by `issuer` (any development CA), valid from an
    /// hour before `now` for `validityDays`: the person's name as the common name, the
    /// unit's code as the organisational unit, digitalSignature and nonRepudiation — for
    /// tests that need a leader's own key, such as the signed PDF's.
    public static func issuePerson(name: String, unit: UnitCode, issuer: SigningIdentity, keyKind: PrivateKey.Kind = .ecP256,
                                   now: Date, validityDays: Int = 730) throws -> SigningIdentity {
        let validity = DateInterval(start: now.addingTimeInterval(-3600), duration: TimeInterval(validityDays) * 86_400)
        return try DevelopmentPerson.issue(login: "lanhdao", name: name, title: "Thủ trưởng đơn vị", role: .approver, unit: unit,
                                           keyKind: keyKind, validity: validity, issuer: issuer).identity
    }
}
