import BaoCaoCore
import Foundation

/// The certification authorities' revocation lists a release carries (``TrustList/crls``),
/// read once when the release comes into force.
public struct RevocationLists: Sendable, Hashable {
    public let lists: [RevocationList]

    public init(_ lists: [RevocationList] = []) {
        self.lists = lists
    }

    /// The lists of a release, as PEM. A list that does not read is left out — so the
    /// authority it was for shows as not checked —; a release is refused before that
    /// (``TrustList/checkRevocationLists()``), so only a release accepted by an older
    /// version could carry one.
    public init(pem: [String]) {
        self.init(pem.flatMap { (try? RevocationList.read(Data($0.utf8))) ?? [] })
    }

    /// The lists `authority` issued (named by it and signed with its key), newest first.
    public func issued(by authority: Certificate) -> [RevocationList] {
        lists.filter { $0.isIssued(by: authority) }.sorted { $0.thisUpdate > $1.thisUpdate }
    }
}

extension TrustList {
    /// The lists this trust list carries, read.
    public var revocationLists: RevocationLists { RevocationLists(pem: crls ?? []) }

    /// Checks every list the trust list carries: each reads, and is signed by one of its
    /// anchors or intermediates. A node refuses a release that fails this.
    ///
    /// #### Errors
    /// ``BundleError`` `invalidRevocationList` naming the list that is malformed or that no
    /// authority of the release signed.
    public func checkRevocationLists() throws {
        let authorities = try self.authorities()
        for pem in crls ?? [] {
            for list in try RevocationList.read(Data(pem.utf8)) {
                try Self.requireIssuer(of: list, among: authorities)
            }
        }
    }

    /// The trust list with `added` lists, each checked (``checkRevocationLists()``'s rules,
    /// and not already past its nextUpdate at `now`): for each authority only its newest
    /// list is kept, since an authority's newer CRL lists every revocation its older ones did.
    ///
    /// #### Errors
    /// ``BundleError`` `invalidRevocationList` for a list no authority of the trust list
    /// signed, or one already out of date.
    public func adding(revocationLists added: [RevocationList], at now: Date) throws -> TrustList {
        let authorities = try self.authorities()
        for list in added {
            try Self.requireIssuer(of: list, among: authorities)
            if let nextUpdate = list.nextUpdate, nextUpdate <= now {
                throw BundleError.invalidRevocationList(
                    "danh sách của \(list.issuer) đã hết hạn từ \(VietnameseTime.text(nextUpdate)); hãy lấy bản mới của tổ chức cấp chứng thư")
            }
        }
        var newest: [String: RevocationList] = [:]
        var order: [String] = []
        for list in revocationLists.lists + added {
            guard let issuer = authorities.first(where: list.isIssued(by:))?.fingerprint else { continue }
            if let kept = newest[issuer] {
                if list.thisUpdate > kept.thisUpdate { newest[issuer] = list }
            } else {
                newest[issuer] = list
                order.append(issuer)
            }
        }
        var result = self
        result.crls = order.compactMap { newest[$0]?.pem }
        return result
    }

    private func authorities() throws -> [Certificate] {
        try (anchors + intermediates + (personAnchors ?? []) + (personIntermediates ?? [])).flatMap { try Certificate.all(pem: Data($0.utf8)) }
    }

    private static func requireIssuer(of list: RevocationList, among authorities: [Certificate]) throws {
        guard authorities.contains(where: list.isIssued(by:)) else {
            throw BundleError.invalidRevocationList(
                "danh sách của \(list.issuer) (phát hành \(VietnameseTime.text(list.thisUpdate))) không được ký bởi chứng thư gốc hay chứng thư trung gian nào trong danh sách tin cậy của bản phát hành")
        }
    }
}
