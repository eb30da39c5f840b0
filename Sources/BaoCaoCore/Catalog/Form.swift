/// A form (biểu mẫu số liệu): the table a report fills in, in ordered sections of
/// indicator rows, plus the headings of the narrative part (đề cương) the written
/// report answers.
///
/// Forms are versioned: a report names the form version it was made against, and old
/// versions are kept so old reports stay readable.
public struct Form: Sendable, Hashable, Codable, Identifiable {
    public struct Section: Sendable, Hashable, Codable {
        /// Section code, unique in the form; a unit's own sections (phòng, ban) are assigned per code.
        public var code: String
        public var title: String
        /// Indicator codes, in display order.
        public var rows: [String]
        /// The reporter kinds that must fill this section: for them its required
        /// indicators are required; for any other kind (a department asked the monthly
        /// form, which does not report every indicator) none of them is, and the section
        /// needs no approval while it holds no figure. `nil` (the default): every kind,
        /// as the indicators say. Written only when given, so older catalogs read and
        /// hash the same.
        public var requiredFor: [UnitKind]?

        public init(code: String, title: String, rows: [String], requiredFor: [UnitKind]? = nil) {
            self.code = code
            self.title = title.nfc
            self.rows = rows
            self.requiredFor = requiredFor
        }

        /// Whether a reporter of this kind must fill the section (`nil`: any reporter).
        public func isRequired(of kind: UnitKind?) -> Bool {
            guard let requiredFor, let kind else { return true }
            return requiredFor.contains(kind)
        }
    }

    /// A heading of the narrative outline (đề cương báo cáo).
    public struct OutlineHeading: Sendable, Hashable, Codable {
        public var title: String
        /// What the heading asks for, shown to the person writing.
        public var guidance: String?

        public init(title: String, guidance: String? = nil) {
            self.title = title.nfc
            self.guidance = guidance?.nfc
        }
    }

    public var code: String
    /// Starts at 1 and grows with every published change.
    public var version: Int
    public var title: String
    public var sections: [Section]
    public var outline: [OutlineHeading]

    public var id: String { "\(code)@\(version)" }

    /// Every indicator code on the form, in display order.
    public var indicatorCodes: [String] { sections.flatMap(\.rows) }

    /// Whether a reporter of `kind` must give this indicator on this form: the indicator
    /// is required and the section it is in is one that kind must fill
    /// (``Section/requiredFor``). With `kind` nil, as the indicator says.
    public func requires(_ indicator: Indicator, of kind: UnitKind?) -> Bool {
        guard indicator.required else { return false }
        guard let section = sections.first(where: { $0.rows.contains(indicator.code) }) else { return true }
        return section.isRequired(of: kind)
    }

    public init(code: String, version: Int = 1, title: String, sections: [Section], outline: [OutlineHeading] = []) {
        self.code = code
        self.version = version
        self.title = title.nfc
        self.sections = sections
        self.outline = outline
    }

    private enum CodingKeys: String, CodingKey { case code, version, title, sections, outline }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code),
            version: try c.decodeIfPresent(Int.self, forKey: .version) ?? 1,
            title: try c.decode(String.self, forKey: .title),
            sections: try c.decode([Section].self, forKey: .sections),
            outline: try c.decodeIfPresent([OutlineHeading].self, forKey: .outline) ?? [])
    }
}
