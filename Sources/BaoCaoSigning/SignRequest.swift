import BaoCaoBundle
import BaoCaoCore
import Foundation

/// What a node's approval page asks the service to sign, checked before the leader sees
/// it: the service hashes the manifest itself and signs only attributes whose message
/// digest is that hash (content type id-data, signing time within minutes of this PC's
/// clock), of a manifest that says which unit, regime and period it is for — what the
/// confirmation page shows.
public struct SignRequest: Sendable {
    public let manifest: Manifest
    public let manifestBytes: Data
    public let attributes: SignedAttributes
    /// The SHA-256 of the manifest in hex: the bundle's id.
    public let bundleId: String

    public var unit: UnitCode { manifest.sender }
    public var regime: String { manifest.about["regime"] ?? "" }
    public var period: String { manifest.about["period"] ?? "" }

    public init(manifest manifestBytes: Data, attributes attributeBytes: Data, now: Date, tolerance: TimeInterval) throws {
        let attributes: SignedAttributes
        do {
            attributes = try SignedAttributes(der: attributeBytes)
        } catch let error as BundleError {
            throw SignServiceError(.digestMismatch, message: error.message, log: error.logDescription)
        }
        let digest = SHA256Digest.bytes(of: manifestBytes)
        guard attributes.contentDigest == digest else {
            throw SignServiceError(.digestMismatch,
                message: "Mã băm trong các thuộc tính cần ký không phải mã băm SHA-256 của bảng kê (manifest) gửi kèm: không ký.",
                log: "message-digest attribute \(SHA256Digest.hexString(attributes.contentDigest)) differs from the manifest's \(SHA256Digest.hexString(digest))")
        }
        guard abs(attributes.signingTime.timeIntervalSince(now)) <= tolerance else {
            throw SignServiceError(.signingTimeOff,
                message: "Thời điểm ký ghi trong yêu cầu (\(VietnamTime.displayText(attributes.signingTime))) lệch quá \(Int(tolerance / 60)) phút so với đồng hồ máy này (\(VietnamTime.displayText(now))): không ký. Hãy kiểm tra đồng hồ của máy này và của máy chủ.",
                log: "signing time \(attributes.signingTime) vs clock \(now)")
        }
        let manifest: Manifest
        do {
            manifest = try Manifest(decoding: manifestBytes)
        } catch let error as BundleError {
            throw SignServiceError(.notSignable, message: "Bảng kê (manifest) gửi kèm không hợp lệ: \(error.message)", log: error.logDescription)
        }
        guard [.report, .decision].contains(manifest.kind) else {
            throw SignServiceError(.notSignable, message: "Chỉ ký cá nhân báo cáo và quyết định về báo cáo; đây là gói tin loại \(manifest.kind.rawValue).",
                                   log: "refused to sign a \(manifest.kind)")
        }
        guard let regime = manifest.about["regime"], !regime.isEmpty, let period = manifest.about["period"], !period.isEmpty else {
            throw SignServiceError(.notSignable, message: "Bảng kê không ghi chế độ báo cáo và kỳ báo cáo: không biết mình ký gì, nên không ký.",
                                   log: "manifest without about.regime/period")
        }
        if let unit = manifest.about["unit"], unit != manifest.sender.rawValue {
            throw SignServiceError(.notSignable, message: "Bảng kê ghi đơn vị gửi \(manifest.sender) nhưng báo cáo của đơn vị \(unit): không ký.",
                                   log: "about.unit \(unit) differs from sender \(manifest.sender)")
        }
        self.manifest = manifest
        self.manifestBytes = manifestBytes
        self.attributes = attributes
        self.bundleId = SHA256Digest.hexString(digest)
    }
}
