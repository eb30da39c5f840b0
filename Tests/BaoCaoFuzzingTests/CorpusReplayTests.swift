import BaoCaoFuzzing
import Foundation
import Testing

/// Every committed fuzzing input, replayed through its target: the corpora (the coverage
/// reached so far, seeds made from real objects among them) and the regressions (every
/// input that ever crashed a target). A replay that crashes is a regression of a fixed bug.
///
/// The targets are those of the one registry, ``FuzzTarget``: a target added there without
/// a corpus of seeds fails here, by name.
@Suite("Fuzz corpora and regressions replay through their targets")
struct CorpusReplayTests {
    /// `Tests/Fuzz`, found from this file's path.
    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func folder(_ kind: String, _ target: FuzzTarget) -> URL {
        fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
    }

    /// The files of a folder, by name; none for a folder that does not exist.
    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The folders directly under `Tests/Fuzz/<kind>`.
    static func folders(of kind: String) throws -> [String] {
        let root = fuzzDirectory.appendingPathComponent(kind)
        return try FileManager.default.contentsOfDirectory(atPath: root.path).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted()
    }

    /// Should replay every file of the target's corpus without a crash, the seeds among
    /// them each with its outcome: a seed made from a real object is accepted, so the
    /// target's checks run on it; a `seed-refused-` one is refused. A target with no
    /// corpus, or no seed, or no seed it accepts, fails by name.
    @Test(arguments: FuzzTarget.allCases)
    func corpus_whenReplayed_acceptsEverySeed_andRefusesEveryRefusedSeed(target: FuzzTarget) throws {
        let files = Self.files(in: Self.folder("corpus", target))
        try #require(!files.isEmpty, """
            Tests/Fuzz/corpus/\(target.rawValue) is empty or missing: make the seeds \
            (BAOCAO_WRITE_FUZZ_SEEDS=1 swift test --filter SeedWriterTests) and commit them
            """)
        var seeds = 0
        var acceptedSeeds = 0
        var wrong: [String] = []
        for file in files {
            let outcome = target.run(try Data(contentsOf: file))
            guard let expected = FuzzSeeds.expectedOutcome(ofFileNamed: file.lastPathComponent) else { continue }
            seeds += 1
            if outcome == .accepted { acceptedSeeds += 1 }
            if outcome != expected { wrong.append("\(file.lastPathComponent): \(outcome.rawValue), expected \(expected.rawValue)") }
        }
        #expect(seeds > 0, "Tests/Fuzz/corpus/\(target.rawValue) has no seed-… file")
        #expect(wrong == [], "seeds of \(target.rawValue) with the wrong outcome")
        #expect(acceptedSeeds > 0, "no seed of \(target.rawValue) is accepted: its checks would run on nothing")
    }

    /// Should hold exactly the seeds ``FuzzSeeds`` makes, and the public half of the bundle
    /// seeds' PKI: a seed lost in a corpus merge, or made but never committed, is named.
    @Test func committedSeeds_areExactlyTheOnesFuzzSeedsMakes() throws {
        let made = try FuzzSeeds.make()
        for target in FuzzTarget.allCases {
            let committed = Self.files(in: Self.folder("corpus", target)).map(\.lastPathComponent).filter { $0.hasPrefix(FuzzSeeds.prefix) }
            let expected = (made.seeds[target] ?? []).map { FuzzSeeds.prefix + $0.name }.sorted()
            #expect(committed == expected, "Tests/Fuzz/corpus/\(target.rawValue)")
        }
        #expect(Self.files(in: Self.fuzzDirectory.appendingPathComponent("trust")).map(\.lastPathComponent) == made.trust.map(\.name).sorted())
    }

    /// Should keep corpora and regressions only in folders named after a target: a file
    /// anywhere else would be replayed by nothing.
    @Test func everyFolderOfCorporaAndRegressions_isATarget() throws {
        let corpora = try Self.folders(of: "corpus")
        #expect(corpora == FuzzTarget.allCases.map(\.rawValue).sorted(), "Tests/Fuzz/corpus")
        let strays = try Self.folders(of: "regressions").filter { FuzzTarget(rawValue: $0) == nil }
        #expect(strays == [], "Tests/Fuzz/regressions")
    }

    /// Every input that once crashed a target, as `<target>/<file>`.
    static let regressions: [String] = FuzzTarget.allCases.flatMap { target in
        files(in: folder("regressions", target)).map { "\(target.rawValue)/\($0.lastPathComponent)" }
    }

    /// Should replay each input that once crashed its target without a crash; one test
    /// case per file, so a target with no regressions has no case that passes by doing nothing.
    @Test(arguments: regressions)
    func regression_whenReplayed_doesNotCrash(path: String) throws {
        let target = try #require(FuzzTarget(rawValue: String(path.prefix { $0 != "/" })))
        target.run(try Data(contentsOf: Self.fuzzDirectory.appendingPathComponent("regressions").appendingPathComponent(path)))
    }
}
