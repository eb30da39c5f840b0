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
    /// Units' encryption certificates come from the installed registry (`registry.json` of
    /// `pki init-dev`) while the release in force lists none, and from `changes`; each is
    /// checked against the anchors and for encryption only, and a revoked one leaves the list.
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
        if list.encryption == nil, let installed = settings.installedTrust?.registry?.encryption, !installed.isEmpty {
            list.encryption = installed
        }
        for registration in changes.encryptionCertificates {
            list = try list.adding(encryptionCertificate: registration.certificate, for: registration.unit)
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
        try Self.applyPersons(changes, to: &list)
        for fingerprint in changes.revocations {
            revoked.append(.init(fingerprint: fingerprint, revokedAt: now, reason: changes.revocationReason.nfc))
            list.signers = list.signers.mapValues { $0.filter { $0 != fingerprint } }
            list = list.removingEncryptionCertificate(fingerprint)
            list.persons = list.persons?.map { person in
                var person = person
                person.certificates.removeAll { $0 == fingerprint }
                return person
            }
        }
        let units = try changes.topology ?? previous?.content.topology ?? work.store.topology().units
        let succession = try Self.checkedSuccession(changes, previous: previous, publisher: work.home, units: units)
        try Self.continuing(changes.continues, publisher: work.home, version: (previous?.content.version ?? 0) + 1, signer: identity, succession: succession, units: units,
                            list: &list, revoked: &revoked)
        try Self.closing(changes, publisher: work.home, previous: previous, list: &list)
        if !changes.publishers.isEmpty { list.publishers = changes.publishers }
        if !changes.revocationLists.isEmpty { list = try list.adding(revocationLists: changes.revocationLists, at: now) }
        try list.checkEncryptionCertificates()
        let catalog = try changes.catalog.map { try Self.checked($0, from: changes.catalogSource, against: Topology(units: units)) }
            ?? previous?.content.catalog ?? work.catalog()
        let overrides = previous?.content.calendarOverrides ?? settings.calendarOverrides
        let personnel = try Self.checkedPersonnel(changes.personnel ?? previous?.content.personnel ?? settings.personnelCatalog,
                                                  against: Topology(units: units))
        let (trustList, revocations) = (list, revoked)
        return ReleasePublisher.next(after: previous, publisher: work.home, publishedAt: now, validForDays: settings.validForDays) { content in
            content.topology = units
            content.catalog = catalog
            content.calendarOverrides = overrides
            content.trust = trustList
            content.revoked = revocations
            content.personnel = personnel
            content.succession = succession
            if !changes.continues.isEmpty {
                content.continues = changes.continues.map { ReleaseLink(publisher: $0.content.publisher, version: $0.content.version, hash: $0.hash) }
            }
            content.successor = changes.successor
        }
    }

    /// The personnel catalog to publish, if any: its authority (the Sở Nội vụ) must be a
    /// department of the topology being published.
    static func checkedPersonnel(_ catalog: PersonnelCatalog?, against topology: Topology) throws -> PersonnelCatalog? {
        guard let catalog else { return nil }
        guard let authority = topology.unit(code: catalog.authority), authority.kind == .department else {
            throw ServiceError.invalid("Danh mục nhân sự: đơn vị quản lý hồ sơ cán bộ \(catalog.authority) không phải một sở trong danh sách đơn vị của tỉnh.")
        }
        return catalog
    }

    /// Adds the persons' anchors, registers the persons — each certificate checked against
    /// those anchors and for non-repudiation first — and sets the date from which personal
    /// signatures are required.
    static func applyPersons(_ changes: ReleaseChanges, to list: inout TrustList) throws {
        var anchors = list.personAnchors ?? []
        for anchor in changes.personAnchors {
            guard anchor.isCertificateAuthority else {
                throw ServiceError.invalid("Chứng thư \(anchor.subject) không phải chứng thư của tổ chức chứng thực (CA); không dùng làm gốc tin cậy cho chữ ký cá nhân.")
            }
            let pem = String(decoding: anchor.pem, as: UTF8.self)
            if !anchors.contains(pem) { anchors.append(pem) }
        }
        if !anchors.isEmpty { list.personAnchors = anchors }
        if !changes.personRegistrations.isEmpty {
            guard let personTrust = try list.personTrustStore() else {
                throw ServiceError.invalid("Chưa có tổ chức chứng thực nào cho chữ ký cá nhân trong bản phát hành: thêm --person-anchor trước khi đăng ký người ký.")
            }
            var persons = list.persons ?? []
            for registration in changes.personRegistrations {
                let certificate = registration.certificate
                guard case .success = personTrust.chain(for: certificate) else {
                    throw ServiceError.invalid("Chứng thư \(certificate.subject) không do tổ chức chứng thực cho chữ ký cá nhân mà tỉnh tin cậy cấp; không đăng ký.")
                }
                guard certificate.allowsNonRepudiation else {
                    throw ServiceError.invalid("Chứng thư \(certificate.subject) không có mục đích chống chối bỏ (non-repudiation); không dùng được cho chữ ký cá nhân.")
                }
                guard let name = certificate.commonName, !name.isEmpty else {
                    throw ServiceError.invalid("Chứng thư \(certificate.subject) không ghi họ tên người (CN); không đăng ký.")
                }
                let fingerprint = certificate.fingerprint
                if let index = persons.firstIndex(where: { $0.unit == registration.unit && $0.name == name.nfc }) {
                    if !persons[index].certificates.contains(fingerprint) { persons[index].certificates.append(fingerprint) }
                    persons[index].title = registration.title.nfc
                    persons[index].roles = Array(Set(persons[index].roles + registration.roles)).sorted { $0.rawValue < $1.rawValue }
                } else {
                    persons.append(RegisteredPerson(name: name, title: registration.title, unit: registration.unit,
                                                    roles: registration.roles, certificates: [fingerprint]))
                }
            }
            list.persons = persons
        }
        if let from = changes.personalSignaturesRequiredFrom {
            guard list.personAnchors?.isEmpty == false, list.persons?.isEmpty == false else {
                throw ServiceError.invalid("Không thể bắt buộc chữ ký cá nhân khi bản phát hành chưa đăng ký người ký nào.")
            }
            list.personalSignaturesRequiredFrom = from
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
