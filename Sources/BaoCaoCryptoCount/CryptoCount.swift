import BaoCaoBundle
import COpenSSL
import Foundation

/// `baocao-crypto-count`: counts libcrypto's live allocations around many sign, verify
/// and refused-verify cycles through BaoCaoBundle, and exits non-zero unless every object
/// made during them was freed.
///
///     baocao-crypto-count [--ec N] [--rsa N] [--refusals N] [--warm-up N] [--control-leak]
///
/// `--ec` and `--rsa` are the cycles with each key kind (default 9,500 and 500: 10,000 in
/// all), `--refusals` the rounds of refused keys, certificates and requests (default 50),
/// `--warm-up` the rounds of each run before the first count, which fill the caches that
/// rightly live on (parsed certificates, built chains, libcrypto's fetched algorithms).
/// `--control-leak` leaks one memory BIO per cycle on purpose, to show that the count
/// sees a leak. The last line of output is JSON, for `CryptoAllocationTests`.
///
/// Exit status: 0 net zero; 1 something leaked; 2 a cycle did not behave; 3 libcrypto
/// had allocated before the counting functions could be installed; 64 bad arguments.
@main
enum CryptoCount {
    static func main() {
        // First thing: libcrypto accepts allocation functions only before it allocates.
        guard AllocationCounter.install() else {
            complain("libcrypto allocated before main; cannot count")
            exit(3)
        }
        let options: Options
        do {
            options = try Options(CommandLine.arguments.dropFirst())
        } catch {
            complain("\(error)")
            exit(64)
        }
        do {
            let result = try run(options)
            print("cycles: \(options.ec) EC P-256, \(options.rsa) RSA 2048 (sign, verify, refuse a damaged signature); "
                  + "\(options.refusals) rounds of refused keys and certificates")
            print("libcrypto live before: \(result.before.blocks) allocations, \(result.before.bytes) bytes")
            print("libcrypto live after:  \(result.after.blocks) allocations, \(result.after.bytes) bytes")
            print("allocations made during the cycles: \(result.after.allocations - result.before.allocations)")
            print("made during the cycles and still live: \(result.survivors.reduce(0) { $0 + $1.blocks }) allocations")
            for survivor in result.survivors {
                print("  \(survivor.site.file):\(survivor.site.line): \(survivor.blocks) allocations, \(survivor.bytes) bytes")
            }
            print(String(format: "time: %.1f s", result.seconds))
            print(result.json(options))
            // Out before exit: under Scripts/asan a LeakSanitizer report ends the process
            // without flushing.
            fflush(nil)
            exit(result.isNetZero ? 0 : 1)
        } catch {
            complain("\(error)")
            exit(2)
        }
    }

    static func complain(_ message: String) {
        FileHandle.standardError.write(Data("baocao-crypto-count: \(message)\n".utf8))
    }

    struct Result {
        let before: AllocationCounter.Snapshot
        let after: AllocationCounter.Snapshot
        let survivors: [(site: AllocationCounter.Site, blocks: Int, bytes: Int)]
        let seconds: Double

        /// As many blocks live after the cycles as before, and as many bytes; or other bytes
        /// only because BIGNUMs that live on had their words made again during the cycles:
        /// every block made then and still live comes from `bn_lib.c` (`bn_expand_internal`),
        /// and replaced one from before. RSA blinding refreshes its random values every 32
        /// private-key operations, and a value one limb longer than the last takes a larger
        /// block (seen: one block of 264 bytes for one of 256). A leak leaves more blocks live.
        var isNetZero: Bool {
            guard after.blocks == before.blocks else { return false }
            return after.bytes == before.bytes || (!survivors.isEmpty && regrownBignumBlocks == survivors.reduce(0) { $0 + $1.blocks })
        }

        /// Blocks of BIGNUM words made during the cycles and still live.
        var regrownBignumBlocks: Int {
            survivors.filter { $0.site.file.hasSuffix("bn/bn_lib.c") }.reduce(0) { $0 + $1.blocks }
        }

        func json(_ options: Options) -> String {
            "{\"ec\":\(options.ec),\"rsa\":\(options.rsa),\"refusals\":\(options.refusals),"
                + "\"before\":{\"allocations\":\(before.blocks),\"bytes\":\(before.bytes)},"
                + "\"after\":{\"allocations\":\(after.blocks),\"bytes\":\(after.bytes)},"
                + "\"allocationsDuringCycles\":\(after.allocations - before.allocations),"
                + "\"survivingFromCycles\":\(survivors.reduce(0) { $0 + $1.blocks }),"
                + "\"regrownBignumBlocks\":\(regrownBignumBlocks),"
                + "\"seconds\":\(String(format: "%.3f", seconds))}"
        }
    }

    static func run(_ options: Options) throws -> Result {
        let ec = try CountedNetwork(kind: .ecP256)
        let rsa = options.rsa > 0 ? try CountedNetwork(kind: .rsa2048) : nil
        let refusals = options.refusals > 0 ? try Refusals(network: ec) : nil
        let leak = options.controlLeak ? { _ = BIO_new(BIO_s_mem()) } : {}

        for round in 0..<options.warmUp {
            try ec.cycle(round)
            try rsa?.cycle(round)
            try refusals?.cycle()
        }
        let started = ContinuousClock.now
        let before = countAfterThreadState()
        AllocationCounter.startEpoch()
        for number in 0..<options.ec {
            try ec.cycle(number)
            leak()
        }
        if let rsa {
            for number in 0..<options.rsa {
                try rsa.cycle(number)
                leak()
            }
        }
        if let refusals {
            for _ in 0..<options.refusals { try refusals.cycle() }
        }
        let after = countAfterThreadState()
        let elapsed = ContinuousClock.now - started
        return Result(before: before, after: after, survivors: AllocationCounter.liveSitesOfCurrentEpoch(),
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// The count once libcrypto has dropped this thread's own state: its error queue, whose
/// sixteen slots each keep the last error's text until the slot is reused, and its
/// per-thread random generators. That state is bounded and libcrypto's, not an object
/// BaoCao made; freeing it on both sides of the cycles keeps it out of the comparison.
/// libcrypto makes it again at the next call that needs it.
func countAfterThreadState() -> AllocationCounter.Snapshot {
    OPENSSL_thread_stop()
    return AllocationCounter.snapshot()
}

struct Options {
    var ec = 9_500
    var rsa = 500
    var refusals = 50
    var warmUp = 3
    var controlLeak = false

    init(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        while let argument = rest.popFirst() {
            switch argument {
            case "--control-leak": controlLeak = true
            case "--ec", "--rsa", "--refusals", "--warm-up":
                guard let text = rest.popFirst(), let value = Int(text), value >= 0 else {
                    throw CountFailure("\(argument) needs a whole number")
                }
                switch argument {
                case "--ec": ec = value
                case "--rsa": rsa = value
                case "--refusals": refusals = value
                default: warmUp = value
                }
            default:
                throw CountFailure("unknown argument \(argument)")
            }
        }
    }
}

/// Why the count cannot go on, or a step that did not behave.
struct CountFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
