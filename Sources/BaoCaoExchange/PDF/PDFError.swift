import BaoCaoCore

/// The domain of ``PDFError``.
public enum PDFDomain {}

/// A refusal while making, signing or checking a report's PDF. Messages say what is
/// wrong in Vietnamese.
public typealias PDFError = DomainError<PDFDomain>

extension ErrorCode where Domain == PDFDomain {
    /// The PDF cannot be read as one (no header, no cross-reference table, a missing object).
    public static let malformedFile = Self("malformedFile")
    /// The PDF uses a feature our writer does not (cross-reference streams, …).
    public static let unsupported = Self("unsupported")
    /// The signature does not fit the space kept for it.
    public static let signatureTooLarge = Self("signatureTooLarge")
    /// A signer's certificate is expired, not yet valid, or not for signing: nothing was signed.
    public static let certificateNotUsable = Self("certificateNotUsable")
}

extension PDFError {
    static func unsupported(_ what: String, log: String) -> PDFError {
        PDFError(.unsupported, message: "Tệp PDF dùng \(what), chưa hỗ trợ khi ký số.", log: "unsupported PDF: \(log)")
    }
}
