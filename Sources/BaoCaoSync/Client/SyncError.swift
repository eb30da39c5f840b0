import BaoCaoCore
import Foundation

/// Why a sync round failed; the loop backs off and tries again. Nothing waiting is lost:
/// what was not settled stays queued.
public enum SyncError: Error, CustomStringConvertible, Sendable {
    /// The parent answered a request with this status and message.
    case parentAnswered(Int, String)
    /// This node's configuration names no parent address.
    case noParentAddress
    /// A page of the parent's feed did not read (framing, compression).
    case malformedFeed(String)
    /// An item of the parent's feed is signed ahead of this node's clock beyond the
    /// tolerance: the page is asked for again later rather than acknowledged without it.
    case feedItemTooEarly(String)
    /// The parent's TLS certificate did not verify against the anchors at this machine's
    /// clock (read at `checkedAt`): issued by a CA this node does not trust, or not valid
    /// at that time — often a clock that is wrong.
    case parentCertificateRefused(checkedAt: Date)
    /// The server at the parent's address presented a certificate (this fingerprint, or
    /// none) that the release in force does not register for the parent unit: another
    /// node answers in the parent's place (``ParentPin``).
    case parentNotRegistered(UnitCode, String)

    /// Whether the parent said "later" plainly (it cannot store now, it is busy or
    /// unavailable): not an answer to keep as not understood.
    public var isTemporary: Bool {
        if case .parentAnswered(let status, _) = self { return status == 507 || status == 503 || status == 429 }
        return false
    }

    public var description: String {
        switch self {
        case .parentAnswered(507, let text): "Nút cấp trên không lưu được gói tin (ổ đĩa đầy hoặc chỉ đọc), sẽ gửi lại sau: \(text)"
        case .parentAnswered(let status, let text): "Nút cấp trên trả lời lỗi \(status): \(text)"
        case .noParentAddress: "Chưa biết địa chỉ nút cấp trên (network.parentURL)."
        case .malformedFeed(let text): "Dữ liệu nhận từ nút cấp trên không đúng khuôn dạng (\(text)); sẽ nhận lại ở lần đồng bộ sau."
        case .parentCertificateRefused(let checkedAt):
            "Không xác thực được chứng thư TLS của nút cấp trên: chứng thư không do tổ chức cấp chứng thư được tin cậy cấp, hoặc "
                + "chưa có hiệu lực hay đã hết hạn theo đồng hồ của máy này (\(VietnamTime.displayText(checkedAt))). Hãy kiểm tra đồng hồ "
                + "của máy này và chứng thư của nút cấp trên; các gói tin vẫn được giữ và sẽ gửi lại."
        case .parentNotRegistered(let parent, let fingerprint):
            "Máy chủ tại địa chỉ nút cấp trên không dùng chứng thư đã đăng ký của đơn vị \(parent) (dấu vân tay \(fingerprint.prefix(16))…): "
                + "có thể một máy khác đang mạo danh nút cấp trên. Chưa gửi gì; các gói tin vẫn được giữ. Hãy kiểm tra network.parentURL và "
                + "network.parentAddress, hoặc báo cho cấp trên."
        case .feedItemTooEarly(let text):
            "Chưa nhận được gói tin từ cấp trên: \(text) Hãy kiểm tra đồng hồ của máy này (có thể đang chậm); sẽ nhận lại ở lần đồng bộ sau."
        }
    }
}
