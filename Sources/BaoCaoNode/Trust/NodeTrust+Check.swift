import BaoCaoBundle
import BaoCaoStore
import BaoCaoCore
import Foundation

extension NodeTrust {
    /// Checks a bundle as this node would take it in, without storing anything: the
    /// signature, chain, registration and parts (``BundleVerifier``), and for a release
    /// what the ``ReleaseGate`` says against the releases in force (a rollback, a fork, a
    /// publisher not trusted, a local release reaching beyond its publisher's scope).
    ///
    /// Routing and the content's own checks are left to ingestion: this answers "would a
    /// node holding this trust believe this bundle", for `baocao bundle verify`.
    ///
    /// #### Errors
    /// The ``BundleError`` that refuses the bundle; a bundle signed ahead of this clock
    /// beyond the tolerance is refused too.
    /// `arrivedAt` is when this node recorded the bundle as arrived, for one it holds (a
    /// certificate revoked after that does not refuse it); by default, `now`.
    public func check(_ data: Data, now: Date, arrivedAt: Date? = nil) throws -> VerifiedBundle {
        let bundle: VerifiedBundle
        switch verifier.verify(data, now: now, arrivedAt: arrivedAt) {
        case .refused(let error), .premature(let error, _): throw error
        case .valid(let verified): bundle = verified
        }
        guard bundle.manifest.kind.isRelease else { return bundle }
        let release = try AcceptedRelease(bundle: bundle)
        let gate = ReleaseGate(pinnedPublishers: pinnedPublishers, now: now)
        let decision: ReleaseGate.Decision
        if bundle.manifest.kind == .release {
            decision = gate.evaluate(release, signedBy: bundle.signer, current: provinceRelease, ended: endedProvinceReleases)
        } else if let province = provinceRelease {
            decision = gate.evaluateLocal(release, current: localReleases[release.content.publisher], province: province)
        } else {
            throw BundleError(.invalidRelease, message: "Chưa có bản phát hành của tỉnh để kiểm tra bản phát hành của đơn vị.",
                              log: "local release checked before any province release")
        }
        if case .refuse(let error) = decision { throw error }
        return bundle
    }
}
