import BaoCaoBundle
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

extension WebEnvironment {
    /// The person's signature on a bundle the node holds — checked as the node checks any
    /// bundle, as of when it arrived —, for pages that name who signed a report.
    func personalSignature(ofBundle id: String?, arrivedAt: Date?) -> PersonalSignature? {
        guard let id, let bytes = try? work.runtime.files.read(id), let verifier = try? work.runtime.ingestor().trust.verifier else { return nil }
        return verifier.verify(bytes, now: Date(), arrivedAt: arrivedAt).bundle?.personalSignature
    }
}
