import BaoCaoFuzzing
import Foundation
import Testing

/// Writes the seed corpora when asked (`BAOCAO_WRITE_FUZZ_SEEDS=1`), into the `Tests/Fuzz`
/// beside this file; otherwise does nothing.
@Suite("Fuzz seeds")
struct SeedWriterTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BAOCAO_WRITE_FUZZ_SEEDS"] == "1"))
    func seeds_whenAsked_areWrittenForEveryTarget() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")
        let counts = try FuzzSeeds.write(to: directory)
        for target in FuzzTarget.allCases {
            #expect((counts[target] ?? 0) > 0, "no seeds for \(target.rawValue)")
        }
    }
}
