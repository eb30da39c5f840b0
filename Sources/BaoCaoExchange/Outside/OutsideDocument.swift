import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// The document of a report received outside the system (seed 000 art. 7.3: "văn bản điện
/// tử thông qua Hệ thống quản lý văn bản và điều hành"): a PDF — its signatures checked
/// when it is signed (``PDFSignatureCheck``) — or a scan (JPEG, PNG, TIFF). Known by its
/// bytes, not its name; anything else, an empty file, one over 32 MiB, or a signed PDF
/// whose signature does not hold (changed after signing) is refused.
public struct OutsideDocument: Sendable {
    public static let maximumSize = 32 << 20

    public let data: Data
    public let contentType: String
    /// What each signature of a signed PDF came to; empty for a scan or an unsigned PDF.
    public let signatures: [OutsideReportRecord.SignatureCheck]

    /// Whether it is a PDF with signatures (all verified).
    public var isSignedPDF: Bool { !signatures.isEmpty }

    /// Reads `data`, named `name` in messages.
    ///
    /// #### Errors
    /// An ``ExchangeError`` naming, in Vietnamese, why the document cannot be kept.
    public init(_ data: Data, name: String) throws(ExchangeError) {
        guard !data.isEmpty else { throw ExchangeError(.malformedFile, message: "Tệp \(name) rỗng.", log: "empty outside document") }
        guard data.count <= Self.maximumSize else {
            throw ExchangeError(.tooLarge, message: "Tệp \(name) lớn hơn 32 MiB.", log: "outside document \(data.count) bytes")
        }
        guard let type = Self.contentType(of: data) else {
            throw ExchangeError(.malformedFile, message: "Tệp \(name) không phải PDF hay ảnh quét (JPEG, PNG, TIFF).", log: "outside document of unknown type")
        }
        self.data = data
        self.contentType = type
        guard type == "application/pdf" else {
            signatures = []
            return
        }
        let check = PDFSignatureCheck(pdf: data)
        guard !check.signatures.isEmpty else {
            signatures = []
            return
        }
        // A signed document whose signature no longer holds was changed after it was signed: not the sender's.
        guard check.isValid else {
            throw ExchangeError(.malformedFile, message: "Tệp \(name) có chữ ký số không hợp lệ: \(check.reasons.joined(separator: " ")) Không ghi nhận.",
                                log: "outside document signatures do not verify")
        }
        signatures = check.signatures.map { .init(signer: $0.signerName, signedAt: $0.signingTime, problem: $0.problem) }
    }

    /// The type the bytes say.
    static func contentType(of data: Data) -> String? {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return "image/tiff" }
        return nil
    }
}
