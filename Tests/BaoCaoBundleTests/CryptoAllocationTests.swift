import Foundation
import Testing

/// libcrypto objects are owned from the moment they are made: over thousands of signatures,
/// verifications and refusals, nothing libcrypto allocated for them stays allocated.
///
/// The counting happens in `baocao-crypto-count` (Sources/BaoCaoCryptoCount), a process of
/// its own: libcrypto accepts counting allocation functions only before its first
/// allocation, long past in this test process.
@Suite("libcrypto allocations")
struct CryptoAllocationTests {
    /// What `baocao-crypto-count` prints as its last line.
    struct Count: Decodable {
        struct Live: Decodable {
            let allocations: Int
            let bytes: Int
        }

        let ec: Int
        let rsa: Int
        let before: Live
        let after: Live
        let allocationsDuringCycles: Int
        let survivingFromCycles: Int
        /// Of those, blocks of BIGNUM words made again (a long-lived BIGNUM grown by a limb).
        let regrownBignumBlocks: Int
        let seconds: Double
    }

    /// The binary built beside the test bundle (`.build/debug`, or `.build-asan/debug`
    /// under Scripts/asan).
    static let executable: URL? = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [beside, beside.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")]
            .map { $0.appendingPathComponent("baocao-crypto-count") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    private func count(_ arguments: [String]) throws -> (status: Int32, count: Count, output: String) {
        let executable = try #require(Self.executable, "baocao-crypto-count is not built: run `swift build --build-tests`")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let last = try #require(output.split(separator: "\n").last, "no output; stderr: \(error)")
        let count = try JSONDecoder().decode(Count.self, from: Data(last.utf8))
        return (process.terminationStatus, count, output + error)
    }

    /// 10,000 cycles of signing a report bundle, verifying it and refusing a copy with a
    /// damaged signature (9,500 with EC P-256 keys, 500 with RSA 2048), and 50 rounds of
    /// refused keys, PKCS#12 files, certificates and requests: as many libcrypto
    /// allocations and bytes live afterwards as before. The bytes may differ only when
    /// every block still live from the cycles holds the words of a BIGNUM that lives on
    /// (the RSA key's blinding values, refreshed with random numbers of varying length).
    @Test(.timeLimit(.minutes(5)))
    func tenThousandSignVerifyAndRefuseCycles_leaveNothingAllocated() throws {
        let (status, count, output) = try count([])
        #expect(count.ec + count.rsa == 10_000)
        #expect(count.after.allocations == count.before.allocations, "\(output)")
        #expect(count.after.bytes == count.before.bytes || (count.survivingFromCycles > 0 && count.regrownBignumBlocks == count.survivingFromCycles), "\(output)")
        // The functions counted the cycles' work, not nothing: a signature alone is dozens of allocations.
        #expect(count.allocationsDuringCycles > 1_000_000, "\(output)")
        #expect(status == 0, "\(output)")
    }

    /// The count sees a leak: one memory BIO leaked per cycle is counted, and the tool fails.
    @Test func oneLeakedBIOPerCycle_isCounted() throws {
        let (status, count, output) = try count(["--ec", "100", "--rsa", "0", "--refusals", "0", "--control-leak"])
        #expect(status == 1, "\(output)")
        #expect(count.after.allocations - count.before.allocations >= 100, "\(output)")
        #expect(count.after.bytes > count.before.bytes, "\(output)")
        #expect(count.survivingFromCycles >= 100, "\(output)")
    }
}
