import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

@Suite("Tampered bundles are refused with the right reason")
struct TamperingTests {
    let network = TestPKI.ec

    private func repack(_ data: Data, change: (inout [(String, Data)]) -> Void) throws -> Data {
        let archive = try BundleArchive(reading: data)
        let contents = try archive.allContents()
        var entries = ["manifest.json", "manifest.p7s"].map { ($0, contents[$0]!) }
            + contents.filter { !$0.key.hasPrefix("manifest.") }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        change(&entries)
        return try BundleArchive.write(entries)
    }

    private func verdict(_ data: Data, now: Date = TestPKI.now) -> BundleVerdict {
        network.verifier.verify(data, now: now)
    }

    @Test func flippedByteInPart_isHashMismatch() throws {
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        let tampered = try repack(data) { entries in
            let index = entries.firstIndex { $0.0 == "report.json" }!
            entries[index].1[40] ^= 0x01
        }
        let result = verdict(tampered)
        #expect(result.code == .partHashMismatch)
        #expect(result.refusal?.message.contains("report.json") == true)
    }

    @Test func flippedByteInManifest_breaksTheSignature() throws {
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        let tampered = try repack(data) { entries in
            // "05290" → "05291": still valid JSON, a different sender.
            let text = String(decoding: entries[0].1, as: UTF8.self).replacingOccurrences(of: "\"05290\"", with: "\"05291\"")
            entries[0].1 = Data(text.utf8)
        }
        #expect(verdict(tampered).code == .signatureInvalid)
    }

    @Test func flippedByteInSignature_isRefused() throws {
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        // The last bytes of the DER are the signature value itself: the CMS still reads.
        let tampered = try repack(data) { entries in entries[1].1[entries[1].1.count - 5] ^= 0x01 }
        let result = verdict(tampered)
        #expect(result.code == .signatureInvalid)
        #expect(result.refusal?.message == "Chữ ký số không khớp với nội dung: gói tin đã bị sửa đổi sau khi ký hoặc chữ ký bị hỏng.")
    }

    @Test func addedPart_isRefused() throws {
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        let tampered = try repack(data) { $0.append(("attachments/extra.pdf", Data("%PDF".utf8))) }
        let result = verdict(tampered)
        #expect(result.code == .unexpectedEntry)
        #expect(result.refusal?.message.contains("attachments/extra.pdf") == true)
    }

    @Test func removedPart_isRefused() throws {
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        let tampered = try repack(data) { $0.removeAll { $0.0 == "report.json" } }
        #expect(verdict(tampered).code == .missingEntry)
    }

    @Test func renamedPart_isRefused() throws {
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        let tampered = try repack(data) { entries in
            let index = entries.firstIndex { $0.0 == "report.json" }!
            entries[index].0 = "bao-cao.json"
        }
        #expect(verdict(tampered).code == .missingEntry)
    }

    /// Xã Văn Sơn's certificate cannot sign for Xã Nhân Nghĩa.
    @Test func certificateOfAnotherUnit_isNotRegistered() throws {
        let (_, data) = try TestPKI.reportBundle(from: "05290", identity: network.signing("05293"))
        let result = verdict(data)
        #expect(result.code == .signerNotRegistered)
        #expect(result.refusal?.message.contains("05293") == true)
    }

    @Test func expiredCertificate_isRefused() throws {
        let identity = try network.identity(for: "05290", validity: DateInterval(start: TestPKI.now - 400 * TestPKI.day, end: TestPKI.now - 10 * TestPKI.day))
        let (_, data) = try TestPKI.reportBundle(identity: identity)
        var verifier = network.verifier
        verifier.registry.register(identity.certificate.fingerprint, for: "05290")
        #expect(verifier.verify(data, now: TestPKI.now).code == .certificateExpired)
    }

    @Test func notYetValidCertificate_isRefused() throws {
        let identity = try network.identity(for: "05290", validity: DateInterval(start: TestPKI.now + 10 * TestPKI.day, duration: 365 * TestPKI.day))
        let (_, data) = try TestPKI.reportBundle(identity: identity)
        var verifier = network.verifier
        verifier.registry.register(identity.certificate.fingerprint, for: "05290")
        #expect(verifier.verify(data, now: TestPKI.now).code == .certificateNotYetValid)
    }

    /// A commune whose clock runs a few hours fast signs just after its certificate
    /// expired: within the tolerance it is accepted, and the skew is recorded.
    @Test func expiryWithinClockTolerance_isAccepted_andSkewRecorded() throws {
        let identity = try network.identity(for: "05290", validity: DateInterval(start: TestPKI.now - 400 * TestPKI.day, end: TestPKI.now - 3 * 3600))
        let (_, data) = try TestPKI.reportBundle(identity: identity)
        var verifier = network.verifier
        verifier.registry.register(identity.certificate.fingerprint, for: "05290")
        let bundle = try #require(verifier.verify(data, now: TestPKI.now).bundle)
        #expect(bundle.validitySkew == 3 * 3600)
        verifier.clockTolerance = 3600
        #expect(verifier.verify(data, now: TestPKI.now).code == .certificateExpired)
    }

    @Test func revokedCertificate_isRefused() throws {
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        var verifier = network.verifier
        verifier.registry.revoked.append(.init(fingerprint: network.signing("05290").certificate.fingerprint,
                                               revokedAt: TestPKI.now - TestPKI.day, reason: "lộ khóa bí mật"))
        let result = verifier.verify(data, now: TestPKI.now)
        #expect(result.code == .certificateRevoked)
        #expect(result.refusal?.message.contains("lộ khóa bí mật") == true)
    }

    /// A certificate from another CA — even for the right unit code — is not trusted.
    @Test func certificateFromAnotherCA_isUntrusted() throws {
        let (_, data) = try TestPKI.reportBundle(identity: TestPKI.rsa.signing("05290"))
        #expect(verdict(data).code == .untrustedCertificate)
    }

    @Test func signingTimeFarInTheFuture_isRefused() throws {
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"), at: TestPKI.now + 3 * TestPKI.day)
        #expect(verdict(data).code == .signingTimeInFuture)
        // A clock a few hours fast is within tolerance.
        let (nearId, near) = try TestPKI.reportBundle(identity: network.signing("05290"), at: TestPKI.now + 5 * 3600)
        let accepted = try #require(verdict(near).bundle, "\(verdict(near).refusal?.message ?? "")")
        #expect(accepted.id == nearId)
        #expect(accepted.signingTime == TestPKI.now + 5 * 3600)
    }

    /// The same bundle twice verifies twice: nothing remembers a verdict.
    @Test func sameBundleTwice_isCheckedInFullEachTime() throws {
        let (id, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        #expect(verdict(data).bundle?.id == id)
        var verifier = network.verifier
        verifier.registry.revoked.append(.init(fingerprint: network.signing("05290").certificate.fingerprint, revokedAt: TestPKI.now, reason: "thu hồi"))
        #expect(verifier.verify(data, now: TestPKI.now).code == .certificateRevoked)
    }
}
