/// The personnel catalog as written in `Config/catalog/nhan-su.yaml`: one file shared by
/// every province, whose lists are the same, and the Sở Nội vụ of each province
/// (`authorities`, by province code). The province that publishes a release picks its own
/// with ``catalog(forProvince:)``; the release then carries a ``PersonnelCatalog`` with
/// that one ``PersonnelCatalog/authority``. A file for one province may give a single
/// `authority` instead (the shape of ``PersonnelCatalog`` itself).
///
/// ```yaml
/// version: "2026.1"
/// authorities: { "17": 17-SNV, "25": 25-SNV }
/// sources: [ { id: qd16-2020, title: "Quyết định số 16/2020/QĐ-UBND …", note: "…" } ]
/// lists:
///   - { name: ethnicities, title: Dân tộc, article: 8.1e, source: qd121-1979,
///       entries: [ { code: "01", name: Kinh, group: kinh }, … ] }
/// ranks:
///   - { code: "01.003", name: Chuyên viên, group: chuyen-vien, kind: civilServant,
///       coefficients: ["2.34", "2.67", …] }
/// statistics: { regime: CBCCVC-TK, form: CBCCVC-TK, formVersion: 1, source: tt11-2012,
///               indicators: [ { code: NS.TONG, filter: {} }, … ] }
/// ```
public struct PersonnelCatalogFile: Sendable, Hashable, Codable {
    public var version: String
    /// The Sở Nội vụ of each province, by the province's code.
    public var authorities: [String: UnitCode]?
    /// The Sở Nội vụ, for a file made for one province; `authorities` wins where both name one.
    public var authority: UnitCode?
    public var sources: [PersonnelCatalogSource]
    public var lists: [PersonnelCatalogList]
    public var ranks: [PersonnelRank]
    public var statistics: PersonnelStatisticsDefinition?

    public init(version: String, authorities: [String: UnitCode]? = nil, authority: UnitCode? = nil, sources: [PersonnelCatalogSource],
                lists: [PersonnelCatalogList], ranks: [PersonnelRank], statistics: PersonnelStatisticsDefinition? = nil) {
        self.version = version
        self.authorities = authorities
        self.authority = authority
        self.sources = sources
        self.lists = lists
        self.ranks = ranks
        self.statistics = statistics
    }

    /// The catalog for the province `province`, with its Sở Nội vụ as the authority, checked
    /// (``PersonnelCatalog/validated()``).
    ///
    /// #### Errors
    /// ``CoreError/Code/invalidPersonnelCatalog`` when the file names no authority for the
    /// province, or the catalog is not well formed.
    public func catalog(forProvince province: UnitCode) throws -> PersonnelCatalog {
        guard let authority = authorities?[province.rawValue] ?? authority else {
            throw CoreError(.invalidPersonnelCatalog,
                            message: "Danh mục nhân sự không ghi Sở Nội vụ của tỉnh \(province) (trường authorities): thêm \"\(province)\": mã Sở Nội vụ.",
                            log: "personnel catalog: no authority for province \(province)")
        }
        return try PersonnelCatalog(version: version, sources: sources, authority: authority, lists: lists,
                                    ranks: ranks, statistics: statistics).validated()
    }
}
