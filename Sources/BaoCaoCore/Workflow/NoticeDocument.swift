import Foundation

/// A reminder (đôn đốc) or a window announcement (`notice.json`), sent down.
public struct NoticeDocument: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case reminder, windowOpened, windowClosed, windowExtended

        public var vietnameseName: String {
            switch self {
            case .reminder: "đôn đốc"
            case .windowOpened: "mở tiếp nhận"
            case .windowClosed: "đóng tiếp nhận"
            case .windowExtended: "gia hạn tiếp nhận"
            }
        }
    }

    public static let partPath = "notice.json"

    public var kind: Kind
    public var regime: RegimeCode?
    public var period: Period?
    public var text: String
    public var sentBy: String
    public var sentAt: Date

    public init(kind: Kind, regime: RegimeCode?, period: Period?, text: String, sentBy: String, sentAt: Date) {
        self.kind = kind
        self.regime = regime
        self.period = period
        self.text = text.nfc
        self.sentBy = sentBy
        self.sentAt = sentAt
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> NoticeDocument {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(NoticeDocument.self, from: data)
        } catch {
            throw CoreError(.invalidDocument, message: "Tệp notice.json không đọc được: không đúng cấu trúc thông báo.", log: "notice.json: \(error)")
        }
    }
}
