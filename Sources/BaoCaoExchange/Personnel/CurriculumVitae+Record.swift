import BaoCaoCore

extension CurriculumVitae {
    /// The curriculum vitae of `record` as it stands on `date`: its approved events only
    /// (art. 13.1), every code named from `catalog`, units from `topology`. Sensitive
    /// fields (ethnicity, religion, health, blood group, war-invalid rank, policy group,
    /// family) print ``masked`` unless `showsSensitive`.
    ///
    /// #### Errors
    /// ``ExchangeError`` `.notFound` when the record has no approved state on `date` (the
    /// person was not yet recruited, or the recruitment awaits the head's approval).
    public init(record: PersonnelRecord, on date: CivilDate, catalog: PersonnelCatalog, topology: Topology,
                showsSensitive: Bool) throws {
        guard let state = record.state(on: date) else {
            throw ExchangeError(.notFound,
                                message: "Hồ sơ \(record.id) chưa có dữ liệu đã được thủ trưởng duyệt vào ngày \(PersonnelCatalogNames.day(date)).",
                                log: "cv: no approved state of \(record.id) on \(date)")
        }
        let names = PersonnelCatalogNames(catalog: catalog)
        let unitName = { (code: UnitCode) in topology.unit(code: code)?.name ?? code.rawValue }
        let manager = PersonnelAccess(topology: topology, authority: catalog.authority).managers(of: state.unit).last
            ?? topology.unit(code: state.unit)?.parentCode
        managingBody = manager.map(unitName) ?? ""
        employingUnit = [state.section, unitName(state.unit)].compactMap { $0 }.joined(separator: ", ")
        recordNumber = record.id.rawValue
        self.date = PersonnelCatalogNames.day(date)
        status = state.status.vietnameseName
        items = Self.items(record: record, state: state, names: names, unitName: unitName, showsSensitive: showsSensitive)
        training = state.trainings.map { training in
            TrainingRow(institution: names.name("institutions", training.institution),
                        speciality: names.name("specialities", training.speciality),
                        period: Self.span(training.startedOn, training.finishedOn),
                        type: names.name("trainingTypes", training.type),
                        diploma: [names.name("diplomaTypes", training.diploma), names.name("trainingLevels", training.level)]
                            .filter { !$0.isEmpty }.joined(separator: ", "))
        }
        work = Self.workHistory(record: record, on: date, names: names, unitName: unitName)
        familyMasked = !showsSensitive
        let family = showsSensitive ? record.personal.family : []
        let row = { (member: FamilyMember) in
            FamilyRow(relation: names.name("familyRelations", member.relation), fullName: member.fullName,
                      birthYear: member.birthYear.map(String.init) ?? "", details: member.details ?? "")
        }
        familyOwn = family.filter { $0.side == .own }.map(row)
        familySpouse = family.filter { $0.side == .spouse }.map(row)
        pay = record.countedEvents().filter { $0.effectiveOn <= date }
            .sorted { ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }
            .compactMap { event -> PayRow? in
                let change: PayChange?
                switch event.change {
                case .recruited(let recruitment): change = recruitment.pay
                case .pay(let raise): change = raise
                default: change = nil
                }
                return change.map {
                    PayRow(month: PersonnelCatalogNames.month(event.effectiveOn), rankAndStep: "\($0.rank)/\($0.step)",
                           coefficient: PersonnelCatalogNames.coefficient($0.coefficient))
                }
            }
        evaluations = state.evaluations.keys.sorted().map {
            EvaluationRow(year: String($0), rating: names.name("evaluationRatings", state.evaluations[$0]))
        }
    }

    private static func items(record: PersonnelRecord, state: PersonnelState, names: PersonnelCatalogNames,
                              unitName: (UnitCode) -> String, showsSensitive: Bool) -> [Item] {
        let identity = record.identity
        let personal = record.personal
        func field(_ label: String, _ value: String?) -> Field { Field(label: label, value: value ?? "") }
        func sensitive(_ label: String, _ value: String) -> Field {
            showsSensitive ? Field(label: label, value: value) : Field(label: label, value: masked, isMasked: true)
        }
        let recruitment = state.recruitment
        let payEvent = record.countedEvents().filter { event in
            guard event.effectiveOn <= state.date else { return false }
            switch event.change {
            case .pay: return true
            case .recruited(let recruitment): return recruitment.pay != nil
            default: return false
            }
        }.max { ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }
        let positionAllowance = state.allowances.first { $0.type == "chuc-vu" }
        var otherAllowances = state.allowances.filter { $0.type != "chuc-vu" }
            .map { "\(names.name("allowanceTypes", $0.type)): \(VietnameseNumberFormat.format($0.amount))" }
        if let percent = state.seniorityBeyondFramePercent { otherAllowances.append("Thâm niên vượt khung: \(percent)%") }
        let highestProfessional = names.highest(of: state.trainings, track: "chuyen-mon")
        var professional = names.highestLevel(of: state.trainings, track: "chuyen-mon")
        if let speciality = highestProfessional?.speciality, !professional.isEmpty {
            professional += " — \(names.name("specialities", speciality))"
        }
        return [
            Item(number: "1", fields: [field("Họ và tên khai sinh (viết chữ in hoa)", identity.fullName.uppercased())]),
            Item(number: "2", fields: [field("Tên gọi khác", identity.otherNames)]),
            Item(number: "3", fields: [field("Sinh ngày", PersonnelCatalogNames.day(identity.birthDate)),
                                       field("Giới tính (nam, nữ)", identity.sex.vietnameseName)]),
            Item(number: "4", fields: [field("Nơi sinh", identity.birthplace)]),
            Item(number: "5", fields: [field("Quê quán", identity.hometown)]),
            Item(number: "6", fields: [sensitive("Dân tộc", names.name("ethnicities", personal.ethnicity))]),
            Item(number: "7", fields: [sensitive("Tôn giáo", names.name("religions", personal.religion))]),
            Item(number: "8", fields: [field("Nơi đăng ký hộ khẩu thường trú", nil)]),
            Item(number: "9", fields: [field("Nơi ở hiện nay", identity.residence)]),
            Item(number: "10", fields: [field("Nghề nghiệp khi được tuyển dụng",
                                              [names.name("recruitmentPositions", recruitment.position),
                                               names.name("recruitmentForms", recruitment.form)].filter { !$0.isEmpty }.joined(separator: ", "))]),
            Item(number: "11", fields: [field("Ngày tuyển dụng", PersonnelCatalogNames.day(state.recruitedOn)),
                                        field("Vào cơ quan nào, ở đâu",
                                              [recruitment.section, unitName(recruitment.unit)].compactMap { $0 }.joined(separator: ", "))]),
            Item(number: "12", fields: [field("Chức vụ (chức danh) hiện tại", state.positions.map(names.position).joined(separator: "; "))]),
            Item(number: "13", fields: [field("Công việc chính được giao", names.name("professionalWork", recruitment.work))]),
            Item(number: "14", fields: [
                field("Ngạch công chức (viên chức)", names.rankName(state.pay?.rank)),
                field("Mã ngạch", state.pay?.rank),
                field("Bậc lương", state.pay.map { String($0.step) }),
                field("Hệ số", PersonnelCatalogNames.coefficient(state.pay?.coefficient)),
                field("Ngày hưởng", PersonnelCatalogNames.day(payEvent?.effectiveOn)),
                field("Phụ cấp chức vụ", positionAllowance.map { VietnameseNumberFormat.format($0.amount) }),
                field("Phụ cấp khác", otherAllowances.joined(separator: "; ")),
            ]),
            Item(number: "15.1", fields: [field("Trình độ giáo dục phổ thông", nil)]),
            Item(number: "15.2", fields: [field("Trình độ chuyên môn cao nhất", professional)]),
            Item(number: "15.3", fields: [field("Lý luận chính trị", names.highestLevel(of: state.trainings, track: "ly-luan-chinh-tri"))]),
            Item(number: "15.4", fields: [field("Quản lý nhà nước", names.highestLevel(of: state.trainings, track: "quan-ly-nha-nuoc"))]),
            Item(number: "15.5", fields: [field("Ngoại ngữ", names.highestLevel(of: state.trainings, track: "ngoai-ngu"))]),
            Item(number: "15.6", fields: [field("Tin học", names.highestLevel(of: state.trainings, track: "tin-hoc"))]),
            Item(number: "16", fields: [field("Ngày vào Đảng Cộng sản Việt Nam", nil), field("Ngày chính thức", nil)]),
            Item(number: "17", fields: [field("Ngày tham gia tổ chức chính trị - xã hội", nil)]),
            Item(number: "18", fields: [field("Ngày nhập ngũ", nil), field("Ngày xuất ngũ", nil), field("Quân hàm cao nhất", nil)]),
            Item(number: "19", fields: [field("Danh hiệu được phong tặng cao nhất",
                                              personal.titles.map { names.name("honorificTitles", $0) }.joined(separator: "; "))]),
            Item(number: "20", fields: [field("Sở trường công tác", nil)]),
            Item(number: "21", fields: [field("Khen thưởng",
                                              state.rewards.map { names.distinction($0, lists: ["emulationTitles", "rewardForms"]) }
                                                  .joined(separator: "; "))]),
            Item(number: "22", fields: [field("Kỷ luật",
                                              state.disciplines.map { names.distinction($0, lists: ["disciplineForms"]) }.joined(separator: "; "))]),
            Item(number: "23", fields: [sensitive("Tình trạng sức khỏe", names.name("healthStates", personal.health)),
                                        field("Chiều cao", nil), field("Cân nặng", nil),
                                        sensitive("Nhóm máu", names.name("bloodGroups", personal.bloodGroup))]),
            Item(number: "24", fields: [sensitive("Là thương binh hạng", names.name("warInvalidRanks", personal.warInvalidRank)),
                                        sensitive("Là con gia đình chính sách", names.name("policyGroups", personal.policyGroup))]),
            Item(number: "25", fields: [field("Số định danh cá nhân", identity.nationalIDNumber)]),
            Item(number: "26", fields: [field("Số sổ BHXH", nil)]),
        ]
    }

    /// Table 28: from each change of post (recruitment, a position, a move, a transfer,
    /// leaving) to the next, what the person was and where.
    private static func workHistory(record: PersonnelRecord, on date: CivilDate, names: PersonnelCatalogNames,
                                    unitName: (UnitCode) -> String) -> [WorkRow] {
        let days = Set(record.countedEvents().filter { event in
            guard event.effectiveOn <= date else { return false }
            switch event.change {
            case .recruited, .position, .movedWithinUnit, .transferredIn, .transferredOut, .left: return true
            default: return false
            }
        }.map(\.effectiveOn)).sorted()
        return days.enumerated().compactMap { index, day -> WorkRow? in
            guard let state = record.state(on: day) else { return nil }
            let next = index + 1 < days.count ? days[index + 1] : nil
            guard state.status.isOnRoster else {
                return WorkRow(period: PersonnelCatalogNames.month(day), description: Self.leaving(record, on: day, state, unitName))
            }
            let post = state.positions.isEmpty ? names.rankName(state.pay?.rank) : state.positions.map(names.position).joined(separator: ", ")
            let description = [post.isEmpty ? state.kind.vietnameseName.capitalizedFirst : post, state.section, unitName(state.unit)]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return WorkRow(period: "\(PersonnelCatalogNames.month(day)) – \(next.map(PersonnelCatalogNames.month) ?? "nay")",
                           description: description)
        }
    }

    private static func leaving(_ record: PersonnelRecord, on day: CivilDate, _ state: PersonnelState,
                                _ unitName: (UnitCode) -> String) -> String {
        let transfer = record.countedEvents().last { event in
            guard event.effectiveOn == day, case .transferredOut = event.change else { return false }
            return true
        }
        if let transfer, case .transferredOut(let out) = transfer.change {
            return "Chuyển công tác từ \(unitName(state.unit)) đến \(unitName(out.employingUnit))"
        }
        return "\(state.status.vietnameseName.capitalizedFirst) (\(unitName(state.unit)))"
    }

    private static func span(_ from: CivilDate?, _ to: CivilDate?) -> String {
        switch (from, to) {
        case (nil, nil): ""
        case (let from?, nil): "\(PersonnelCatalogNames.month(from)) – "
        case (nil, let to?): PersonnelCatalogNames.month(to)
        case (let from?, let to?): "\(PersonnelCatalogNames.month(from)) – \(PersonnelCatalogNames.month(to))"
        }
    }
}

extension String {
    /// The text with its first letter a capital: "đã nghỉ hưu" → "Đã nghỉ hưu".
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
