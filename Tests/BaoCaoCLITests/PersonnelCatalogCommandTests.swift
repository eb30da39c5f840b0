import Foundation
import Testing

@Suite("baocao release publish --personnel")
struct PersonnelCatalogCommandTests {
    /// The shared sample catalog goes into Hòa Bình's release (its Sở Nội vụ is 17-SNV);
    /// the same lists with no Sở Nội vụ for province 17 are refused, and nothing is published.
    @Test func sharedSampleCatalog_isPublished_butNotWithoutTheProvincesSoNoiVu() throws {
        let network = try SignedNetwork(units: ["157"])
        let province = try network.node("17")
        let published = try network.run(["release", "publish", "--config", province, "--personnel", "Config/catalog/nhan-su.yaml",
                                          "--out", "v1.bcb"])
        #expect(published.status == 0, "\(published.error)")
        let sample = try String(contentsOfFile: network.workspace.path("Config/catalog/nhan-su.yaml"), encoding: .utf8)
        try network.workspace.write(sample.replacingOccurrences(of: "\"17\": 17-SNV", with: "\"99\": 17-SNV"), to: "Config/catalog/khac.yaml")
        let refused = try network.run(["release", "publish", "--config", province, "--personnel", "Config/catalog/khac.yaml",
                                        "--out", "v2.bcb"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("Sở Nội vụ của tỉnh 17") && refused.error.contains("authorities"), "\(refused.error)")
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("v2.bcb")))
    }
}
