import Foundation
import Testing

/// The 2025 reform at the command line: Hoà Bình (17) closes its release chain naming Phú
/// Thọ (25), whose own CA is another; Phú Thọ publishes its first release with the
/// succession, continuing 17's last release; a commune node of 17 imports both and
/// `baocao status` shows it on Phú Thọ's chain and map.
@Suite("baocao release close and publish --succession --continues")
struct ReformReleaseCommandTests {
    @Test func closeThenContinue_atTheCommandLine() throws {
        let network = try SignedNetwork(units: ["04792", "04813"])
        let province17 = try network.node("17")
        let commune = try network.node("04792")
        let pki25 = try network.run(["pki", "init-dev", "--topology", "Topology/phu-tho-2025-07-2-cap.csv", "--out", "pki25",
                                     "--units", "25", "--key-type", "ec"])
        #expect(pki25.status == 0, "\(pki25.error)")
        try network.workspace.write("""
            unit: "25"
            dataDirectory: ../data/25
            topology: ../Topology/phu-tho-2025-07-2-cap.csv
            catalog: catalog/kinh-te-xa-hoi.yaml
            trust:
              anchors: ../pki25/root.pem
              publishers: ../pki25/publishers.txt
              registry: ../pki25/registry.json
            signing:
              key: ../pki25/units/25/signing.key
              certificate: ../pki25/units/25/signing.pem
            """, to: "Config/node-25.yaml")
        let province25 = network.workspace.path("Config/node-25.yaml")
        #expect(try network.run(["init", "--config", province25]).status == 0)

        #expect(try network.run(["release", "publish", "--config", province17, "--out", "v1.bcb"]).status == 0)
        #expect(try network.run(["release", "import", "--config", commune, "v1.bcb"]).output == "v1.bcb: accepted\n")

        // 17 closes its chain, naming 25's publisher keys and adding 25's CA.
        let close = try network.run(["release", "close", "--config", province17, "--successor", "25", "--successor-publishers", "pki25/publishers.txt",
                                     "--successor-anchor", "pki25/root.pem", "--out", "close.bcb"])
        #expect(close.status == 0, "\(close.error)")
        #expect(close.output.contains("Chuỗi bản phát hành của 17 kết thúc ở phiên bản 2; tỉnh 25 tiếp nối từ phiên bản 1."), "\(close.output)")
        let more = try network.run(["release", "publish", "--config", province17, "--out", "v3.bcb"])
        #expect(more.status == 1)
        #expect(more.error.contains("Chuỗi bản phát hành của 17 đã kết thúc ở phiên bản 2"), "\(more.error)")
        let badKeys = try network.run(["release", "close", "--config", province17, "--successor", "25", "--successor-publishers", "Config/reform/phu-tho-2025-07.yaml"])
        #expect(badKeys.status == 1)
        #expect(badKeys.error.hasPrefix("Lỗi: "), "\(badKeys.error)")
        #expect(try network.run(["release", "import", "--config", commune, "close.bcb"]).output == "close.bcb: accepted\n")
        let waiting = try network.run(["status", "--config", commune])
        #expect(waiting.output.contains("đang chờ bản phát hành phiên bản 1 của tỉnh kế tiếp 25"), "\(waiting.output)")

        // 25 publishes its first release with the succession, continuing 17's last.
        let first = try network.run(["release", "publish", "--config", province25, "--succession", "Config/reform/phu-tho-2025-07.yaml",
                                     "--continues", "close.bcb", "--out", "p1.bcb"])
        #expect(first.status == 0, "\(first.error)")
        let shown = try network.run(["release", "show", "p1.bcb"])
        #expect(shown.output.contains("Nối tiếp: 17 phiên bản 2"), "\(shown.output)")
        #expect(shown.output.contains("Sắp xếp đơn vị hành chính từ 01/07/2025"), "\(shown.output)")

        let imported = try network.run(["release", "import", "--config", commune, "p1.bcb"])
        #expect(imported.output == "p1.bcb: accepted\n", "\(imported.output) \(imported.error)")
        let status = try network.run(["status", "--config", commune])
        #expect(status.status == 0, "\(status.error)")
        #expect(status.output.contains("Cấp trên: Tỉnh Phú Thọ (25)"), "\(status.output)")
        #expect(status.output.contains("(đơn vị phát hành 25)"), "\(status.output)")
        #expect(status.output.contains("Chuỗi đã kết thúc: 17 (phiên bản cuối 2, tiếp nối bởi 25)"), "\(status.output)")
        #expect(status.output.contains("Sắp xếp đơn vị hành chính từ 01/07/2025"), "\(status.output)")
        // Hoà Bình's closing release again, and the v1 before it, change nothing.
        let again = try network.run(["release", "import", "--config", commune, "v1.bcb"])
        #expect(again.status == 1 && again.output.contains("rejected"), "\(again.output)")
    }
}
