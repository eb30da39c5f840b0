import BaoCaoCore
import Foundation
import Testing

/// Which indicators of the sample catalog follow the seat of a commune divided in the 2025
/// reform (``Indicator/carriesToDefaultPiece``): what belongs to the commune's own
/// apparatus (its budget, its investment projects, its staff, its own use of the system),
/// never what belongs to its territory.
@Suite("Sample catalog: indicators that follow a divided commune's seat")
struct SeatIndicatorTests {
    @Test func seatFiguresAreMarked_territorialFiguresAreNot() throws {
        let catalog = try SampleCatalogs.reporting()
        let marked = Set(catalog.indicators.filter { $0.carriesToDefaultPiece == true }.map(\.code))
        // The commune's own budget and investment, its use of the system, every staff count.
        for code in ["NS03", "NS04", "DT01", "DT02", "DT03", "HT01", "HT02", "HT03", "HT04", "NS.TONG", "NS.CB.TONG", "NS.VC.TUOI.T60"] {
            #expect(marked.contains(code), "\(code)")
        }
        #expect(catalog.indicators.filter { $0.code.hasPrefix("NS.") }.allSatisfy { marked.contains($0.code) })
        // Population, area, households, crops, herds, revenue collected in the area: the territory's.
        for code in ["DS01", "LD04", "LD05", "LD06", "NN01", "NN03", "NN08", "NS01", "NS02", "YT06", "VH02", "TT05"] {
            #expect(!marked.contains(code), "\(code)")
        }
        // A marked ratio reads only marked parts, so it is recomputed from what followed the seat.
        for indicator in catalog.indicators where marked.contains(indicator.code) {
            if case .ratio(let numerator, let denominator, _) = indicator.aggregation {
                #expect(marked.contains(numerator) && marked.contains(denominator), "\(indicator.code)")
            }
        }
        // Every mark says why, beside it in the file.
        let text = try SampleCatalogs.text("Config/catalog/kinh-te-xa-hoi.yaml")
        for code in ["NS03", "NS04", "DT01", "DT02", "DT03", "HT01", "HT02", "HT03", "HT04"] {
            let block = try #require(text.components(separatedBy: "  - code: \(code)\n").dropFirst().first?.components(separatedBy: "\n\n").first)
            #expect(block.contains("# Đi theo phần giữ trụ sở khi xã bị chia: ") && block.contains("carriesToDefaultPiece: true"), "\(code)")
        }
    }
}
