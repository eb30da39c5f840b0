import BaoCaoCore

/// A record's codes as people read them: each code its catalog name (``PersonnelCatalog``),
/// a code the catalog in force no longer lists shown as written, so that nothing printed
/// is ever silently blank. Dates dd/mm/yyyy, coefficients with two decimals.
struct PersonnelCatalogNames: Sendable {
    let catalog: PersonnelCatalog

    /// The name of `code` in the list `list` (`ethnicities` …); "" for no code.
    func name(_ list: String, _ code: String?) -> String {
        guard let code, !code.isEmpty else { return "" }
        return catalog.list(list)?.entry(code: code)?.name ?? code
    }

    /// The names of a position, from the list of its category.
    func position(_ change: PositionChange) -> String {
        switch change.category {
        case .government: name("governmentPositions", change.position)
        case .party: name("partyPositions", change.position)
        case .massOrganisation: name("massOrganisationPositions", change.position)
        }
    }

    func rankName(_ code: String?) -> String {
        guard let code else { return "" }
        return catalog.rank(code: code)?.name ?? code
    }

    /// A reward's form, from the emulation titles or the reward forms, whichever lists it.
    func distinction(_ distinction: Distinction, lists: [String]) -> String {
        let form = lists.lazy.compactMap { catalog.list($0)?.entry(code: distinction.form)?.name }.first ?? distinction.form
        guard let reason = distinction.reason, !reason.isEmpty else { return form }
        return "\(form) (\(reason))"
    }

    /// The training of the highest level on one track (`chuyen-mon`, `ly-luan-chinh-tri`,
    /// `quan-ly-nha-nuoc`, `ngoai-ngu`, `tin-hoc`): the catalog lists each track from the
    /// highest level down.
    func highest(of trainings: [Training], track: String) -> Training? {
        guard let levels = catalog.list("trainingLevels") else { return nil }
        for level in levels.entries where level.group == track {
            if let training = trainings.first(where: { $0.level == level.code }) { return training }
        }
        return nil
    }

    /// The name of the highest level on one track; "" when none is held.
    func highestLevel(of trainings: [Training], track: String) -> String {
        highest(of: trainings, track: track).map { name("trainingLevels", $0.level) } ?? ""
    }

    static func day(_ date: CivilDate?) -> String {
        guard let date else { return "" }
        return "\(twoDigits(date.day))/\(twoDigits(date.month))/\(date.year)"
    }

    static func month(_ date: CivilDate?) -> String {
        guard let date else { return "" }
        return "\(twoDigits(date.month))/\(date.year)"
    }

    /// A pay coefficient with two decimals, the Vietnamese way: `2,67`.
    static func coefficient(_ value: ExactDecimal?) -> String {
        guard let value else { return "" }
        return VietnameseNumberFormat.format((try? value.rounded(toDecimals: 2)) ?? value)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
