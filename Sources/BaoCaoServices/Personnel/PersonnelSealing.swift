import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation

/// What sealing personnel records needs from the release in force: who may read whose
/// records (the topology and the Sở Nội vụ it names) and each reader's encryption
/// certificates; and the node's own encryption identity to open what it received.
struct PersonnelSealing {
    let work: NodeWork
    let topology: Topology
    let access: PersonnelAccess
    let trust: TrustList

    init(work: NodeWork) throws {
        guard let release = try work.runtime.ingestor().trust.provinceRelease?.content, let catalog = release.personnel,
              let trust = release.trust else {
            throw ServiceError(.invalidInput, message: "Bản phát hành của tỉnh đang áp dụng chưa có danh mục hồ sơ cán bộ (cơ quan lưu giữ) hoặc danh sách tin cậy; chưa gửi được hồ sơ.",
                               log: "no personnel catalog or trust list in force")
        }
        self.work = work
        self.topology = try work.runtime.topology()
        self.access = PersonnelAccess(topology: topology, authority: catalog.authority)
        self.trust = trust
    }

    /// The units that may read records kept at any of `units`, each once.
    func readers(of units: [UnitCode]) -> [UnitCode] {
        var seen: Set<UnitCode> = []
        return units.flatMap(access.readers(ofRecordsAt:)).filter { seen.insert($0).inserted }
    }

    /// Seals `dossier` to `readers` and signs it into a bundle to `recipient`, queued; the
    /// caller records it. A reader without an encryption certificate stops it first.
    func send(_ dossier: PersonnelDossier, kind: BundleKind, to recipient: UnitCode, sealedTo readers: [UnitCode],
              at now: Date) throws -> NodeWork.MadeBundle {
        let sealed = try seal(dossier, to: readers)
        return try work.makeBundle(kind: kind, recipient: .unit(recipient),
                                   parts: [BundleWriter.Part(path: PartRule.sealedDossierPath, data: sealed, mediaType: PartRule.sealedMediaType)],
                                   about: dossier.labels, at: now, queue: true)
    }

    /// `dossier` sealed (CMS AuthEnvelopedData, DER) to every encryption certificate of
    /// `readers` in the release in force; a reader without one stops it, naming the unit.
    func seal(_ dossier: PersonnelDossier, to readers: [UnitCode]) throws -> Data {
        var certificates: [Certificate] = []
        for reader in readers {
            let found = try trust.encryptionCertificates(for: reader)
            guard !found.isEmpty else {
                throw ServiceError(.invalidInput,
                                   message: "Đơn vị \(reader) chưa có chứng thư mã hóa trong bản phát hành đang áp dụng, nên không niêm phong được hồ sơ cho đơn vị này. Chưa gửi, không thay đổi gì.",
                                   log: "no encryption certificate for \(reader)")
            }
            certificates += found
        }
        return try SealedEnvelope.seal(try dossier.jsonData(), to: certificates)
    }

    /// The dossier of a transfer bundle this node holds, opened with its encryption identity.
    func openReceived(_ bundleId: String) throws -> PersonnelDossier {
        guard let encryption = work.runtime.encryption else {
            throw ServiceError(.invalidInput, message: "Nút chưa khai báo khóa giải mã của đơn vị (mục encryption trong tệp cấu hình); không mở được hồ sơ.",
                               log: "no encryption identity")
        }
        let data = try work.runtime.files.read(bundleId)
        guard let sealed = try BundleArchive(reading: data).contents(of: PartRule.sealedDossierPath) else {
            throw ServiceError(.notFound, message: "Gói tin \(bundleId.prefix(16)) không chứa hồ sơ niêm phong.", log: "no sealed dossier in \(bundleId)")
        }
        return try PersonnelDossier(jsonData: try SealedEnvelope.open(sealed, with: encryption))
    }
}
