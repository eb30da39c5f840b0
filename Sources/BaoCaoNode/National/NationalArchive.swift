import BaoCaoCore
import BaoCaoStore
import Foundation

/// The node's signed copies of what it sends to the national system, under
/// `<dataDir>/national/`:
///
/// - `pending/<id>.json`, `.json.p7s`, `.receipt.json`: signed and kept before the first
///   attempt, so a failure never loses a copy; retried later;
/// - `sent/<YYYY-MM-DD>/<id>.json`, `.json.p7s`, `.receipt.json`: taken by the receiver,
///   filed under the UTC date of its answer.
///
/// The `.json` file holds the exact bytes sent and `.json.p7s` a detached CMS signature
/// (DER) over them by the node's signing identity, so
/// `openssl cms -verify -binary -inform DER -in X.json.p7s -content X.json -CAfile root.pem -purpose any` checks it.
public struct NationalArchive: Sendable {
    public let root: URL

    /// - Parameter dataDirectory: the node's data directory.
    public init(dataDirectory: URL) {
        root = dataDirectory.appendingPathComponent("national", isDirectory: true)
    }

    public var pendingDirectory: URL { root.appendingPathComponent("pending", isDirectory: true) }

    public func sentDirectory(on date: Date) -> URL {
        root.appendingPathComponent("sent", isDirectory: true).appendingPathComponent(Self.utcDay(date), isDirectory: true)
    }

    /// A kept packet: where its three files are.
    public struct Entry: Sendable, Hashable {
        public let directory: URL
        public let packetId: UUID

        public init(directory: URL, packetId: UUID) {
            self.directory = directory
            self.packetId = packetId
        }

        public var document: URL { directory.appendingPathComponent("\(Self.stem(packetId)).json") }
        public var signature: URL { directory.appendingPathComponent("\(Self.stem(packetId)).json.p7s") }
        public var receipt: URL { directory.appendingPathComponent("\(Self.stem(packetId)).receipt.json") }

        static func stem(_ id: UUID) -> String { id.uuidString.lowercased() }
    }

    /// Where a delivered packet's files are, given the UTC time of the receiver's answer.
    public func sent(_ packetId: UUID, answeredAt date: Date) -> Entry {
        Entry(directory: sentDirectory(on: date), packetId: packetId)
    }

    /// Writes a packet, its signature and its first receipt into `pending/`.
    public func keep(bytes: Data, signature: Data, receipt: NationalReceipt) throws -> Entry {
        let entry = Entry(directory: pendingDirectory, packetId: receipt.packetId)
        try write(bytes, to: entry.document)
        try write(signature, to: entry.signature)
        try write(receipt: receipt, of: entry)
        return entry
    }

    /// Updates a receipt in place.
    public func write(receipt: NationalReceipt, of entry: Entry) throws {
        try write(try Self.encoder.encode(receipt), to: entry.receipt)
    }

    /// Moves a delivered packet from `pending/` to `sent/<date>/` with its final receipt.
    /// The receipt is written first, so a crash half-way leaves a copy in one place or the other.
    public func file(_ entry: Entry, as receipt: NationalReceipt, on date: Date) throws -> Entry {
        try write(receipt: receipt, of: entry)
        let sent = Entry(directory: sentDirectory(on: date), packetId: entry.packetId)
        try DurableFile.createFolder(sent.directory)
        for (from, to) in [(entry.document, sent.document), (entry.signature, sent.signature), (entry.receipt, sent.receipt)] {
            guard rename(from.path, to.path) == 0 else { throw StoreError.writeFailed(to.path, errno: errno) }
        }
        try SystemFile.fsync(path: sent.directory.path)
        try SystemFile.fsync(path: entry.directory.path)
        return sent
    }

    /// The packets kept and not yet delivered, oldest signature first.
    public func pending() throws -> [(entry: Entry, receipt: NationalReceipt)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pendingDirectory.path)) ?? []
        var result: [(Entry, NationalReceipt)] = []
        for name in names where name.hasSuffix(".receipt.json") {
            guard let id = UUID(uuidString: String(name.dropLast(".receipt.json".count))) else { continue }
            let entry = Entry(directory: pendingDirectory, packetId: id)
            result.append((entry, try receipt(of: entry)))
        }
        return result.sorted { ($0.1.signedAt, $0.0.packetId.uuidString) < ($1.1.signedAt, $1.0.packetId.uuidString) }
    }

    public func receipt(of entry: Entry) throws -> NationalReceipt {
        do {
            return try Self.decoder.decode(NationalReceipt.self, from: Data(contentsOf: entry.receipt))
        } catch {
            throw NodeError(.nationalArchive, message: "Không đọc được biên nhận của gói tin \(entry.packetId) trong thư mục dữ liệu của nút.",
                            log: "reading receipt \(entry.receipt.path) failed: \(error)")
        }
    }

    func write(_ data: Data, to url: URL) throws {
        try DurableFile.write(data, to: url, creating: url.deletingLastPathComponent())
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func utcDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
