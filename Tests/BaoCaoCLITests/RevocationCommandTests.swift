import Foundation
import Testing

@Suite("baocao pki revoke / pki crl and release publish --crl")
struct RevocationCommandTests {
    /// The development CA revokes a commune's key and signs its CRL; the province publishes
    /// it; the district then refuses what the commune signs after, keeps as valid the report
    /// that reached it before, and says "not checked" while the release carries no CRL.
    @Test func crlPublished_refusesLaterBundles_keepsEarlierOnes() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let province = try network.node("17")
        let district = try network.node("157")
        let commune = try network.node("05290")
        #expect(try network.run(["release", "publish", "--config", province, "--out", "v1.bcb"]).status == 0)
        #expect(try network.run(["release", "import", "--config", district, "v1.bcb"]).status == 0)

        // A report reaches the district by USB while no CRL is published: valid, revocation not checked.
        for folder in ["usb", "late"] {
            try FileManager.default.createDirectory(at: network.workspace.root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let created = try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "157") + ["--out", "usb/r1.bcb"])
        #expect(created.status == 0, "\(created.error)")
        let imported = try network.run(["import", "--config", district, "usb"])
        #expect(imported.output.contains("accepted"), "\(imported.output) \(imported.error)")
        let unchecked = try network.run(["bundle", "verify", "usb/r1.bcb", "--config", district])
        #expect(unchecked.status == 0, "\(unchecked.error)")
        #expect(unchecked.output.contains("chưa kiểm tra được tình trạng thu hồi"), "\(unchecked.output)")

        // A CRL of another CA is refused at publishing.
        #expect(try network.run(["pki", "init-dev", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv", "--out", "other-ca",
                                 "--units", "157", "--key-type", "ec"]).status == 0)
        #expect(try network.run(["pki", "crl", "--ca", "other-ca", "--out", "other.crl"]).status == 0)
        let foreign = try network.run(["release", "publish", "--config", province, "--crl", "other.crl", "--out", "bad.bcb"])
        #expect(foreign.status == 1)
        #expect(foreign.error.contains("không được ký bởi chứng thư gốc hay chứng thư trung gian nào"), "\(foreign.error)")
        let garbage = try network.run(["release", "publish", "--config", province, "--crl", "report.json", "--out", "bad.bcb"])
        #expect(garbage.status == 1)
        #expect(garbage.error.contains("report.json") && garbage.error.contains("CRL"), "\(garbage.error)")

        // The CA revokes the commune's key (after the report arrived); v2 carries its CRL.
        Thread.sleep(forTimeInterval: 1.1)
        let revoked = try network.run(["pki", "revoke", "pki/units/05290/signing.pem", "--ca", "pki", "--reason", "lộ khóa bí mật"])
        #expect(revoked.status == 0, "\(revoked.error)")
        let published = try network.run(["release", "publish", "--config", province, "--crl", "pki/crl.pem", "--out", "v2.bcb"])
        #expect(published.status == 0, "\(published.error)")
        #expect(try network.run(["release", "import", "--config", district, "v2.bcb"]).output == "v2.bcb: accepted\n")
        let shown = try network.run(["release", "show", "--config", district])
        #expect(shown.output.contains("Danh sách thu hồi (CRL) của"), "\(shown.output)")

        // The stored report stays valid, as of its arrival.
        let kept = try network.run(["bundle", "verify", "usb/r1.bcb", "--config", district])
        #expect(kept.status == 0, "\(kept.error)")
        #expect(kept.output.contains("đã kiểm tra tình trạng thu hồi"), "\(kept.output)")
        #expect(kept.output.contains("sau khi gói tin đến: chữ ký vẫn có giá trị"), "\(kept.output)")

        // One signed with the revoked key now is refused, naming the certificate, the CA and the date.
        let late = try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: commune, to: "157", revision: 2)
                                   + ["--out", "late/r2.bcb"])
        #expect(late.status == 0, "\(late.error)")
        let refused = try network.run(["bundle", "verify", "late/r2.bcb", "--config", district])
        #expect(refused.status == 1)
        #expect(refused.error.contains("đã bị tổ chức cấp chứng thư") && refused.error.contains("thu hồi từ"), "\(refused.error)")
        let lateImport = try network.run(["import", "--config", district, "late"])
        #expect(lateImport.output.contains("rejected"), "\(lateImport.output)")
    }
}
