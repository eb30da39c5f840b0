/// The catalogs of seed 003 art. 8.1 a–e, which travel in the province's release
/// (``ReleaseContent/personnel``): every code a record names is an entry of one of
/// ``lists`` or of ``ranks``, and the Sở Nội vụ that keeps the province's copy is
/// ``authority``. Sample catalogs are in `Config/catalog/`, each list with its source.
public struct PersonnelCatalog: Sendable, Hashable, Codable {
    /// The catalog's own version, shown with every statistics table computed from it.
    public var version: String
    /// The legal texts the lists come from, cited by ``PersonnelCatalogList/source``.
    public var sources: [PersonnelCatalogSource]
    /// The unit that manages the province's staff records (Sở Nội vụ): it reads every
    /// unit's records and keeps the custody copy (art. 7.3, 12.4).
    public var authority: UnitCode
    public var lists: [PersonnelCatalogList]
    /// Ranks and professional titles (ngạch, chức danh nghề nghiệp) with their pay steps.
    public var ranks: [PersonnelRank]
    /// What the headcount statistics count (``PersonnelStatistics``): the regime and form
    /// they are reported under, and each indicator's filter. Data, so that a newer
    /// circular is a new release, not a new program.
    public var statistics: PersonnelStatisticsDefinition?

    public init(version: String, sources: [PersonnelCatalogSource], authority: UnitCode,
                lists: [PersonnelCatalogList], ranks: [PersonnelRank], statistics: PersonnelStatisticsDefinition? = nil) {
        self.version = version
        self.sources = sources
        self.authority = authority
        self.lists = lists
        self.ranks = ranks
        self.statistics = statistics
    }

    /// The list of this name (`ethnicities`, `trainingLevels` …).
    public func list(_ name: String) -> PersonnelCatalogList? {
        lists.first { $0.name == name }
    }

    public func rank(code: String) -> PersonnelRank? {
        ranks.first { $0.code == code }
    }
}

/// A legal text a list comes from.
public struct PersonnelCatalogSource: Sendable, Hashable, Codable {
    /// Short id used by lists (`tt11-2012`).
    public var id: String
    /// As cited: `Thông tư số 11/2012/TT-BNV ngày 17/12/2012 của Bộ Nội vụ`.
    public var title: String
    /// What is taken from it, and what is not at hand (a form's exact columns).
    public var note: String?

    public init(id: String, title: String, note: String? = nil) {
        self.id = id
        self.title = title
        self.note = note
    }
}

/// One list of art. 8.1 (hình thức tuyển dụng, dân tộc, trình độ đào tạo …).
public struct PersonnelCatalogList: Sendable, Hashable, Codable {
    /// The name records and code use (`ethnicities`).
    public var name: String
    /// Its Vietnamese title (`Dân tộc`).
    public var title: String
    /// Which art. 8.1 point it belongs to (`8.1e`).
    public var article: String
    /// ``PersonnelCatalogSource/id`` of the text it comes from.
    public var source: String
    public var entries: [PersonnelCatalogEntry]

    public init(name: String, title: String, article: String, source: String, entries: [PersonnelCatalogEntry]) {
        self.name = name
        self.title = title
        self.article = article
        self.source = source
        self.entries = entries
    }

    public func entry(code: String) -> PersonnelCatalogEntry? {
        entries.first { $0.code == code }
    }
}

public struct PersonnelCatalogEntry: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    /// The group the statistics count it in, where a list has groups (training levels by
    /// track and rank; ethnicities as Kinh or minority …).
    public var group: String?

    public init(code: String, name: String, group: String? = nil) {
        self.code = code
        self.name = name
        self.group = group
    }
}

/// A rank or professional title with its pay table (bảng lương): the coefficient of each
/// step, exact.
public struct PersonnelRank: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    /// Nhóm ngạch, as the statistics group ranks (`chuyen-vien-chinh`, `hang-II` …).
    public var group: String
    public var kind: PersonnelKind
    /// Step 1, 2, … coefficients.
    public var coefficients: [ExactDecimal]

    public init(code: String, name: String, group: String, kind: PersonnelKind, coefficients: [ExactDecimal]) {
        self.code = code
        self.name = name
        self.group = group
        self.kind = kind
        self.coefficients = coefficients
    }
}
