import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// A commune whose signer rests on weak cryptography — an RSA-1024 key, a certificate the
/// CA signed with SHA-1, a signature digested with SHA-1 — is refused with the reason in
/// Vietnamese, even when its certificate chains to the province's root and is registered.
@Suite("Verification refuses keys and digests below the algorithm floor")
struct AlgorithmFloorTests {
    let network = TestPKI.rsa

    /// A signing identity for Xã Nhân Nghĩa issued by the network's root, with the given key and certificate digest.
    private func identity(key kind: PrivateKey.Kind, certificateDigest: SigningDigest) throws -> SigningIdentity {
        let key = try PrivateKey.generate(kind)
        let certificate = try CertificateAuthority.issue(
            for: key, subject: DistinguishedName(commonName: "Xã Nhân Nghĩa (thử)", unitCode: "05290"), profile: .signing,
            validity: DateInterval(start: TestPKI.now.addingTimeInterval(-10 * TestPKI.day), duration: 365 * TestPKI.day),
            issuer: network.pki.root, digest: certificateDigest)
        return try SigningIdentity(key: key, certificate: certificate)
    }

    /// The network's verifier, with `identity` registered for Xã Nhân Nghĩa, so that only the algorithms can fail.
    private func verifier(registering identity: SigningIdentity) -> BundleVerifier {
        var registry = network.pki.registry
        registry.register(identity.certificate.fingerprint, for: "05290")
        return BundleVerifier(trust: network.trust, registry: registry, acceptance: nil)
    }

    @Test func strongSigner_madeTheSameWay_isValid() throws {
        let strong = try identity(key: .rsa2048, certificateDigest: .sha256)
        let (_, data) = try TestPKI.reportBundle(identity: strong)
        let verdict = verifier(registering: strong).verify(data, now: TestPKI.now)
        #expect(verdict.bundle != nil, "\(String(describing: verdict.refusal))")
    }

    @Test func rsa1024Signer_isRefusedAsTooWeak() throws {
        let weak = try identity(key: .rsa(bits: 1024), certificateDigest: .sha256)
        let (_, data) = try TestPKI.reportBundle(identity: weak)
        let refusal = verifier(registering: weak).verify(data, now: TestPKI.now).refusal
        #expect(refusal?.code == .weakAlgorithm)
        #expect(refusal?.message == "Chứng thư số \(weak.certificate.subject) không đạt mức an toàn tối thiểu: khóa RSA 1024 bit quá yếu (tối thiểu RSA 2048 bit hoặc ECDSA P-256).")
    }

    @Test func certificateSignedWithSHA1_isRefusedAsTooWeak() throws {
        let weak = try identity(key: .rsa2048, certificateDigest: .sha1)
        let (_, data) = try TestPKI.reportBundle(identity: weak)
        let refusal = verifier(registering: weak).verify(data, now: TestPKI.now).refusal
        #expect(refusal?.code == .weakAlgorithm)
        #expect(refusal?.message == "Chứng thư số \(weak.certificate.subject) không đạt mức an toàn tối thiểu: chứng thư được ký bằng thuật toán băm SHA1 quá yếu (tối thiểu SHA-256).")
    }

    @Test func signatureDigestedWithSHA1_isRefusedAsTooWeak() throws {
        let signer = try identity(key: .rsa2048, certificateDigest: .sha256)
        let (_, good) = try TestPKI.reportBundle(identity: signer)
        // The same manifest, signed by the same registered key, but with SHA-1.
        let contents = try BundleArchive(reading: good).allContents()
        let manifest = contents["manifest.json"]!
        let sha1 = try DetachedSignature.signedDER(manifest, with: signer, at: TestPKI.now, digest: .sha1)
        let data = try BundleArchive.write([("manifest.json", manifest), ("manifest.p7s", sha1), ("report.json", contents["report.json"]!)])
        let refusal = verifier(registering: signer).verify(data, now: TestPKI.now).refusal
        #expect(refusal?.code == .weakAlgorithm)
        #expect(refusal?.message == "Chữ ký số dùng thuật toán băm SHA-1 quá yếu (tối thiểu SHA-256).")
    }

    /// libcrypto's own level-2 check on the store, apart from our explicit one: the chain
    /// of a 1024-bit signer does not build at all.
    @Test func trustStore_refusesTheWeakChainItself() throws {
        let weak = try identity(key: .rsa(bits: 1024), certificateDigest: .sha256)
        guard case .failure(.belowAlgorithmFloor(let error)) = network.trust.chain(for: weak.certificate) else {
            Issue.record("a 1024-bit signer's chain was built")
            return
        }
        #expect(error.code == .weakAlgorithm)
    }
}
