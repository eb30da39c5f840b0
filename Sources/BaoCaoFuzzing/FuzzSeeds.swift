import BaoCaoBundle
import BaoCaoCore
import Foundation

/// Writes the seed corpora, made from real objects: bundles signed with a development
/// PKI by ``BundleWriter`` and ``ReleasePublisher``, manifests and report documents as
/// the product encodes them, CSV files, workbooks written by ``FormWorkbookWriter``,
/// upload requests and period texts. The bundle seeds' PKI is made afresh; its public
/// half goes to `Tests/Fuzz/trust` (never a private key), so ``FuzzTrust`` verifies them.
///
/// The tests run it when `BAOCAO_WRITE_FUZZ_SEEDS=1`. Seeds are written as
/// `seed-<name>`, beside whatever the fuzzer has added; running it again replaces them.
public enum FuzzSeeds {
    /// Writes every target's seeds under `directory` (`Tests/Fuzz`); returns how many per target.
    @discardableResult
    public static func write(to directory: URL = FuzzFiles.directory) throws -> [FuzzTarget: Int] {
        let files = FileManager.default
        let bundles = try BundleSeeds.make()
        let trust = directory.appendingPathComponent("trust")
        try files.createDirectory(at: trust, withIntermediateDirectories: true)
        for (name, data) in bundles.trust {
            try data.write(to: trust.appendingPathComponent(name), options: .atomic)
        }
        var counts: [FuzzTarget: Int] = [:]
        for target in FuzzTarget.allCases {
            let seeds: [(String, Data)]
            switch target {
            case .bundle: seeds = bundles.bundles
            case .manifest: seeds = bundles.manifests + TextSeeds.manifests()
            case .report: seeds = try bundles.documents + TextSeeds.reports()
            case .csv: seeds = TextSeeds.csv()
            case .xlsx: seeds = try WorkbookSeeds.make()
            case .upload: seeds = TextSeeds.uploads(bundles: bundles.bundles.map(\.1))
            case .period: seeds = TextSeeds.periods()
            }
            let folder = directory.appendingPathComponent("corpus").appendingPathComponent(target.rawValue)
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, data) in seeds {
                try data.write(to: folder.appendingPathComponent("seed-" + name), options: .atomic)
            }
            counts[target] = seeds.count
        }
        return counts
    }
}
