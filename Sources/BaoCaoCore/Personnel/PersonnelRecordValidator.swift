/// The walk behind ``PersonnelCatalog/validate(_:topology:)``: the identity and personal
/// data, then every event in effective-date order against the state the events before it
/// leave (pending ones counted: what is entered must fit what is entered).
struct PersonnelRecordValidator {
    let catalog: PersonnelCatalog
    let topology: Topology?
    /// The sequence numbers whose own content is checked; `nil` for every event.
    let checking: Set<Int>?

    /// The labour age (Bộ luật Lao động 2019, Điều 143): nobody is recruited younger.
    static let labourAge = 15

    func validate(_ record: PersonnelRecord) throws {
        if checking == nil {
            try validate(record.identity)
            try validate(record.personal)
        }
        let birth = record.identity.birthDate
        guard let first = record.events.min(by: { $0.sequence < $1.sequence }) else {
            throw CoreError.personnel(.missingPersonnelField, field: "Quá trình công tác",
                                      "hồ sơ chưa có thay đổi nào; thay đổi đầu tiên phải là tuyển dụng")
        }
        var sequences: Set<Int> = []
        for event in record.events where !sequences.insert(event.sequence).inserted {
            throw CoreError.personnel(.invalidPersonnelEvent, field: "Quá trình công tác", "thay đổi số \(event.sequence) bị trùng")
        }
        guard case .recruited(let recruitment) = first.change else {
            throw CoreError.personnel(.invalidPersonnelEvent, field: "Ngày được tuyển dụng",
                                      "thay đổi đầu tiên của hồ sơ phải là tuyển dụng")
        }
        if let second = record.events.first(where: { $0.sequence != first.sequence && $0.change.wireType == .recruited }),
           checks(second) || checks(first) {
            throw CoreError.personnel(.invalidPersonnelEvent, field: "Ngày được tuyển dụng",
                                      "hồ sơ chỉ có một lần tuyển dụng (thay đổi số \(second.sequence) là tuyển dụng lần nữa)")
        }
        if checks(first) {
            try validateCommon(first, birth: birth)
            try validate(recruitment, on: first.effectiveOn)
            let labourDay = CivilDate(unchecked: birth.year + Self.labourAge, birth.month,
                                      birth.month == 2 && birth.day == 29 ? 28 : birth.day)
            if first.effectiveOn < labourDay {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày được tuyển dụng",
                                          "ngày tuyển dụng \(first.effectiveOn) khi người được tuyển dụng chưa đủ \(Self.labourAge) tuổi")
            }
        }
        let ordered = record.events.sorted { ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }
        var state = PersonnelState(
            date: first.effectiveOn, status: .working, unit: recruitment.unit, section: recruitment.section,
            kind: recruitment.kind, recruitment: recruitment, recruitedOn: first.effectiveOn, pay: recruitment.pay,
            age: birth.wholeYears(until: first.effectiveOn))
        for event in ordered where event.sequence != first.sequence {
            if event.effectiveOn < first.effectiveOn, checks(event) || checks(first) {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày có hiệu lực",
                                          "thay đổi số \(event.sequence) có hiệu lực ngày \(event.effectiveOn), trước ngày được tuyển dụng \(first.effectiveOn)")
            }
            if checks(event) {
                try validateCommon(event, birth: birth)
                try validate(event, after: state, birth: birth)
            }
            state.apply(event)
        }
    }

    private func checks(_ event: PersonnelEvent) -> Bool { checking?.contains(event.sequence) ?? true }

    // MARK: identity and personal data

    func validate(_ identity: PersonIdentity) throws {
        try requiredText(identity.fullName, field: "Họ và tên khai sinh")
        try optionalText(identity.otherNames, field: "Tên gọi khác")
        try optionalText(identity.birthplace, field: "Nơi sinh")
        try optionalText(identity.hometown, field: "Quê quán")
        try optionalText(identity.residence, field: "Nơi ở hiện nay")
        if let number = identity.nationalIDNumber {
            guard number.utf8.count == 12, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw CoreError.personnel(.invalidNationalIDNumber, field: "Số định danh cá nhân",
                                          "phải gồm đúng 12 chữ số")
            }
        }
    }

    func validate(_ personal: PersonalDetails) throws {
        try code(personal.ethnicity, in: "ethnicities", field: "Dân tộc")
        try code(personal.religion, in: "religions", field: "Tôn giáo")
        try code(personal.origin, in: "origins", field: "Thành phần gia đình xuất thân")
        try code(personal.health, in: "healthStates", field: "Tình trạng sức khỏe")
        try code(personal.bloodGroup, in: "bloodGroups", field: "Nhóm máu")
        try code(personal.maritalStatus, in: "maritalStatuses", field: "Tình trạng hôn nhân")
        try code(personal.policyGroup, in: "policyGroups", field: "Là con gia đình chính sách")
        try code(personal.warInvalidRank, in: "warInvalidRanks", field: "Thương binh loại")
        for title in personal.titles {
            try code(title, in: "honorificTitles", field: "Danh hiệu được phong tặng")
        }
        for member in personal.family {
            let entry = try code(member.relation, in: "familyRelations", field: "Quan hệ gia đình")
            if member.side == .spouse, entry?.group == PersonnelCatalog.ownSideOnlyGroup {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Quan hệ gia đình",
                                          "quan hệ \"\(member.relation)\" chỉ có ở phần về bản thân, không có ở phần về bên vợ (chồng)")
            }
            try requiredText(member.fullName, field: "Quan hệ gia đình: họ và tên")
            try optionalText(member.details, field: "Quan hệ gia đình: quê quán, nghề nghiệp, nơi ở")
            if let year = member.birthYear, !(1800...9999).contains(year) {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Quan hệ gia đình: năm sinh",
                                          "năm sinh phải có bốn chữ số, từ 1800")
            }
        }
    }

    // MARK: events

    /// What every event must have: a date not before birth, a decision that can be.
    private func validateCommon(_ event: PersonnelEvent, birth: CivilDate) throws {
        if event.effectiveOn < birth {
            throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày có hiệu lực",
                                      "thay đổi số \(event.sequence) có hiệu lực ngày \(event.effectiveOn), trước ngày sinh")
        }
        try requiredText(event.recordedByAccount, field: "Người cập nhật")
        if let decision = event.decision {
            try requiredText(decision.number, field: "Số quyết định")
            try requiredText(decision.issuer, field: "Cơ quan ban hành quyết định")
            if decision.signedOn < birth {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày ký quyết định",
                                          "quyết định của thay đổi số \(event.sequence) ký ngày \(decision.signedOn), trước ngày sinh")
            }
            if decision.effectiveOn != event.effectiveOn {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày có hiệu lực",
                                          "thay đổi số \(event.sequence) có hiệu lực ngày \(event.effectiveOn) nhưng quyết định có hiệu lực ngày \(decision.effectiveOn)")
            }
        }
    }

    private func validate(_ recruitment: Recruitment, on date: CivilDate) throws {
        try unit(recruitment.unit, field: "Cơ quan, đơn vị tuyển dụng")
        try optionalText(recruitment.section, field: "Phòng, ban, bộ phận")
        try code(recruitment.form, in: "recruitmentForms", field: "Hình thức tuyển dụng")
        try code(recruitment.position, in: "recruitmentPositions", field: "Vị trí tuyển dụng")
        try code(recruitment.source, in: "recruitmentSources", field: "Nguồn tuyển dụng")
        try code(recruitment.work, in: "professionalWork", field: "Công việc chính được giao")
        if let pay = recruitment.pay { try validate(pay) }
    }

    /// An event after the first, against the state the events before it leave.
    private func validate(_ event: PersonnelEvent, after state: PersonnelState, birth: CivilDate) throws {
        let change = event.change
        switch state.status {
        case .retired, .resigned, .deceased:
            guard change.isCorrection else {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Trạng thái dữ liệu",
                                          "thay đổi số \(event.sequence): người này \(state.status.vietnameseName) từ trước ngày \(event.effectiveOn); chỉ được đính chính thông tin")
            }
        case .transferred:
            guard change.isCorrection || change.wireType == .transferredIn else {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Trạng thái dữ liệu",
                                          "thay đổi số \(event.sequence): người này đã chuyển công tác khỏi đơn vị; chỉ được đính chính thông tin hoặc tiếp nhận")
            }
        case .working, .movedWithinUnit:
            if change.wireType == .transferredIn {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Tiếp nhận",
                                          "thay đổi số \(event.sequence): người này đang công tác, chưa chuyển đi nên không tiếp nhận được")
            }
        }
        switch change {
        case .recruited:
            break  // refused above: only once
        case .identity(let identity):
            try validate(identity)
            if identity.birthDate > event.effectiveOn {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày, tháng, năm sinh",
                                          "thay đổi số \(event.sequence) đính chính ngày sinh thành một ngày sau ngày có hiệu lực")
            }
        case .personalDetails(let personal):
            try validate(personal)
        case .position(let position):
            let list = switch position.category {
            case .government: ("governmentPositions", "Chức vụ chính quyền")
            case .party: ("partyPositions", "Chức vụ Đảng")
            case .massOrganisation: ("massOrganisationPositions", "Chức vụ đoàn thể")
            }
            try code(position.position, in: list.0, field: list.1)
            if let end = position.termEndsOn, end <= event.effectiveOn {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Thời hạn bổ nhiệm",
                                          "thay đổi số \(event.sequence): nhiệm kỳ kết thúc ngày \(end), không sau ngày bổ nhiệm \(event.effectiveOn)")
            }
            if position.action == .relieved,
               !state.positions.contains(where: { $0.category == position.category && $0.position == position.position }) {
                throw CoreError.personnel(.invalidPersonnelEvent, field: list.1,
                                          "thay đổi số \(event.sequence): thôi giữ chức vụ \"\(position.position)\" mà người này không giữ")
            }
        case .movedWithinUnit(let section):
            try requiredText(section, field: "Phòng, ban, bộ phận")
        case .pay(let pay):
            try validate(pay)
        case .allowance(let allowance):
            try code(allowance.type, in: "allowanceTypes", field: "Phụ cấp")
            try code(allowance.computation, in: "allowanceComputations", field: "Hình thức tính phụ cấp")
            if allowance.amount <= .zero {
                throw CoreError.personnel(.invalidPersonnelPay, field: "Phụ cấp", "hệ số hoặc tỷ lệ phụ cấp phải lớn hơn 0")
            }
            if allowance.ends, !state.allowances.contains(where: { $0.type == allowance.type }) {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Phụ cấp",
                                          "thay đổi số \(event.sequence): thôi hưởng phụ cấp \"\(allowance.type)\" chưa từng được hưởng")
            }
        case .seniorityBeyondFrame(let percent, let form):
            try code(form, in: "seniorityForms", field: "Hình thức hưởng thâm niên vượt khung")
            guard (1...100).contains(percent) else {
                throw CoreError.personnel(.invalidPersonnelPay, field: "Phụ cấp thâm niên vượt khung", "tỷ lệ phải từ 1% đến 100%")
            }
        case .training(let training):
            try validate(training, sequence: event.sequence, birth: birth)
        case .reward(let reward):
            if list("rewardForms")?.entry(code: reward.form) == nil, list("emulationTitles")?.entry(code: reward.form) != nil {
                try code(reward.form, in: "emulationTitles", field: "Khen thưởng")
            } else {
                try code(reward.form, in: "rewardForms", field: "Khen thưởng")
            }
            try optionalText(reward.reason, field: "Khen thưởng: lý do")
        case .discipline(let discipline):
            let entry = try code(discipline.form, in: "disciplineForms", field: "Kỷ luật")
            if let group = entry?.group, group != PersonnelCatalog.disciplineGroup(for: state.kind) {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Kỷ luật",
                                          "hình thức \"\(discipline.form)\" không áp dụng cho \(state.kind.vietnameseName)")
            }
            try optionalText(discipline.reason, field: "Kỷ luật: lý do")
        case .evaluation(let year, let rating):
            try code(rating, in: "evaluationRatings", field: "Đánh giá, xếp loại")
            if year < state.recruitedOn.year || year > event.effectiveOn.year {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Đánh giá, xếp loại",
                                          "thay đổi số \(event.sequence): đánh giá năm \(year) phải từ năm tuyển dụng đến năm có hiệu lực \(event.effectiveOn.year)")
            }
        case .transferredOut(let transfer):
            try unit(transfer.receivingUnit, field: "Cơ quan, đơn vị tiếp nhận")
            try unit(transfer.employingUnit, field: "Cơ quan, đơn vị sử dụng")
            if transfer.receivingUnit == state.unit || transfer.employingUnit == state.unit {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Chuyển công tác đến",
                                          "thay đổi số \(event.sequence): không chuyển công tác đến chính đơn vị \(state.unit)")
            }
        case .transferredIn(let from, let section):
            try unit(from, field: "Chuyển đến từ")
            try optionalText(section, field: "Phòng, ban, bộ phận")
            if from == event.recordedBy {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Chuyển đến từ",
                                          "thay đổi số \(event.sequence): đơn vị tiếp nhận trùng đơn vị chuyển đi")
            }
        case .left(let leaving):
            if leaving.reason == .retired {
                try code(leaving.form, in: "retirementForms", field: "Hình thức nghỉ hưu")
            } else if leaving.form != nil {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Hình thức nghỉ hưu",
                                          "chỉ ghi hình thức nghỉ hưu khi nghỉ hưu")
            }
        }
    }

    private func validate(_ pay: PayChange) throws {
        guard let rank = catalog.rank(code: pay.rank) else {
            throw CoreError.personnel(.unknownPersonnelCode, field: "Mã ngạch",
                                      "mã \"\(pay.rank)\" không có trong danh mục Ngạch, chức danh nghề nghiệp")
        }
        guard (1...rank.coefficients.count).contains(pay.step) else {
            throw CoreError.personnel(.invalidPersonnelPay, field: "Bậc lương",
                                      "ngạch \(rank.code) có các bậc từ 1 đến \(rank.coefficients.count), không có bậc \(pay.step)")
        }
        let coefficient = rank.coefficients[pay.step - 1]
        guard coefficient == pay.coefficient else {
            throw CoreError.personnel(.invalidPersonnelPay, field: "Hệ số lương",
                                      "bậc \(pay.step) của ngạch \(rank.code) có hệ số \(coefficient), không phải \(pay.coefficient)")
        }
        try code(pay.form, in: "raiseForms", field: "Hình thức nâng lương")
    }

    private func validate(_ training: Training, sequence: Int, birth: CivilDate) throws {
        try code(training.type, in: "trainingTypes", field: "Hình thức đào tạo")
        try code(training.speciality, in: "specialities", field: "Chuyên ngành đào tạo, bồi dưỡng")
        try code(training.level, in: "trainingLevels", field: "Trình độ đào tạo")
        try code(training.diploma, in: "diplomaTypes", field: "Văn bằng, chứng chỉ")
        try code(training.graduation, in: "graduationForms", field: "Hình thức tốt nghiệp")
        try code(training.institution, in: "institutions", field: "Tên trường")
        try code(training.funding, in: "fundingSources", field: "Nguồn kinh phí đào tạo")
        if let start = training.startedOn, start < birth {
            throw CoreError.personnel(.impossiblePersonnelDate, field: "Thời gian đào tạo",
                                      "thay đổi số \(sequence): khóa học bắt đầu ngày \(start), trước ngày sinh")
        }
        if let start = training.startedOn, let end = training.finishedOn, end < start {
            throw CoreError.personnel(.impossiblePersonnelDate, field: "Thời gian đào tạo",
                                      "thay đổi số \(sequence): kết thúc ngày \(end) trước khi bắt đầu ngày \(start)")
        }
    }

    // MARK: pieces

    private func list(_ name: String) -> PersonnelCatalogList? { catalog.list(name) }

    /// The entry `code` names in list `name`; `nil` when there is no code.
    @discardableResult
    private func code(_ code: String?, in name: String, field: String) throws -> PersonnelCatalogEntry? {
        guard let code else { return nil }
        guard let list = list(name) else {
            throw CoreError.personnel(.unknownPersonnelCode, field: field, "danh mục \(name) không có trong bộ danh mục nhân sự")
        }
        guard let entry = list.entry(code: code) else {
            throw CoreError.personnel(.unknownPersonnelCode, field: field, "mã \"\(code)\" không có trong danh mục \(list.title)")
        }
        return entry
    }

    private func unit(_ code: UnitCode, field: String) throws {
        if let topology, topology.unit(code: code) == nil {
            throw CoreError.personnel(.unknownPersonnelUnit, field: field, "đơn vị \(code) không có trong danh sách đơn vị của tỉnh")
        }
    }

    private func requiredText(_ text: String, field: String) throws {
        if text.allSatisfy(\.isWhitespace) {
            throw CoreError.personnel(.missingPersonnelField, field: field, "không được để trống")
        }
        if !text.isNFC || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw CoreError.personnel(.invalidPersonnelText, field: field,
                                      "chữ phải là Unicode dựng sẵn (NFC, TCVN 6909:2001) và không có ký tự điều khiển")
        }
    }

    private func optionalText(_ text: String?, field: String) throws {
        if let text { try requiredText(text, field: field) }
    }
}

extension PersonnelChange {
    /// Changes that correct or complete the person's data rather than their career: the
    /// only ones a record takes after the person has left (art. 12.3 keeps it).
    public var isCorrection: Bool {
        switch self {
        case .identity, .personalDetails: true
        default: false
        }
    }
}

extension PersonnelCatalog {
    /// The group of `familyRelations` entries that exist only on the person's own side
    /// (vợ, chồng, con); the others (cha, mẹ, anh, chị, em) are on both sides.
    public static let ownSideOnlyGroup = "ban-than"

    /// The group of `disciplineForms` entries that apply to `kind` (the forms differ: Luật
    /// Cán bộ, công chức Điều 78–79; Luật Viên chức Điều 52; Bộ luật Lao động Điều 124).
    public static func disciplineGroup(for kind: PersonnelKind) -> String {
        switch kind {
        case .official: "can-bo"
        case .civilServant: "cong-chuc"
        case .publicEmployee: "vien-chuc"
        case .contractStaff: "lao-dong"
        }
    }
}

extension String {
    /// Whether the text is already NFC, scalar for scalar (`==` on strings compares
    /// canonical equivalents as equal, so it cannot tell).
    var isNFC: Bool { unicodeScalars.elementsEqual(nfc.unicodeScalars) }
}
