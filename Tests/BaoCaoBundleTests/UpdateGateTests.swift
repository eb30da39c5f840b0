import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// The software update gate: the province's publisher key only, versions strictly
/// increasing, the package exactly the one its signed description names.
@Suite("Software updates: publisher key, rollback, fork, tampered package")
struct UpdateGateTests {
    let network = TestPKI.ec
    var province: SigningIdentity { network.signing("17") }
    var gate: UpdateGate { UpdateGate(publishers: [province.certificate.fingerprint]) }

    static func package(_ text: String) -> Data { Data("!<arch>\ndebian-binary giả lập \(text)\n".utf8) }

    /// Publishes an update of `version` for `package`, then verifies the bundle as a node would.
    private func publish(_ version: SoftwareVersion, package: Data = package("một"), after previous: AcceptedUpdate? = nil,
                         by identity: SigningIdentity? = nil, sender: UnitCode = "17",
                         tweak: (inout UpdateContent) -> Void = { _ in }) throws -> (AcceptedUpdate, Certificate, Data) {
        var content = UpdatePublisher.content(for: package, named: "baocao_\(version)_amd64.deb", version: version, architecture: "amd64",
                                              notes: "Sửa lỗi", publisher: sender, after: previous, at: TestPKI.now)
        tweak(&content)
        let (_, data) = try UpdatePublisher(identity: identity ?? province).publish(content, package: package, at: TestPKI.now)
        let bundle = try #require(network.verifier.verify(data, now: TestPKI.now).bundle)
        return (try AcceptedUpdate(bundle: bundle), bundle.signer, data)
    }

    private func refusal(_ decision: UpdateGate.Decision) -> BundleError? {
        if case .refuse(let error) = decision { return error }
        return nil
    }

    /// Should take newer versions in order, skipping is allowed, the same update again is a duplicate.
    @Test func newerVersions_areAccepted_andTheSameAgainIsDuplicate() throws {
        let (v2, signer, _) = try publish("0.2.0")
        #expect(gate.evaluate(v2, signedBy: signer, current: nil) == .accept)
        #expect(gate.evaluate(v2, signedBy: signer, current: v2) == .duplicate)
        let (v4, signer4, _) = try publish("0.4.0", package: Self.package("bốn"), after: v2)
        #expect(gate.evaluate(v4, signedBy: signer4, current: v2) == .accept)
        #expect(v4.content.previousHash == v2.hash)
    }

    /// Should refuse an older version than the last taken, saying both versions.
    @Test func olderVersion_isRollback_withTheReasonShown() throws {
        let (v2, _, _) = try publish("0.2.0")
        let (v3, signer, _) = try publish("0.3.0", package: Self.package("ba"), after: v2)
        let error = try #require(refusal(gate.evaluate(v2, signedBy: signer, current: v3)))
        #expect(error.code == .updateRollback)
        #expect(error.message == "Bản cập nhật phần mềm phiên bản 0.2.0 cũ hơn phiên bản 0.3.0 đã nhận (có thể là bản cũ bị gửi lại); từ chối.")
    }

    /// Should refuse the same version with another package: a fork.
    @Test func sameVersionOtherPackage_isFork() throws {
        let (v2, _, _) = try publish("0.2.0")
        let (other, signer, _) = try publish("0.2.0", package: Self.package("khác"))
        let error = try #require(refusal(gate.evaluate(other, signedBy: signer, current: v2)))
        #expect(error.code == .updateFork)
        #expect(error.message == "Bản cập nhật phần mềm phiên bản 0.2.0 trùng số phiên bản với bản đã nhận nhưng nội dung khác; từ chối.")
        // 0.2.0-0 is 0.2.0 spelled otherwise: still a fork, not a newer version.
        let (respelled, signer2, _) = try publish(SoftwareVersion(0, 2, 0, revision: 0))
        #expect(refusal(gate.evaluate(respelled, signedBy: signer2, current: v2))?.code == .updateFork)
    }

    /// Should refuse an update signed by a commune's (registered, valid) key, or a district's.
    @Test func updateSignedByACommune_isRefused_namingTheSigner() throws {
        for unit: UnitCode in ["05290", "157"] {
            let (forged, signer, _) = try publish("9.9.9", by: network.signing(unit))
            let error = try #require(refusal(gate.evaluate(forged, signedBy: signer, current: nil)))
            #expect(error.code == .unauthorizedUpdatePublisher)
            #expect(error.message.hasPrefix("Bản cập nhật phần mềm được ký bởi \(signer.subject), không phải khóa phát hành của tỉnh"))
        }
    }

    /// Should refuse every update before a province release names the publisher keys.
    @Test func updateBeforeAnyRelease_isRefused() throws {
        let (v2, signer, _) = try publish("0.2.0")
        #expect(refusal(UpdateGate(publishers: []).evaluate(v2, signedBy: signer, current: nil))?.code == .updateBeforeRelease)
    }

    /// Should refuse a package changed after signing (the manifest's hash), and a signed
    /// description whose size or SHA-256 is not the package's.
    @Test func tamperedPackage_isRefused() throws {
        let (_, _, data) = try publish("0.2.0")
        let archive = try BundleArchive(reading: data)
        var entries = try archive.allContents().sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let index = try #require(entries.firstIndex { $0.0 == SoftwareUpdatePart.package })
        entries[index].1[3] ^= 0x01
        let verdict = network.verifier.verify(try BundleArchive.write(entries), now: TestPKI.now)
        #expect(verdict.code == .partHashMismatch)
        #expect(verdict.refusal?.message.contains(SoftwareUpdatePart.package) == true)

        #expect(throws: BundleError(.updatePackageMismatch, message: "", log: "")) {
            try publish("0.2.0") { $0.packageSHA256 = String(repeating: "0", count: 64) }
        }
        do {
            _ = try publish("0.2.0") { $0.packageSize += 1 }
            Issue.record("a package of another size was taken")
        } catch let error as BundleError {
            #expect(error.message == "Gói cài đặt của bản cập nhật phiên bản 0.2.0 không khớp cỡ hoặc mã băm SHA-256 ghi trong bản cập nhật (có thể đã bị sửa); không dùng được.")
        }
    }

    /// Should let only the province send an update, to every unit, with its two parts:
    /// a district signing with the province's key still may not send one as itself.
    @Test func onlyTheProvince_maySendAnUpdate_withItsTwoParts() throws {
        let table = AcceptanceTable(topology: TestPKI.topology)
        let parts = [DeclaredPart(path: SoftwareUpdatePart.description, mediaType: "application/json", size: 300),
                     DeclaredPart(path: SoftwareUpdatePart.package, mediaType: SoftwareUpdatePart.packageMediaType, size: 30 << 20)]
        #expect(table.refusal(of: BundleExchange(kind: .softwareUpdate, sender: "17", recipient: .everyone, parts: parts)) == nil)
        let fromDistrict = try #require(table.refusal(of: BundleExchange(kind: .softwareUpdate, sender: "157", recipient: .everyone, parts: parts)))
        #expect(fromDistrict.code == "senderNotAllowed")
        #expect(fromDistrict.message.hasPrefix("Đơn vị 157 không được gửi bản cập nhật phần mềm tới"), "\(fromDistrict.message)")
        #expect(table.refusal(of: BundleExchange(kind: .softwareUpdate, sender: "17", recipient: .unit("157"), parts: parts))?.code == "recipientNotAllowed")
        let huge = [parts[0], DeclaredPart(path: SoftwareUpdatePart.package, mediaType: SoftwareUpdatePart.packageMediaType, size: (64 << 20) + 1)]
        #expect(table.refusal(of: BundleExchange(kind: .softwareUpdate, sender: "17", recipient: .everyone, parts: huge))?.code == "partTooLarge")
        #expect(table.refusal(of: BundleExchange(kind: .softwareUpdate, sender: "17", recipient: .everyone, parts: [parts[0]]))?.code == "partMissing")
    }
}
