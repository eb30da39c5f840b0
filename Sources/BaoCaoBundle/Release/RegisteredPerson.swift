import BaoCaoCore
import Foundation

/// A person the province's release registers to sign, with a personal certificate, beside
/// their unit's organisational signature (Decree 30/2020, appendix I: a state document
/// carries the signature of the person competent to sign and that of the organisation).
///
/// A person is registered by the SHA-256 fingerprints of their certificates — a renewed
/// token certificate is a new fingerprint in the next release — for one unit and the roles
/// they sign in there.
public struct RegisteredPerson: Sendable, Hashable, Codable {
    /// What a person's signature stands for.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// Approves and signs the unit's reports (lãnh đạo đơn vị).
        case approver
        /// Decides on the reports the unit receives: accepts or returns them (cán bộ tổng hợp).
        case aggregator

        /// As people read it.
        public var displayName: String {
            switch self {
            case .approver: "lãnh đạo phê duyệt"
            case .aggregator: "cán bộ tổng hợp"
            }
        }

        /// The role a person's signature on a bundle of this kind needs, if the kind carries one.
        public static func signing(_ kind: BundleKind) -> Role? {
            switch kind {
            case .report: .approver
            case .decision: .aggregator
            default: nil
            }
        }
    }

    /// Full name, as on the certificate and on paper (NFC).
    public var name: String
    /// Position (chức vụ), e.g. "Chủ tịch UBND xã".
    public var title: String
    /// The unit they sign for.
    public var unit: UnitCode
    public var roles: [Role]
    /// SHA-256 fingerprints (lowercase hex) of their signing certificates.
    public var certificates: [String]

    public init(name: String, title: String, unit: UnitCode, roles: [Role], certificates: [String]) {
        self.name = name.precomposedStringWithCanonicalMapping
        self.title = title.precomposedStringWithCanonicalMapping
        self.unit = unit
        self.roles = roles
        self.certificates = certificates.map { $0.lowercased() }
    }
}
