import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation

extension ReleaseService {
    /// The content of the province's next release: the release in force with `changes`
    /// applied.
    ///
    /// The trust list starts from the one in force, or for the first release from the
    /// installed trust (its publishers, else this node's own key). Registrations are
    /// checked against the anchors first, so a certificate from another CA never enters
    /// the registry. A revoked certificate leaves every unit's signers and joins the
    /// revocation list, dated now. A CA's revocation list (CRL) joins the trust list once
    /// checked against its anchors and intermediates (``TrustList/adding(revocationLists:at:)``).
    func provinceContent(_ changes: ReleaseChanges, trust: NodeTrust, identity: SigningIdentity, at now: Date) throws -> ReleaseContent {
        let previous = trust.provinceRelease
        var list: TrustList
        var revoked: [SignerRegistry.Revocation]
        if let previous, let inForce = previous.content.trust {
            list = inForce
            revoked = previous.content.revoked ?? []
        } else {
            guard let installed = settings.installedTrust else {
                throw ServiceError.invalid("Tệp \(settings.configurationName) chưa khai báo mục trust (chứng thư gốc, khóa phát hành, tệp đăng ký).")
            }
            list = TrustList(anchors: [String(decoding: installed.anchorsPEM, as: UTF8.self)],
                             publishers: installed.pinnedPublishers.isEmpty ? [identity.certificate.fingerprint] : installed.pinnedPublishers,
                             signers: installed.registry?.signers ?? [:], nodes: installed.registry?.nodes)
            revoked = installed.registry?.revoked ?? []
        }
        let anchors = try TrustStore(anchors: list.anchors.flatMap { try Certificate.all(pem: Data($0.utf8)) })
        for registration in changes.registrations {
            guard case .success = anchors.chain(for: registration.certificate) else {
                throw ServiceError.invalid("Chứng thư \(registration.certificate.subject) không do CA của tỉnh cấp; không đăng ký.")
            }
            var registry = SignerRegistry(signers: list.signers)
            registry.register(registration.certificate.fingerprint, for: registration.unit)
            list.signers = registry.signers
        }
        for fingerprint in changes.revocations {
            revoked.append(.init(fingerprint: fingerprint, revokedAt: now, reason: changes.revocationReason.nfc))
            list.signers = list.signers.mapValues { $0.filter { $0 != fingerprint } }
        }
        if !changes.publishers.isEmpty { list.publishers = changes.publishers }
        if !changes.revocationLists.isEmpty { list = try list.adding(revocationLists: changes.revocationLists, at: now) }
        let units = try changes.topology ?? previous?.content.topology ?? work.store.topology().units
        let catalog = try changes.catalog.map { try Self.checked($0, from: changes.catalogSource, against: Topology(units: units)) }
            ?? previous?.content.catalog ?? work.catalog()
        let overrides = previous?.content.calendarOverrides ?? settings.calendarOverrides
        let (trustList, revocations) = (list, revoked)
        return ReleasePublisher.next(after: previous, publisher: work.home, publishedAt: now, validForDays: settings.validForDays) { content in
            content.topology = units
            content.catalog = catalog
            content.calendarOverrides = overrides
            content.trust = trustList
            content.revoked = revocations
        }
    }

    /// The catalog, if it has no problem against the units the release carries.
    static func checked(_ catalog: Catalog, from source: String?, against topology: Topology) throws -> Catalog {
        let problems = catalog.problems(against: topology)
        if let first = problems.first {
            let more = problems.count > 1 ? " (và \(problems.count - 1) lỗi khác; xem baocao catalog check)" : ""
            throw ServiceError.invalid("\(source.map { "Tệp \($0)" } ?? "Danh mục"): \(first.message)\(more)")
        }
        return catalog
    }
}
