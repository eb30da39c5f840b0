import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Why the parent could not be reached, in words for the person at the node: the link
/// (refused, cut, silent), TLS, or what the parent answered. The technical detail — in
/// the transport's own English — belongs in the log, not in the sentence.
public enum LinkFailure {
    /// A Vietnamese clause for `error`, to follow "Không đồng bộ được với nút cấp trên …: ".
    public static func describe(_ error: any Error) -> String {
        if let error = error as? SyncError { return error.description }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .readTimeout, .deadlineExceeded:
                return "nút cấp trên không trả lời trong thời hạn (đường truyền chậm hoặc bị gián đoạn)"
            case .remoteConnectionClosed:
                return "kết nối bị ngắt giữa chừng"
            default:
                return "yêu cầu gửi nút cấp trên không thực hiện được"
            }
        }
        if let error = error as? IOError {
            return describe(errno: error.errnoCode)
        }
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first?.error as? IOError {
            return describe(errno: first.errnoCode)
        }
        if error is NIOSSLError || error is BoringSSLError {
            return "không lập được kết nối TLS với nút cấp trên"
        }
        if error is ChannelError {
            return "kết nối bị ngắt giữa chừng"
        }
        return "không kết nối được với nút cấp trên"
    }

    private static func describe(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "nút cấp trên không nhận kết nối (chưa chạy, hoặc sai địa chỉ, cổng)"
        case ECONNRESET, EPIPE: "kết nối bị ngắt giữa chừng"
        case ETIMEDOUT: "nút cấp trên không trả lời trong thời hạn (đường truyền chậm hoặc bị gián đoạn)"
        case EHOSTUNREACH, ENETUNREACH, ENETDOWN: "không có đường mạng tới nút cấp trên"
        default: "không kết nối được với nút cấp trên"
        }
    }
}
