import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import Foundation

/// Publishing across the 2025 reform: the succession a province release carries, the
/// first release of a merged province continuing its predecessors' chains
/// (`release publish --succession … --continues …`), and the last release of a chain that
/// ends (`release close --successor …`).
extension ReleaseService {
    /// The succession to publish: the one given, checked against the units published with
    /// it; otherwise the one in force, carried over.
    static func checkedSuccession(_ changes: ReleaseChanges, previous: AcceptedRelease?, publisher: UnitCode,
                                  units: [ReportingUnit]) throws -> Succession? {
        guard let succession = changes.succession else { return previous?.content.succession }
        let topology: Topology
        do { topology = try Topology(units: units) } catch let error as CoreError { throw ServiceError.invalid(error.message) }
        if let problem = succession.problems(against: topology).first { throw ServiceError.invalid(problem.message) }
        return succession
    }

    /// The first release of a merged province: each continued release must be a province
    /// release that named this publisher — and this node's key — as its successor, with
    /// the version about to be published. Their anchors and revocations carry over; former
    /// units' registrations carry over too, and every certificate registered for a unit
    /// the succession retired is revoked as of the reform (``SuccessionRevocation``). A unit
    /// continuing under its code also keeps its node's TLS certificates, its encryption
    /// certificates and its registered persons (with their anchors).
    static func continuing(_ continued: [AcceptedRelease], publisher: UnitCode, version: Int, signer: SigningIdentity, succession: Succession?,
                           units: [ReportingUnit], list: inout TrustList, revoked: inout [SignerRegistry.Revocation]) throws {
        var publishers: Set<UnitCode> = []
        for release in continued {
            let content = release.content
            guard publishers.insert(content.publisher).inserted else {
                throw ServiceError.invalid("Bản phát hành được nối tiếp của \(content.publisher) được nêu hai lần; mỗi chuỗi chỉ nối tiếp một lần.")
            }
            guard content.isProvinceRelease, let successor = content.successor else {
                throw ServiceError.invalid("Bản phát hành phiên bản \(content.version) của \(content.publisher) chưa kết thúc chuỗi (không chỉ định tỉnh kế tiếp); "
                    + "tỉnh \(content.publisher) cần phát hành bản cuối bằng baocao release close --successor \(publisher).")
            }
            guard successor.publisher == publisher else {
                throw ServiceError.invalid("Bản phát hành cuối của \(content.publisher) chỉ định tỉnh \(successor.publisher) tiếp nối, không phải \(publisher).")
            }
            guard successor.firstVersion == version else {
                throw ServiceError.invalid("Bản phát hành cuối của \(content.publisher) chỉ định phiên bản \(successor.firstVersion) của \(publisher) "
                    + "tiếp nối, nhưng bản sắp phát hành là phiên bản \(version).")
            }
            guard successor.publisherKeys.contains(signer.certificate.fingerprint) else {
                throw ServiceError.invalid("Bản phát hành cuối của \(content.publisher) không nêu khóa ký số của nút này (\(signer.certificate.subject)) "
                    + "trong các khóa được phát hành tiếp nối; các nút của \(content.publisher) sẽ không nhận bản phát hành này.")
            }
            guard let trust = content.trust else { continue }
            for anchor in trust.anchors where !list.anchors.contains(anchor) { list.anchors.append(anchor) }
            for intermediate in trust.intermediates where !list.intermediates.contains(intermediate) { list.intermediates.append(intermediate) }
            for revocation in content.revoked ?? [] where !revoked.contains(where: { $0.fingerprint == revocation.fingerprint }) {
                revoked.append(revocation)
            }
            guard let succession else { continue }
            let newCodes = Set(units.map(\.code))
            for former in succession.formerUnits {
                let code = former.code.rawValue
                if list.signers[code] == nil, let fingerprints = trust.signers[code] { list.signers[code] = fingerprints }
                // A unit continuing under its code keeps its node, its encryption
                // certificates and its registered persons: it goes on syncing and signing.
                guard newCodes.contains(former.code) else { continue }
                if list.nodes?[code] == nil, let nodes = trust.nodes?[code] { list.nodes = (list.nodes ?? [:]).merging([code: nodes]) { $1 } }
                if list.encryption?[code] == nil, let certificates = trust.encryption?[code] {
                    list.encryption = (list.encryption ?? [:]).merging([code: certificates]) { $1 }
                }
                let persons = (trust.persons ?? []).filter { $0.unit == former.code }
                if !persons.isEmpty, !(list.persons ?? []).contains(where: { $0.unit == former.code }) {
                    list.persons = (list.persons ?? []) + persons
                    for anchor in trust.personAnchors ?? [] where !(list.personAnchors ?? []).contains(anchor) {
                        list.personAnchors = (list.personAnchors ?? []) + [anchor]
                    }
                    for intermediate in trust.personIntermediates ?? [] where !(list.personIntermediates ?? []).contains(intermediate) {
                        list.personIntermediates = (list.personIntermediates ?? []) + [intermediate]
                    }
                }
            }
        }
        guard !continued.isEmpty, let succession else { return }
        let topology = try Topology(units: units)
        let registry = SignerRegistry(signers: list.signers)
        for revocation in SuccessionRevocation.revocations(under: succession, newTopology: topology, registry: registry)
        where !revoked.contains(where: { $0.fingerprint == revocation.fingerprint }) {
            revoked.append(revocation)
        }
    }

    /// The last release of a chain: it names its successor, and may add the anchors the
    /// successor's keys chain to. A chain with no release yet has nothing to close.
    static func closing(_ changes: ReleaseChanges, publisher: UnitCode, previous: AcceptedRelease?, list: inout TrustList) throws {
        guard let successor = changes.successor else {
            guard changes.addedAnchors.isEmpty else {
                throw ServiceError.invalid("Chỉ thêm chứng thư gốc của tỉnh kế tiếp khi kết thúc chuỗi (--successor).")
            }
            return
        }
        guard previous != nil else {
            throw ServiceError.invalid("Chưa có bản phát hành nào của \(publisher) để kết thúc chuỗi.")
        }
        guard !successor.publisherKeys.isEmpty else {
            throw ServiceError.invalid("Cần ít nhất một khóa phát hành của tỉnh kế tiếp \(successor.publisher) (--successor-publishers).")
        }
        for anchor in changes.addedAnchors {
            guard anchor.isCertificateAuthority else {
                throw ServiceError.invalid("Chứng thư \(anchor.subject) không phải chứng thư của tổ chức chứng thực (CA); không thêm làm gốc tin cậy.")
            }
            let pem = String(decoding: anchor.pem, as: UTF8.self)
            if !list.anchors.contains(pem) { list.anchors.append(pem) }
        }
    }
}
