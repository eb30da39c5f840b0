import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// Carrying bundles on a USB stick when the link is down (DESIGN §9; seeds 000 art. 7.3,
/// 001 art. 10.2d).
///
/// Export writes each pending bundle as `<id>.bcb`, through a temporary file that is
/// flushed and renamed, so a stick pulled out mid-copy leaves a `.tmp` file, never a
/// truncated `.bcb`. Import verifies each file exactly as HTTPS does (``BundleIngestor``).
public struct USBTransfer: Sendable {
    public let store: NodeStore
    public let files: BundleFiles

    public init(store: NodeStore, files: BundleFiles) {
        self.store = store
        self.files = files
    }

    /// Writes the bundles still waiting to go up to the parent (`child == nil`), or down to
    /// one child; reports progress after each file. Returns how many were written.
    public func export(to directory: URL, for child: String? = nil, progress: (Int, Int) -> Void = { _, _ in }) throws -> Int {
        let deliveries = try child.map { try store.pendingDeliveries(direction: .down, destination: $0) }
            ?? store.pendingDeliveries(direction: .up)
        var seen: Set<String> = []
        let ids = deliveries.map(\.bundleId).filter { seen.insert($0).inserted }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (index, id) in ids.enumerated() {
            try DurableFile.write(files.read(id), to: directory.appendingPathComponent(id + ".bcb"))
            progress(index + 1, ids.count)
        }
        return ids.count
    }

    /// One file's result.
    public struct ImportLine: Sendable {
        public let file: String
        public let outcome: IngestOutcome?
        /// Set for files that were not bundles to ingest (half-written, not `.bcb`).
        public let note: String?

        public var text: String {
            if let outcome { return "\(file): \(outcome)" }
            return "\(file): \(note ?? "")"
        }
    }

    /// The files of a directory to import, in name order: `.bcb` files, and the leftovers
    /// of an interrupted export, which are reported and never ingested.
    public static func candidates(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "bcb" || $0.lastPathComponent.hasSuffix(".tmp") || $0.lastPathComponent.hasSuffix(".partial") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Verifies and ingests one file.
    public static func importFile(_ url: URL, with ingestor: () throws -> BundleIngestor, now: Date) -> ImportLine {
        let name = url.lastPathComponent
        if name.hasSuffix(".tmp") || name.hasSuffix(".partial") {
            return ImportLine(file: name, outcome: nil, note: "bỏ qua: tệp chưa ghi xong (quá trình sao chép bị gián đoạn), hãy xuất lại")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return ImportLine(file: name, outcome: .rejected(BundleError(.notABundle, message: "Không đọc được tệp.", log: "unreadable \(name)")), note: nil)
        }
        do {
            return ImportLine(file: name, outcome: try ingestor().ingest(data, origin: .usb, now: now), note: nil)
        } catch let error as BundleError {
            return ImportLine(file: name, outcome: .rejected(error), note: nil)
        } catch {
            return ImportLine(file: name, outcome: BundleIngestor.storageFailure(error), note: nil)
        }
    }
}
