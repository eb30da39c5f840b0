import BaoCaoBundle
import BaoCaoCore
import Foundation

/// A province root and one commune's signing identity of one key kind, and the cycle the
/// count repeats: sign a report bundle, verify it, and verify a copy whose signature was
/// damaged in transit — all through the real API, `BundleWriter` and `BundleVerifier`.
struct CountedNetwork {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    let kind: PrivateKey.Kind
    let root: SigningIdentity
    let identity: SigningIdentity
    let verifier: BundleVerifier

    init(kind: PrivateKey.Kind) throws {
        self.kind = kind
        let validity = DateInterval(start: Self.now.addingTimeInterval(-86_400), duration: 365 * 86_400)
        let rootKey = try PrivateKey.generate(kind)
        root = try SigningIdentity(key: rootKey, certificate: CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "CA Tỉnh Hoà Bình", unitCode: "17"), key: rootKey, validity: validity))
        let key = try PrivateKey.generate(kind)
        let certificate = try CertificateAuthority.issue(
            for: key, subject: DistinguishedName(commonName: "Xã Nhân Nghĩa", unitCode: "05290"), profile: .signing,
            validity: validity, issuer: root)
        identity = try SigningIdentity(key: key, certificate: certificate)
        verifier = BundleVerifier(trust: try TrustStore(anchors: [root.certificate]),
                                  registry: SignerRegistry(signers: ["05290": [certificate.fingerprint]]), acceptance: nil)
    }

    /// One cycle; throws if any step does not do what it must.
    func cycle(_ number: Int) throws {
        let report = Data("{\"regime\":\"KTXH-THANG\",\"period\":\"2026-10\",\"values\":{\"CT001\":\"\(number)\"}}".utf8)
        let (id, data) = try BundleWriter(identity: identity).write(
            kind: .report, sender: "05290", recipient: "157", parts: [BundleWriter.Part(path: "report.json", data: report)],
            at: Self.now)
        try ErrorQueue.expectEmpty(after: "signing with \(kind)")
        let verdict = verifier.verify(data, now: Self.now)
        guard verdict.bundle?.id == id else {
            throw CountFailure("\(kind): a freshly signed bundle was refused: \(verdict.refusal?.logDescription ?? "?")")
        }
        try ErrorQueue.expectEmpty(after: "verifying with \(kind)")
        let damaged = verifier.verify(try Self.flippingLastSignatureByte(of: data), now: Self.now)
        try ErrorQueue.expectEmpty(after: "refusing a damaged \(kind) signature")
        guard damaged.refusal?.code == .signatureInvalid else {
            throw CountFailure("\(kind): a bundle with a damaged signature was not refused as signatureInvalid: "
                               + (damaged.refusal?.logDescription ?? "accepted"))
        }
    }

    /// The bundle with the last byte of `manifest.p7s` flipped: a byte of the signature
    /// value itself. Small entries are stored, not deflated, so the byte is in the
    /// container as is.
    static func flippingLastSignatureByte(of data: Data) throws -> Data {
        let signature = try BundleArchive(reading: data).contents(of: "manifest.p7s") ?? Data()
        guard let range = data.range(of: signature) else { throw CountFailure("manifest.p7s is not stored as is") }
        var damaged = data
        damaged[range.upperBound - 1] ^= 0x01
        return damaged
    }
}
