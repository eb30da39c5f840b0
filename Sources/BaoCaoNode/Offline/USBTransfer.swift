import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoZip
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
    public func export(to directory: URL, for child: UnitCode? = nil, progress: (Int, Int) -> Void = { _, _ in }) throws -> Int {
        let ids = try pendingIds(for: child)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (index, id) in ids.enumerated() {
            try DurableFile.write(files.read(id), to: directory.appendingPathComponent(id + ".bcb"))
            progress(index + 1, ids.count)
        }
        return ids.count
    }

    /// The bundles still waiting to go up to the parent, as one ZIP file (each
    /// `<folder>/<id>.bcb`) to download and carry on a stick; and how many there are.
    public func exportArchive(folder: String) throws -> (archive: Data, count: Int) {
        let ids = try pendingIds(for: nil)
        let writer = try ZipWriter()
        for id in ids { try writer.add("\(folder)/\(id).bcb", data: try files.read(id), compressed: false) }
        guard let archive = writer.data else { throw ZipWriter.Failure(name: folder, underlying: "no data") }
        return (archive, ids.count)
    }

    /// Each bundle waiting to go up (`child == nil`) or down to one child, once, oldest first.
    private func pendingIds(for child: UnitCode?) throws -> [String] {
        let deliveries = try child.map { try store.pendingDeliveries(direction: .down, destination: $0) }
            ?? store.pendingDeliveries(direction: .up)
        var seen: Set<String> = []
        return deliveries.map(\.bundleId).filter { seen.insert($0).inserted }
    }

    /// One file's result.
    public struct ImportLine: Sendable {
        public let file: String
        /// What the node made of it; `nil` for a file that was not a bundle to take in
        /// (half-written), or one that could not be stored.
        public let outcome: IngestOutcome?
        /// Why the file was not taken in, when it was not a verdict on the bundle.
        public let note: String?
        /// Set when the node could not store the bundle: the file stays on the stick, to
        /// import again.
        public let failure: NodeError?

        public var text: String {
            if let outcome { return "\(file): \(outcome)" }
            if let failure { return "\(file): chưa nhận được: \(failure.message)" }
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

    /// Verifies and ingests one file, exactly as a bundle that came over HTTPS.
    public static func importFile(_ url: URL, into runtime: NodeRuntime, now: Date) -> ImportLine {
        let name = url.lastPathComponent
        if name.hasSuffix(".tmp") || name.hasSuffix(".partial") {
            return ImportLine(file: name, outcome: nil, note: "bỏ qua: tệp chưa ghi xong (quá trình sao chép bị gián đoạn), hãy xuất lại", failure: nil)
        }
        // Sized before it is read: a file no bundle can be is never brought into memory.
        let limit = BundleLimits.default.maximumFileSize
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue, size > limit {
            return ImportLine(file: name, outcome: .rejected(Self.tooLarge(name, size: size, limit: limit)), note: nil, failure: nil)
        }
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            return ImportLine(file: name, outcome: .rejected(BundleError(.notABundle, message: "Không đọc được tệp.", log: "unreadable \(name)")),
                              note: nil, failure: nil)
        }
        do {
            return ImportLine(file: name, outcome: try runtime.ingest(data, from: .carrier, now: now), note: nil, failure: nil)
        } catch {
            return ImportLine(file: name, outcome: nil, note: nil, failure: error)
        }
    }

    /// The refusal of a file larger than any bundle can be, naming the file and the limit.
    static func tooLarge(_ name: String, size: Int, limit: Int) -> BundleError {
        BundleError(.tooLarge,
                    message: "Tệp \(name) có dung lượng \(size) byte, vượt giới hạn \(limit) byte của một gói tin; tệp không được đọc.",
                    log: "usb file \(name) of \(size) bytes over the bundle file limit \(limit)")
    }
}
