import BaoCaoBundle
import BaoCaoCore
import Foundation

/// A report as the e-office system takes it: ``ReportPageRenderer``'s page, signed PAdES
/// first by the leader (a person's ``SigningIdentity``, when there is one) and then by
/// the unit, each an incremental update with its visible appearance — the leader's name
/// and time in the signature block, the unit's seal over its left.
public enum SignedReportPDF {
    /// Renders and signs; the unit's signature, made last, covers the whole file.
    public static func make(_ document: ReportPDFDocument, person: SigningIdentity?, unit: SigningIdentity, at now: Date) throws -> Data {
        // Checked before anything is signed: no PDF leaves with one signature of two.
        if let person { try usable(person.certificate, as: "của lãnh đạo", at: now) }
        try usable(unit.certificate, as: "của đơn vị", at: now)
        let rendered = try ReportPageRenderer().render(document)
        let fonts = try PDFFonts()
        let placement = rendered.placement
        var pdf = rendered.pdf
        if let person {
            let name = person.certificate.commonName ?? document.signerName
            pdf = try PDFSigner().sign(pdf, PDFSigner.Request(
                identity: person, time: now, pageIndex: placement.pageIndex, rect: placement.person,
                appearance: try PDFSignatureAppearance.person(name: name, at: now, box: placement.person, fonts: fonts),
                fieldName: "ChuKyLanhDao", signerName: name, reason: "Người có thẩm quyền ký văn bản"))
        }
        let unitName = unit.certificate.commonName ?? document.sealName
        return try PDFSigner().sign(pdf, PDFSigner.Request(
            identity: unit, time: now, pageIndex: placement.pageIndex, rect: placement.seal,
            appearance: try PDFSignatureAppearance.seal(unitName: document.sealName, at: now, box: placement.seal, fonts: fonts),
            fieldName: "ChuKyDonVi", signerName: unitName, reason: "Cơ quan, tổ chức ban hành văn bản"))
    }

    /// A certificate that may sign now: within its validity, its key usage allowing signatures.
    static func usable(_ certificate: Certificate, as whose: String, at now: Date) throws {
        let name = certificate.commonName ?? certificate.subject
        if now < certificate.notBefore || now > certificate.notAfter {
            let bound = now < certificate.notBefore ? "chưa đến ngày có hiệu lực (\(VietnamTime.displayText(certificate.notBefore)))"
                                                    : "đã hết hạn từ \(VietnamTime.displayText(certificate.notAfter))"
            throw PDFError(.certificateNotUsable, message: "Chứng thư số \(whose) (\(name)) \(bound); không ký được tệp PDF.",
                           log: "certificate \(certificate.fingerprint) outside its validity")
        }
        guard certificate.allowsSigning, !certificate.isCertificateAuthority else {
            throw PDFError(.certificateNotUsable, message: "Chứng thư số \(whose) (\(name)) không dùng để ký số văn bản (thiếu mục đích ký số).",
                           log: "certificate \(certificate.fingerprint) does not allow signing")
        }
    }
}
