import BaoCaoCore
import BaoCaoNode
import BaoCaoServices

/// The search form of the personnel pages (art. 5.2b): name with or without diacritics,
/// unit, rank, position, status; each choice marked when it is the one asked for.
struct PersonnelSearchForm: TemplateFields {
    struct Option: TemplateFields {
        let code: String
        let name: String
        let selected: Bool
    }

    let name: String
    let units: [Option]
    let ranks: [Option]
    let positions: [Option]
    let statuses: [Option]

    init(web: WebEnvironment, catalog: PersonnelCatalog?, query: PersonnelQuery) {
        name = query.name
        let topology = try? web.work.runtime.topology()
        let readable = [web.work.home] + (topology?.subtree(of: web.work.home).map(\.code).filter { $0 != web.work.home } ?? [])
        units = readable.map { code in
            Option(code: code.rawValue, name: topology?.unit(code: code)?.name ?? code.rawValue, selected: query.unit == code)
        }
        ranks = (catalog?.ranks ?? []).map { Option(code: $0.code, name: $0.name, selected: query.rank == $0.code) }
        positions = ["governmentPositions", "partyPositions", "massOrganisationPositions"].flatMap { list in
            (catalog?.list(list)?.entries ?? []).map { Option(code: $0.code, name: $0.name, selected: query.position == $0.code) }
        }
        statuses = PersonnelStatus.allCases.map { Option(code: $0.rawValue, name: $0.vietnameseName, selected: query.status == $0) }
    }
}
