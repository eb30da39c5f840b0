import Foundation

/// A calling child asked for an upload beyond its quota (``UploadPolicy``): nothing was
/// created. The message is for the people at the child's node.
public enum UploadQuotaExceeded: Error, Sendable, Equatable {
    /// It already has `limit` uploads under way.
    case openUploads(limit: Int)
    /// Its uploads under way declare `held` bytes; `asked` more would pass `limit`.
    case bytes(held: Int, asked: Int, limit: Int)

    /// Why, in Vietnamese.
    public var message: String {
        switch self {
        case .openUploads(let limit):
            "Nút gửi đã có \(limit) tải lên chưa xong, là số tối đa cho phép; hãy hoàn tất hoặc huỷ bớt rồi gửi lại sau."
        case .bytes(let held, let asked, let limit):
            "Các tải lên chưa xong của nút gửi đã giữ \(held) byte; thêm \(asked) byte sẽ vượt hạn mức \(limit) byte cho mỗi nút. "
                + "Hãy hoàn tất các tải lên đang dở rồi gửi lại sau."
        }
    }
}
