extension PersonnelCatalog {
    /// The lists every personnel catalog has (seed 003 art. 8.1 a–e, but the unit
    /// directory of 8.1đ, which is the topology and each unit's sections): validation and
    /// statistics name them.
    public static let requiredLists: [String] = [
        // 8.1a
        "agencyBlocks", "recruitmentForms", "recruitmentPositions", "recruitmentSources", "dataStatuses",
        "retirementForms", "professionalWork", "strengths",
        // 8.1b
        "governmentPositions", "partyPositions", "massOrganisationPositions",
        // 8.1c
        "payFields", "raiseForms", "allowanceTypes", "allowanceComputations", "payMethods", "seniorityForms", "rankGroups",
        // 8.1d
        "trainingTypes", "specialities", "trainingLevels", "graduationForms", "diplomaTypes", "institutions", "fundingSources",
        // 8.1e
        "warInvalidRanks", "healthStates", "bloodGroups", "maritalStatuses", "ethnicities", "religions", "origins",
        "policyGroups", "honorificTitles", "familyRelations", "emulationTitles", "rewardForms", "disciplineForms",
        "evaluationRatings",
    ]

    /// The groups of `ethnicities` the statistics count apart.
    public static let ethnicityGroups: Set<String> = ["kinh", "thieu-so"]

    /// This catalog, if it is well formed; otherwise an error listing every problem.
    ///
    /// #### Errors
    /// ``CoreError/Code/invalidPersonnelCatalog`` naming each problem (``problems()``).
    public func validated() throws -> PersonnelCatalog {
        let problems = problems()
        guard problems.isEmpty else {
            throw CoreError(.invalidPersonnelCatalog, message: "Danh mục nhân sự không hợp lệ: " + problems.joined(separator: "; ") + ".",
                            log: "personnel catalog: \(problems.count) problems")
        }
        return self
    }

    /// Every problem of the catalog, in Vietnamese, in the order found: duplicate codes, a
    /// list whose source is not among ``sources``, a required list missing, ranks whose
    /// coefficients do not rise, groups the statistics need, filters naming what is not here.
    public func problems() -> [String] {
        var problems: [String] = []
        if version.allSatisfy(\.isWhitespace) { problems.append("thiếu phiên bản (version)") }
        var sourceIDs: Set<String> = []
        for source in sources {
            if !sourceIDs.insert(source.id).inserted { problems.append("nguồn \(source.id) được khai báo hai lần") }
            if source.title.allSatisfy(\.isWhitespace) { problems.append("nguồn \(source.id) thiếu tên văn bản") }
        }
        var listNames: Set<String> = []
        for list in lists {
            if !listNames.insert(list.name).inserted { problems.append("danh mục \(list.name) được khai báo hai lần") }
            if !sourceIDs.contains(list.source) { problems.append("danh mục \(list.name) dẫn nguồn \(list.source) không có trong sources") }
            if list.title.allSatisfy(\.isWhitespace) || !list.title.isNFC {
                problems.append("danh mục \(list.name) thiếu tên hoặc tên không phải Unicode dựng sẵn")
            }
            if list.entries.isEmpty { problems.append("danh mục \(list.name) không có mục nào") }
            var codes: Set<String> = []
            for entry in list.entries {
                if entry.code.isEmpty || entry.code.contains(where: \.isWhitespace) {
                    problems.append("danh mục \(list.name): mã \"\(entry.code)\" không hợp lệ")
                }
                if !codes.insert(entry.code).inserted { problems.append("danh mục \(list.name): mã \(entry.code) bị trùng") }
                if entry.name.allSatisfy(\.isWhitespace) || !entry.name.isNFC {
                    problems.append("danh mục \(list.name): mục \(entry.code) thiếu tên hoặc tên không phải Unicode dựng sẵn")
                }
            }
        }
        for name in Self.requiredLists where !listNames.contains(name) {
            problems.append("thiếu danh mục \(name)")
        }
        problems += groupProblems()
        let rankGroups = Set(list("rankGroups")?.entries.map(\.code) ?? [])
        var rankCodes: Set<String> = []
        for rank in ranks {
            if !rankCodes.insert(rank.code).inserted { problems.append("ngạch \(rank.code) được khai báo hai lần") }
            if rank.name.allSatisfy(\.isWhitespace) { problems.append("ngạch \(rank.code) thiếu tên") }
            if !rankGroups.contains(rank.group) { problems.append("ngạch \(rank.code) thuộc nhóm \(rank.group) không có trong danh mục rankGroups") }
            if rank.coefficients.isEmpty { problems.append("ngạch \(rank.code) không có bậc lương nào") }
            if let first = rank.coefficients.first, first <= .zero { problems.append("ngạch \(rank.code): hệ số bậc 1 phải lớn hơn 0") }
            for step in rank.coefficients.indices.dropFirst() where rank.coefficients[step] <= rank.coefficients[step - 1] {
                problems.append("ngạch \(rank.code): hệ số bậc \(step + 1) (\(rank.coefficients[step])) không lớn hơn bậc \(step) (\(rank.coefficients[step - 1]))")
            }
        }
        if let statistics { problems += statistics.problems(in: self) }
        return problems
    }

    /// The lists whose entries the rules and statistics read by group.
    private func groupProblems() -> [String] {
        var problems: [String] = []
        func check(_ name: String, _ allowed: Set<String>?, required: Bool) {
            for entry in list(name)?.entries ?? [] {
                switch entry.group {
                case nil where required:
                    problems.append("danh mục \(name): mục \(entry.code) thiếu nhóm (group)")
                case let group? where allowed.map({ !$0.contains(group) }) ?? false:
                    problems.append("danh mục \(name): mục \(entry.code) có nhóm \(group) không hợp lệ (cần một trong: \(allowed!.sorted().joined(separator: ", ")))")
                default:
                    break
                }
            }
        }
        check("ethnicities", Self.ethnicityGroups, required: true)
        check("trainingLevels", nil, required: true)
        check("disciplineForms", Set(PersonnelKind.allCases.map(Self.disciplineGroup(for:))), required: true)
        check("familyRelations", [Self.ownSideOnlyGroup], required: false)
        return problems
    }
}
