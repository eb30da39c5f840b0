import Foundation

/// One synthetic person at a time, for ``SyntheticStaff``.
struct SyntheticPersonMaker {
    let unit: UnitCode
    let catalog: PersonnelCatalog
    let today: CivilDate
    /// The province of the catalog's authority (`17` of `17-SNV`).
    let province: String
    let isCommune: Bool

    init(unit: UnitCode, catalog: PersonnelCatalog, today: CivilDate) {
        self.unit = unit
        self.catalog = catalog
        self.today = today
        province = String(catalog.authority.rawValue.prefix { $0 != "-" })
        isCommune = unit.rawValue.count == 5 && unit.rawValue.allSatisfy(\.isNumber)
    }

    // MARK: names

    /// Family names with weights roughly as common in the North (per mille).
    static let familyNames: [(String, Int)] = [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 50), ("Vũ", 45), ("Đỗ", 30), ("Bùi", 25),
        ("Đặng", 25), ("Ngô", 15), ("Dương", 12), ("Đinh", 12), ("Phan", 12), ("Lý", 6), ("Hà", 8), ("Trịnh", 8),
        ("Đào", 8), ("Lương", 5), ("Cao", 5), ("Tạ", 4),
    ]
    static let muongFamilyNames: [(String, Int)] = [("Bùi", 35), ("Đinh", 25), ("Quách", 15), ("Hà", 10), ("Xa", 5), ("Cao", 5), ("Nguyễn", 5)]
    static let maleMiddle = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Mạnh", "Tiến", "Ngọc"]
    static let femaleMiddle = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Phương", "Minh", "Bích", "Thúy", "Kim"]
    static let maleGiven = ["An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Nam", "Phong",
                            "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Tùng", "Việt", "Hiếu", "Kiên", "Thành", "Toàn"]
    static let femaleGiven = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan",
                              "Mai", "Nga", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Yến", "Huyền", "Ngân", "Thủy"]

    private func weighted<G: RandomNumberGenerator>(_ choices: [(String, Int)], using generator: inout G) -> String {
        var roll = Int.random(in: 0..<choices.reduce(0) { $0 + $1.1 }, using: &generator)
        for (value, weight) in choices {
            if roll < weight { return value }
            roll -= weight
        }
        return choices[0].0
    }

    // MARK: catalog codes

    /// `preferred` if the list has it, else the list's first code.
    private func code(_ list: String, _ preferred: String) -> String? {
        guard let entries = catalog.list(list)?.entries, !entries.isEmpty else { return nil }
        return entries.contains { $0.code == preferred } ? preferred : entries[0].code
    }

    private func rank(_ preferred: String, kind: PersonnelKind) -> PersonnelRank? {
        catalog.rank(code: preferred) ?? catalog.ranks.first { $0.kind == kind } ?? catalog.ranks.first
    }

    // MARK: the person

    func person<G: RandomNumberGenerator>(serial: Int, using generator: inout G) -> PersonnelRecord {
        let sex: PersonIdentity.Sex = Bool.random(using: &generator) ? .male : .female
        let muong = province == "17" && Int.random(in: 0..<3, using: &generator) == 0
        let kinh = !muong && Int.random(in: 0..<20, using: &generator) > 0
        let ethnicity = muong ? "06" : (kinh ? "01" : ["02", "03", "09", "08"].randomElement(using: &generator)!)
        let family = muong ? weighted(Self.muongFamilyNames, using: &generator) : weighted(Self.familyNames, using: &generator)
        let middle = (sex == .male ? Self.maleMiddle : Self.femaleMiddle).randomElement(using: &generator)!
        let given = (sex == .male ? Self.maleGiven : Self.femaleGiven).randomElement(using: &generator)!
        let birth = CivilDate(julianDayNumber: Int.random(in: Self.day(1965, 1, 1)...Self.day(2002, 12, 31), using: &generator))
        let centuryDigit = (birth.year >= 2000 ? 2 : 0) + (sex == .female ? 1 : 0)
        let idNumber = "0" + String(province.suffix(2)).leftPadded(to: 2) + "\(centuryDigit)"
            + String(birth.year % 100).leftPadded(to: 2) + "99" + String(serial % 10000).leftPadded(to: 4)
        let identity = PersonIdentity(fullName: "\(family) \(middle) \(given)".nfc, birthDate: birth, sex: sex,
                                      nationalIDNumber: idNumber, hometown: muong ? "Hòa Bình" : nil)
        let personal = PersonalDetails(
            ethnicity: code("ethnicities", ethnicity),
            religion: code("religions", Int.random(in: 0..<10, using: &generator) == 0 ? "phat-giao" : "khong"),
            origin: code("origins", ["nong-dan", "nong-dan", "cong-nhan", "can-bo"].randomElement(using: &generator)!),
            health: code("healthStates", Int.random(in: 0..<5, using: &generator) == 0 ? "binh-thuong" : "tot"),
            bloodGroup: code("bloodGroups", ["O", "O", "A", "B", "AB"].randomElement(using: &generator)!),
            maritalStatus: code("maritalStatuses", birth.year < 1997 ? "da-ket-hon" : "doc-than"),
            family: [
                FamilyMember(side: .own, relation: code("familyRelations", "cha") ?? "cha",
                             fullName: "\(family) Văn \(Self.maleGiven.randomElement(using: &generator)!)".nfc,
                             birthYear: birth.year - Int.random(in: 22...35, using: &generator)),
                FamilyMember(side: .own, relation: code("familyRelations", "me") ?? "me",
                             fullName: "\(weighted(Self.familyNames, using: &generator)) Thị \(Self.femaleGiven.randomElement(using: &generator)!)".nfc,
                             birthYear: birth.year - Int.random(in: 20...32, using: &generator)),
            ])
        var history = SyntheticHistory(maker: self, birth: birth, sex: sex)
        let events = history.events(using: &generator)
        return PersonnelRecord(id: .random(using: &generator), identity: identity, personal: personal, events: events)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> Int {
        CivilDate(unchecked: year, month, day).julianDayNumber
    }

    // MARK: the career

    /// The events of one career, in order.
    struct SyntheticHistory {
        let maker: SyntheticPersonMaker
        let birth: CivilDate
        let sex: PersonIdentity.Sex
        var events: [PersonnelEvent] = []
        var decisionNumber = 0

        init(maker: SyntheticPersonMaker, birth: CivilDate, sex: PersonIdentity.Sex) {
            self.maker = maker
            self.birth = birth
            self.sex = sex
        }

        private var catalog: PersonnelCatalog { maker.catalog }
        private var today: CivilDate { maker.today }

        /// Adds an event effective on `date` on a decision signed a few days before, entered
        /// 0–14 days after (some late), approved the next day, none after `today`.
        private mutating func add<G: RandomNumberGenerator>(_ change: PersonnelChange, on date: CivilDate, decided: Bool = true,
                                                            using generator: inout G) {
            decisionNumber += 1
            let signed = Swift.max(date.adding(days: -Int.random(in: 0...10, using: &generator)), birth)
            let decision = decided ? DecisionReference(number: "\(decisionNumber + 100)/QĐ-UBND", signedOn: signed,
                                                        issuer: "Ủy ban nhân dân", effectiveOn: date) : nil
            let recordedDay = Swift.min(date.adding(days: Int.random(in: 0...14, using: &generator)), today)
            let recordedAt = VietnamTime.startOfDay(recordedDay).addingTimeInterval(9 * 3600)
            let approved = recordedAt.addingTimeInterval(recordedDay < today ? 86_400 : 3600)
            events.append(PersonnelEvent(sequence: events.count + 1, effectiveOn: date, decision: decision, change: change,
                                         recordedBy: maker.unit, recordedByAccount: "nhaplieu", recordedAt: recordedAt,
                                         approval: PersonnelApproval(account: "lanhdao", name: "Lãnh đạo đơn vị", approvedAt: approved)))
        }

        private func drawKind<G: RandomNumberGenerator>(using generator: inout G) -> PersonnelKind {
            let roll = Int.random(in: 0..<10, using: &generator)
            if maker.isCommune { return roll < 4 ? .official : (roll < 9 ? .civilServant : .contractStaff) }
            return roll < 5 ? .civilServant : (roll < 9 ? .publicEmployee : .contractStaff)
        }

        mutating func events<G: RandomNumberGenerator>(using generator: inout G) -> [PersonnelEvent] {
            let kind = drawKind(using: &generator)
            let ageAtStart = Int.random(in: 21...30, using: &generator)
            var start = CivilDate(julianDayNumber: birth.julianDayNumber + ageAtStart * 365 + Int.random(in: 0...300, using: &generator))
            if start > today { start = Swift.max(today.adding(days: -Int.random(in: 0...200, using: &generator)),
                                                 CivilDate(unchecked: birth.year + 18, birth.month, Swift.min(birth.day, 28))) }
            let graduate = Int.random(in: 0..<10, using: &generator) < 8
            var rank: PersonnelRank? = switch kind {
            case .publicEmployee: maker.rank(graduate ? "V.08.01.03" : "V.08.03.07", kind: kind)
            case .contractStaff: maker.rank("01.005", kind: .civilServant)
            case .official, .civilServant: maker.rank(graduate ? "01.003" : "01.004", kind: kind)
            }
            var step = 1
            let pay = rank.map { PayChange(rank: $0.code, step: 1, coefficient: $0.coefficients[0], form: maker.code("raiseForms", "xep-luong-lan-dau")) }
            let recruitment = Recruitment(
                unit: maker.unit, section: maker.isCommune ? nil : ["Văn phòng", "Phòng Tổng hợp", "Phòng Nghiệp vụ"].randomElement(using: &generator)!,
                kind: kind, form: maker.code("recruitmentForms", kind == .official ? "bau-cu" : (kind == .contractStaff ? "hop-dong" : "thi-tuyen")) ?? "",
                position: maker.code("recruitmentPositions", "chuyen-mon-nghiep-vu"),
                source: maker.code("recruitmentSources", "sinh-vien"),
                work: maker.code("professionalWork", maker.isCommune ? "van-phong-thong-ke" : "quan-ly-nha-nuoc"), pay: pay)
            add(.recruited(recruitment), on: start, using: &generator)
            // The diploma they came with.
            let studyEnd = start.adding(days: -Int.random(in: 30...400, using: &generator))
            let professional = kind == .publicEmployee && graduate ? "dai-hoc" : (graduate ? "dai-hoc" : "trung-cap")
            add(.training(Training(type: maker.code("trainingTypes", "chinh-quy") ?? "", speciality: maker.code("specialities", kind == .publicEmployee ? "y-da-khoa" : "luat"),
                                   level: maker.code("trainingLevels", professional) ?? "",
                                   diploma: maker.code("diplomaTypes", graduate ? "bang-dai-hoc" : "bang-trung-cap"),
                                   graduation: maker.code("graduationForms", ["kha", "kha", "gioi", "trung-binh-kha"].randomElement(using: &generator)!),
                                   institution: maker.code("institutions", ["dh-luat-hn", "hv-hcqg", "dh-tay-bac", "dh-hung-vuong"].randomElement(using: &generator)!),
                                   funding: maker.code("fundingSources", "ca-nhan"),
                                   startedOn: studyEnd.adding(days: -(graduate ? 4 : 2) * 365), finishedOn: studyEnd)),
                on: start, using: &generator)

            let retirementAge = sex == .male ? 61 : 57
            let retirement = CivilDate(unchecked: birth.year + retirementAge, birth.month, Swift.min(birth.day, 28)).adding(days: 1)
            let end = Swift.min(today, retirement.adding(days: -1))
            var seniority: Int?
            var appointed: String?
            var year = start.year + 1
            while year <= end.year {
                let raiseDay = CivilDate(unchecked: year, start.month, Swift.min(start.day, 28))
                if raiseDay <= end, raiseDay > start, let current = rank {
                    let years = year - start.year
                    // A promotion after 9 years for some, at the nearest coefficient not below the present one.
                    if years == 9, kind != .contractStaff, Int.random(in: 0..<3, using: &generator) == 0,
                       let higher = maker.higherRank(than: current),
                       let newStep = higher.coefficients.firstIndex(where: { $0 >= current.coefficients[step - 1] }) {
                        rank = higher
                        step = newStep + 1
                        add(.pay(PayChange(rank: higher.code, step: step, coefficient: higher.coefficients[newStep],
                                           form: maker.code("raiseForms", "nang-ngach"))), on: raiseDay, using: &generator)
                        if let level = maker.code("trainingLevels", higher.group == "chuyen-vien-chinh" ? "qlnn-cvc" : "thac-si") {
                            add(.training(Training(type: maker.code("trainingTypes", "boi-duong") ?? "", level: level,
                                                   institution: maker.code("institutions", "hv-hcqg"),
                                                   startedOn: raiseDay.adding(days: -200), finishedOn: raiseDay.adding(days: -20))),
                                on: raiseDay, using: &generator)
                        }
                    } else if years % 3 == 0, step < current.coefficients.count {
                        step += 1
                        add(.pay(PayChange(rank: current.code, step: step, coefficient: current.coefficients[step - 1],
                                           form: maker.code("raiseForms", "thuong-xuyen"))), on: raiseDay, using: &generator)
                    } else if step == current.coefficients.count, years % 3 == 0 || seniority != nil,
                              let form = maker.code("seniorityForms", seniority == nil ? "lan-dau" : "hang-nam") {
                        seniority = seniority.map { $0 + 1 } ?? 5
                        add(.seniorityBeyondFrame(percent: seniority!, form: form), on: raiseDay, using: &generator)
                    }
                }
                if year - start.year == 5, kind != .contractStaff, Int.random(in: 0..<2, using: &generator) == 0,
                   let level = maker.code("trainingLevels", "llct-trung-cap") {
                    let day = CivilDate(unchecked: year, 6, 30)
                    if day <= end, day > start {
                        add(.training(Training(type: maker.code("trainingTypes", "vua-lam-vua-hoc") ?? "", level: level,
                                               institution: maker.code("institutions", "truong-chinh-tri-tinh"),
                                               startedOn: day.adding(days: -300), finishedOn: day)), on: day, using: &generator)
                    }
                }
                if year - start.year == 7, appointed == nil, kind != .contractStaff, Int.random(in: 0..<5, using: &generator) == 0,
                   let position = maker.code("governmentPositions", maker.isCommune ? "pho-chu-tich-ubnd" : "pho-truong-phong") {
                    let day = CivilDate(unchecked: year, 4, 1)
                    if day <= end, day > start {
                        appointed = position
                        add(.position(PositionChange(category: .government, position: position, action: .appointed,
                                                     termEndsOn: CivilDate(unchecked: year + 5, 3, 31))), on: day, using: &generator)
                        if let allowance = maker.code("allowanceTypes", "chuc-vu"), let computation = maker.code("allowanceComputations", "he-so") {
                            add(.allowance(AllowanceChange(type: allowance, computation: computation, amount: ExactDecimal(significand: 25, scale: 2))),
                                on: day, using: &generator)
                        }
                    }
                }
                // Last year's evaluation, decided in December; a reward now and then.
                let evaluationDay = CivilDate(unchecked: year - 1, 12, 20)
                if evaluationDay > start, evaluationDay <= end {
                    let roll = Int.random(in: 0..<20, using: &generator)
                    let rating = roll < 3 ? "httxs" : (roll < 17 ? "htt" : (roll < 19 ? "ht" : "kht"))
                    if let code = maker.code("evaluationRatings", rating) {
                        add(.evaluation(year: year - 1, rating: code), on: evaluationDay, using: &generator)
                    }
                    if rating == "httxs", evaluationDay.adding(days: 5) <= end, let form = maker.code("rewardForms", "giay-khen") {
                        add(.reward(Distinction(form: form, reason: "Hoàn thành xuất sắc nhiệm vụ năm \(year - 1)")),
                            on: evaluationDay.adding(days: 5), using: &generator)
                    }
                }
                year += 1
            }
            if retirement <= today {
                add(.left(Leaving(reason: .retired, form: maker.code("retirementForms", "du-tuoi"))), on: retirement, using: &generator)
            }
            return events.filter { $0.effectiveOn <= today }
        }
    }

    /// The rank of the next group up of the same kind: chuyên viên → chuyên viên chính,
    /// hạng III → hạng II.
    func higherRank(than rank: PersonnelRank) -> PersonnelRank? {
        let next = ["chuyen-vien": "chuyen-vien-chinh", "can-su": "chuyen-vien", "hang-III": "hang-II", "hang-IV": "hang-III"]
        guard let group = next[rank.group] else { return nil }
        return catalog.ranks.first { $0.group == group && $0.kind == rank.kind }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
