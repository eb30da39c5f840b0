import BaoCaoBundle
import BaoCaoCore
import Foundation

/// The seed corpora, made from real objects: bundles signed with a development PKI by
/// ``BundleWriter`` and ``ReleasePublisher``, manifests and report documents as the product
/// encodes them, CSV files, workbooks written by ``FormWorkbookWriter``, upload requests
/// and period texts. The bundle seeds' PKI is made afresh; its public half goes to
/// `Tests/Fuzz/trust` (never a private key), so ``FuzzTrust`` verifies them.
///
/// Every target has seeds, and the replay tests require them: a seed named
/// `seed-refused-…` is one the target must refuse (a bundle signed by an unregistered key,
/// a period that does not exist), every other `seed-…` one it must accept (``FuzzOutcome``).
///
/// The tests write them when `BAOCAO_WRITE_FUZZ_SEEDS=1`, as `seed-<name>` beside whatever
/// the fuzzer has added; writing again replaces every `seed-` file, so the committed seeds
/// are exactly the ones made here.
public enum FuzzSeeds {
    /// What a seed file's name starts with.
    public static let prefix = "seed-"
    /// What the name of a seed its target must refuse starts with.
    public static let refusedPrefix = "seed-refused-"

    /// The outcome a seed file must have, by its name; `nil` for a file that is not a seed.
    public static func expectedOutcome(ofFileNamed name: String) -> FuzzOutcome? {
        guard name.hasPrefix(prefix) else { return nil }
        return name.hasPrefix(refusedPrefix) ? .refused : .accepted
    }

    /// Every target's seeds (file names without ``prefix``), and the public half of the
    /// bundle seeds' PKI (`trust/` file names).
    public static func make() throws -> (seeds: [FuzzTarget: [(name: String, data: Data)]], trust: [(name: String, data: Data)]) {
        let bundles = try BundleSeeds.make()
        var seeds: [FuzzTarget: [(name: String, data: Data)]] = [:]
        for target in FuzzTarget.allCases {
            switch target {
            case .bundle: seeds[target] = bundles.bundles
            case .manifest: seeds[target] = bundles.manifests + TextSeeds.manifests()
            case .report: seeds[target] = try bundles.documents + TextSeeds.reports()
            case .csv: seeds[target] = try TextSeeds.csv()
            case .xlsx: seeds[target] = try WorkbookSeeds.make()
            case .upload: seeds[target] = TextSeeds.uploads(bundles: bundles.bundles.map(\.1))
            case .period: seeds[target] = TextSeeds.periods()
            case .adx: seeds[target] = try AdxSeeds.make()
            }
        }
        return (seeds, bundles.trust.map { (name: $0.0, data: $0.1) })
    }

    /// Writes every target's seeds under `directory` (`Tests/Fuzz`), replacing the `seed-`
    /// files there; returns how many per target.
    @discardableResult
    public static func write(to directory: URL = FuzzFiles.directory) throws -> [FuzzTarget: Int] {
        let files = FileManager.default
        let made = try make()
        let trust = directory.appendingPathComponent("trust")
        try files.createDirectory(at: trust, withIntermediateDirectories: true)
        for (name, data) in made.trust {
            try data.write(to: trust.appendingPathComponent(name), options: .atomic)
        }
        var counts: [FuzzTarget: Int] = [:]
        for target in FuzzTarget.allCases {
            let seeds = made.seeds[target] ?? []
            let folder = directory.appendingPathComponent("corpus").appendingPathComponent(target.rawValue)
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            for old in try files.contentsOfDirectory(atPath: folder.path) where old.hasPrefix(prefix) {
                try files.removeItem(at: folder.appendingPathComponent(old))
            }
            for (name, data) in seeds {
                try data.write(to: folder.appendingPathComponent(prefix + name), options: .atomic)
            }
            counts[target] = seeds.count
        }
        return counts
    }
}
