import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// The one exception to a revocation (``SuccessionRevocation``): a former unit's
/// certificate revoked by the succession as of 1 July 2025 still verifies its late report
/// for a period before the reform, and its history handed over, until the grace ends —
/// and nothing else.
@Suite("Revocation with grace for former units")
struct SuccessionRevocationTests {
    let network = TestPKI.ec
    static let succession = ReleaseSuccessionTests.succession()

    static func at(_ day: String, hour: Int = 10) -> Date {
        VietnamTime.startOfDay(try! CivilDate(parsing: day)).addingTimeInterval(TimeInterval(hour) * 3600)
    }

    var chain: [Certificate] { [network.signing("05293").certificate, network.pki.root.certificate] }

    func registry(graced: Bool = true) -> SignerRegistry {
        let fingerprint = network.signing("05293").certificate.fingerprint
        let revocation = graced ? SuccessionRevocation.revocation(of: fingerprint, under: Self.succession)
            : SignerRegistry.Revocation(fingerprint: fingerprint, revokedAt: SuccessionRevocation.revokedAt(Self.succession), reason: "lộ khóa")
        return SignerRegistry(signers: network.pki.registry.signers, revoked: [revocation])
    }

    func verifies(_ kind: BundleKind, period: Period?, signed: String, arrived: String, graced: Bool = true) -> Bool {
        let bundle = RevokedSignerBundle(kind: kind, period: period, signedAt: Self.at(signed))
        return (try? registry(graced: graced).revocationStatus(of: chain, arrivedAt: Self.at(arrived), now: Self.at(arrived), bundle: bundle)) != nil
    }

    @Test func revokedAsOfTheReform_withItsGrace() {
        let revocation = SuccessionRevocation.revocation(of: "ab", under: Self.succession)
        #expect(revocation.revokedAt == Self.at("2025-07-01", hour: 0))
        #expect(revocation.graceEnds == Self.at("2025-10-01", hour: 0))
        #expect(revocation.reason == "sắp xếp đơn vị hành chính")
    }

    /// Should let a late report for a period before the reform and a history handover
    /// verify until the grace ends, and nothing else.
    @Test func onlyLateReportsAndHandovers_untilTheGraceEnds() {
        #expect(verifies(.report, period: "2025-05", signed: "2025-08-10", arrived: "2025-08-12"))
        #expect(verifies(.report, period: "2025-Q2", signed: "2025-09-30", arrived: "2025-09-30"))
        #expect(verifies(.historyHandover, period: nil, signed: "2025-07-15", arrived: "2025-07-16"))
        // What it signed before the reform stays valid whatever it is.
        #expect(verifies(.decision, period: nil, signed: "2025-06-29", arrived: "2025-06-30"))
        // A period from the reform on, another kind, or after the grace: revoked.
        #expect(!verifies(.report, period: "2025-07", signed: "2025-08-10", arrived: "2025-08-12"))
        #expect(!verifies(.report, period: "2025", signed: "2025-08-10", arrived: "2025-08-12"))
        #expect(!verifies(.report, period: nil, signed: "2025-08-10", arrived: "2025-08-12"))
        #expect(!verifies(.decision, period: "2025-05", signed: "2025-08-10", arrived: "2025-08-12"))
        #expect(!verifies(.notice, period: nil, signed: "2025-08-10", arrived: "2025-08-12"))
        #expect(!verifies(.transfer, period: nil, signed: "2025-08-10", arrived: "2025-08-12"))
        #expect(!verifies(.report, period: "2025-05", signed: "2025-08-10", arrived: "2025-10-01"))
        #expect(!verifies(.historyHandover, period: nil, signed: "2025-10-02", arrived: "2025-10-02"))
        // An ordinary revocation on the same date excuses nothing.
        #expect(!verifies(.report, period: "2025-05", signed: "2025-08-10", arrived: "2025-08-12", graced: false))
        // Nor without knowing what the bundle is.
        #expect((try? registry().revocationStatus(of: chain, arrivedAt: Self.at("2025-08-12"), now: Self.at("2025-08-12"))) == nil)
    }

    /// The first release of the successor revokes exactly the certificates registered for
    /// former units whose code is gone from the new map.
    @Test func revocations_coverRetiredCodesOnly() {
        let registry = network.pki.registry
        let revoked = SuccessionRevocation.revocations(under: Self.succession, newTopology: ReleaseSuccessionTests.newTopology, registry: registry)
        let units = Set(revoked.flatMap { revocation in registry.units(registering: revocation.fingerprint) })
        #expect(units == ["17", "17-SKHDT", "157", "148", "05293"])
        #expect(revoked.allSatisfy { $0.graceEnds == SuccessionRevocation.graceEnds(Self.succession) })
    }
}
