import BaoCaoFuzzing
import Foundation
import Testing

/// Every committed fuzzing input, replayed through its target: the corpora (the coverage
/// reached so far) and the regressions (every input that ever crashed a target). A
/// replay that crashes is a regression of a fixed bug.
@Suite("Fuzz corpora and regressions replay without a crash")
struct CorpusReplayTests {
    /// `Tests/Fuzz`, found from this file's path.
    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Should replay each corpus file, and find at least one: a missing corpus fails.
    @Test(arguments: FuzzTarget.allCases)
    func corpus_whenReplayed_doesNotCrash(target: FuzzTarget) throws {
        let files = Self.files(in: Self.fuzzDirectory.appendingPathComponent("corpus").appendingPathComponent(target.rawValue))
        #expect(!files.isEmpty, "Tests/Fuzz/corpus/\(target.rawValue) is empty or missing")
        for file in files {
            target.run(try Data(contentsOf: file))
        }
    }

    /// Should replay every input that once crashed the target.
    @Test(arguments: FuzzTarget.allCases)
    func regressions_whenReplayed_doNotCrash(target: FuzzTarget) throws {
        for file in Self.files(in: Self.fuzzDirectory.appendingPathComponent("regressions").appendingPathComponent(target.rawValue)) {
            target.run(try Data(contentsOf: file))
        }
    }
}
