import BaoCaoExchange
import Foundation
import Hummingbird

extension ReportPages {
    /// The unit's own approved report as a PAdES-signed PDF for the e-office system,
    /// sealed with the node's signing identity (the leader signs in person with a token,
    /// from the command line or the signing service), downloaded. A POST: each PDF made is
    /// signed and recorded in the audit log.
    func signedPDF(context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        let actor = try PageSupport.actor(context)
        let made = try ReportPDFService(work: web.work).make(report: id, by: actor, person: nil, at: Date())
        return PageSupport.download(made.pdf, name: made.fileName, contentType: "application/pdf")
    }
}
