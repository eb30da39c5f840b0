import BaoCaoCore
import Foundation

/// A packet encoded for sending: its kind, id and the exact bytes. The bytes are what is
/// signed, sent and archived, so they are made once and never re-encoded.
public struct NationalPacketDocument: Sendable, Hashable {
    public let kind: NationalPacketKind
    public let packetId: UUID
    public let createdAt: Date
    /// The JSON, keys sorted, UTF-8.
    public let bytes: Data

    public init(kind: NationalPacketKind, packetId: UUID, createdAt: Date, bytes: Data) {
        self.kind = kind
        self.packetId = packetId
        self.createdAt = createdAt
        self.bytes = bytes
    }

    /// Encodes a packet deterministically (sorted keys, ISO 8601 UTC instants).
    public init<Body>(_ packet: NationalPacket<Body>) throws {
        self.init(kind: packet.header.kind, packetId: packet.header.packetId, createdAt: packet.header.createdAt,
                  bytes: try NationalPacketCoding.encoder().encode(packet))
    }

    /// The file name the packet is written under: `<kind code>-<packet id>.json`.
    public var fileName: String { "\(kind.rawValue)-\(packetId.uuidString.lowercased()).json" }
}

/// The one JSON configuration for national packets, both ways.
public enum NationalPacketCoding {
    /// Sorted keys, so the same packet always has the same bytes; instants as UTC ISO 8601.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Reads a packet back.
    public static func decode<Body>(_ type: NationalPacket<Body>.Type, from data: Data) throws -> NationalPacket<Body> {
        try decoder().decode(type, from: data)
    }

    /// Reads only the header of any packet.
    public static func header(of data: Data) throws -> NationalPacketHeader {
        struct Envelope: Decodable {
            let header: NationalPacketHeader
            enum CodingKeys: String, CodingKey { case header = "ThongTinChung" }
        }
        return try decoder().decode(Envelope.self, from: data).header
    }
}
