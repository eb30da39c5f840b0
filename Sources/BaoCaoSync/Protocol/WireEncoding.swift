import BaoCaoBundle
import BaoCaoCore
import BaoCaoZip
import Foundation

/// The HTTP content coding of a batch of bundles: `deflate` (a zlib stream) or none.
///
/// Bundles keep their small parts uncompressed so that they are checked fast and hashed
/// as they are (``BundleArchive/write(_:)``); a commune's 3G link still carries them
/// compressed, batch by batch, where the bundles' shared vocabulary compresses better than
/// each bundle alone.
public enum WireEncoding {
    /// Whether an `Accept-Encoding` header admits `deflate`.
    public static func accepts(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        return acceptEncoding.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return parts.first == "deflate" && !parts.dropFirst().contains("q=0")
        }
    }

    /// A body as sent, decoded; refuses codings other than `deflate` and a body that
    /// inflates beyond `limit`.
    public static func decode(_ body: Data, contentEncoding: String?, limit: Int) throws -> Data {
        switch contentEncoding?.trimmingCharacters(in: .whitespaces).lowercased() {
        case nil, "", "identity":
            return body
        case "deflate":
            do {
                return try Zlib.decompress(body, limit: limit)
            } catch Zlib.Failure.tooLarge {
                throw BundleError(.framing, message: "Lô gói tin giải nén ra quá \(limit) byte.", log: "deflate body over \(limit) bytes")
            } catch {
                throw BundleError(.framing, message: "Lô gói tin nén (deflate) bị hỏng hoặc bị cắt cụt.", log: "corrupt deflate body")
            }
        case let other?:
            throw BundleError(.framing, message: "Kiểu nén \"\(other.prefix(40))\" không được hỗ trợ (chỉ deflate).",
                              log: "unsupported content coding \(other.prefix(40))")
        }
    }
}
