import BaoCaoCore
import BaoCaoBundle
import Foundation

/// How several bundles travel in one HTTP body (`application/vnd.baocao.bundles`): each
/// bundle's length as 8 bytes, big-endian, then its bytes. Nothing to escape, and a
/// receiver knows each bundle's size before reading it.
public enum BundleFraming {
    public static let mediaType = "application/vnd.baocao.bundles"

    public static func encode(_ bundles: [Data]) -> Data {
        var out = Data()
        out.reserveCapacity(bundles.reduce(0) { $0 + $1.count + 8 })
        for bundle in bundles {
            var length = UInt64(bundle.count).bigEndian
            withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
            out.append(bundle)
        }
        return out
    }

    /// Splits a body; refuses a truncated one, or more than `maximumCount` bundles.
    public static func decode(_ body: Data, maximumCount: Int = 1000) throws -> [Data] {
        var bundles: [Data] = []
        var index = body.startIndex
        while index < body.endIndex {
            guard body.endIndex - index >= 8 else { throw BundleError.framing("thiếu độ dài gói tin") }
            var length: UInt64 = 0
            for byte in body[index..<index + 8] { length = length << 8 | UInt64(byte) }
            index += 8
            guard length <= UInt64(body.endIndex - index) else { throw BundleError.framing("gói tin bị cắt cụt") }
            bundles.append(body.subdata(in: index..<index + Int(length)))
            index += Int(length)
            guard bundles.count <= maximumCount else { throw BundleError.framing("quá \(maximumCount) gói tin trong một lần gửi") }
        }
        return bundles
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let framing = Self("framing")
}

extension BundleError {
    static func framing(_ reason: String) -> BundleError {
        BundleError(.framing, message: "Dữ liệu gửi lên không đúng khuôn dạng: \(reason).", log: "bad bundle framing: \(reason)")
    }
}
