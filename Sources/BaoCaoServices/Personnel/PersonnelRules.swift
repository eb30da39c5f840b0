import BaoCaoCore
import Foundation

/// The one place the service asks the domain whether a record or an event may be stored,
/// and which duties (art. 9–10) an event sets. Each is a single call site, so that the
/// catalog's own validation (``PersonnelCatalog``) takes over here alone.
enum PersonnelRules {
    /// Refuses a record whose codes its catalog lists do not have, or whose dates cannot be.
    static func check(_ record: PersonnelRecord, catalog: PersonnelCatalog, topology: Topology, today: CivilDate) throws {
        let identity = record.identity
        guard !identity.fullName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CoreError.personnel(.missingPersonnelField, field: "Họ và tên", "đang trống")
        }
        guard identity.birthDate <= today else {
            throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày sinh", "\(identity.birthDate.personnelDisplayText) sau ngày hôm nay")
        }
        if let number = identity.nationalIDNumber, number.count != 12 || !number.allSatisfy(\.isASCII) || !number.allSatisfy(\.isNumber) {
            throw CoreError.personnel(.missingPersonnelField, field: "Số định danh cá nhân", "cần đúng 12 chữ số")
        }
        let personal = record.personal
        try code(personal.ethnicity, in: "ethnicities", field: "Dân tộc", catalog)
        try code(personal.religion, in: "religions", field: "Tôn giáo", catalog)
        try code(personal.origin, in: "origins", field: "Thành phần xuất thân", catalog)
        try code(personal.health, in: "healthStates", field: "Sức khỏe", catalog)
        try code(personal.bloodGroup, in: "bloodGroups", field: "Nhóm máu", catalog)
        try code(personal.maritalStatus, in: "maritalStatuses", field: "Tình trạng hôn nhân", catalog)
        for (index, event) in record.events.enumerated() {
            try check(event, for: PersonnelRecord(id: record.id, identity: identity, personal: personal, events: Array(record.events[..<index])),
                      catalog: catalog, topology: topology)
        }
        // The catalog's own rules (every code of every list and rank, the labour age, the
        // pay table's steps, dates in order), as every node applies them to what it receives.
        try catalog.validate(record, topology: topology)
    }

    /// Refuses an event that names an unknown code, cannot follow the record's state, or
    /// is dated before the person's birth or recruitment.
    static func check(_ event: PersonnelEvent, for record: PersonnelRecord, catalog: PersonnelCatalog, topology: Topology) throws {
        let birth = record.identity.birthDate
        guard event.effectiveOn > birth else {
            throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày có hiệu lực",
                                      "\(event.effectiveOn.personnelDisplayText) không sau ngày sinh \(birth.personnelDisplayText)")
        }
        if let decision = event.decision {
            guard !decision.number.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CoreError.personnel(.missingPersonnelField, field: "Số quyết định", "đang trống")
            }
            guard decision.signedOn > birth else {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày ký quyết định",
                                          "\(decision.signedOn.personnelDisplayText) không sau ngày sinh \(birth.personnelDisplayText)")
            }
            guard decision.effectiveOn >= decision.signedOn || event.effectiveOn >= decision.signedOn else {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày có hiệu lực", "trước ngày ký quyết định")
            }
        }
        let recruitment = record.recruitment
        if case .recruited(let joining) = event.change {
            guard recruitment == nil else {
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Tuyển dụng", "hồ sơ \(record.id) đã có sự kiện tuyển dụng; không tuyển dụng lần thứ hai")
            }
            guard topology.unit(code: joining.unit) != nil else {
                throw CoreError.personnel(.unknownPersonnelCode, field: "Đơn vị", "không có đơn vị mã \(joining.unit)")
            }
            try code(joining.form, in: "recruitmentForms", field: "Hình thức tuyển dụng", catalog)
            try code(joining.position, in: "recruitmentPositions", field: "Vị trí tuyển dụng", catalog)
            try code(joining.source, in: "recruitmentSources", field: "Nguồn tuyển dụng", catalog)
            try code(joining.work, in: "professionalWork", field: "Công việc chuyên môn", catalog)
            if let pay = joining.pay { try check(pay, catalog) }
            return
        }
        guard let recruitment else {
            throw CoreError.personnel(.invalidPersonnelEvent, field: "Tuyển dụng", "sự kiện đầu tiên của hồ sơ phải là tuyển dụng")
        }
        guard event.effectiveOn >= recruitment.event.effectiveOn else {
            throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày có hiệu lực",
                                      "\(event.effectiveOn.personnelDisplayText) trước ngày tuyển dụng \(recruitment.event.effectiveOn.personnelDisplayText)")
        }
        if let state = record.state(on: event.effectiveOn, includingPending: true), !state.status.isOnRoster {
            switch event.change {
            case .identity, .personalDetails, .transferredIn: break
            default:
                throw CoreError.personnel(.invalidPersonnelEvent, field: "Trạng thái",
                                          "người có hồ sơ \(record.id) \(state.status.vietnameseName) từ trước ngày \(event.effectiveOn.personnelDisplayText)")
            }
        }
        switch event.change {
        case .recruited: break
        case .identity(let identity):
            guard identity.birthDate < event.effectiveOn else {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày sinh", "sau ngày có hiệu lực")
            }
        case .personalDetails(let personal):
            try code(personal.ethnicity, in: "ethnicities", field: "Dân tộc", catalog)
            try code(personal.religion, in: "religions", field: "Tôn giáo", catalog)
            try code(personal.maritalStatus, in: "maritalStatuses", field: "Tình trạng hôn nhân", catalog)
        case .position(let change):
            let list = switch change.category {
            case .government: "governmentPositions"
            case .party: "partyPositions"
            case .massOrganisation: "massOrganisationPositions"
            }
            try code(change.position, in: list, field: "Chức vụ", catalog)
        case .movedWithinUnit(let section):
            guard !section.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CoreError.personnel(.missingPersonnelField, field: "Phòng, ban mới", "đang trống")
            }
        case .pay(let pay): try check(pay, catalog)
        case .allowance(let allowance): try code(allowance.type, in: "allowanceTypes", field: "Loại phụ cấp", catalog)
        case .seniorityBeyondFrame(let percent, _):
            guard (1...100).contains(percent) else {
                throw CoreError.personnel(.missingPersonnelField, field: "Thâm niên vượt khung", "\(percent)% không nằm trong 1–100%")
            }
        case .training(let training):
            try code(training.level, in: "trainingLevels", field: "Trình độ đào tạo", catalog)
            if let started = training.startedOn, let finished = training.finishedOn, finished < started {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày tốt nghiệp", "trước ngày bắt đầu học")
            }
        case .reward(let distinction): try code(distinction.form, in: "rewardForms", field: "Hình thức khen thưởng", catalog)
        case .discipline(let distinction): try code(distinction.form, in: "disciplineForms", field: "Hình thức kỷ luật", catalog)
        case .evaluation(let year, _):
            guard year >= recruitment.event.effectiveOn.year, year <= event.effectiveOn.year else {
                throw CoreError.personnel(.impossiblePersonnelDate, field: "Năm đánh giá", "năm \(year) ngoài thời gian công tác")
            }
        case .transferredOut(let transfer):
            for unit in [transfer.receivingUnit, transfer.employingUnit] where topology.unit(code: unit) == nil {
                throw CoreError.personnel(.unknownPersonnelCode, field: "Đơn vị nhận", "không có đơn vị mã \(unit)")
            }
        case .transferredIn(let from, _):
            guard topology.unit(code: from) != nil else {
                throw CoreError.personnel(.unknownPersonnelCode, field: "Đơn vị chuyển đến từ", "không có đơn vị mã \(from)")
            }
        case .left(let leaving):
            if leaving.reason == .retired { try code(leaving.form, in: "retirementForms", field: "Hình thức nghỉ hưu", catalog) }
        }
    }

    private static func check(_ pay: PayChange, _ catalog: PersonnelCatalog) throws {
        guard let rank = catalog.rank(code: pay.rank) else {
            throw CoreError.personnel(.unknownPersonnelCode, field: "Ngạch", "không có mã \"\(pay.rank)\" trong danh mục ngạch")
        }
        guard rank.coefficients.indices.contains(pay.step - 1) else {
            throw CoreError.personnel(.unknownPersonnelCode, field: "Bậc lương", "ngạch \(rank.code) không có bậc \(pay.step)")
        }
        guard rank.coefficients[pay.step - 1] == pay.coefficient else {
            throw CoreError.personnel(.unknownPersonnelCode, field: "Hệ số lương",
                                      "ngạch \(rank.code) bậc \(pay.step) có hệ số \(rank.coefficients[pay.step - 1]), không phải \(pay.coefficient)")
        }
    }

    private static func code(_ value: String?, in list: String, field: String, _ catalog: PersonnelCatalog) throws {
        guard let value else { return }
        guard catalog.list(list)?.entry(code: value) != nil else {
            throw CoreError.personnel(.unknownPersonnelCode, field: field, "không có mã \"\(value)\" trong danh mục")
        }
    }

    /// The duty an event sets, if any (art. 9–10).
    static func duty(of event: PersonnelEvent) -> PersonnelDuty? {
        switch event.change {
        case .recruited: .enterNewPerson
        case .movedWithinUnit: .recordMoveWithinUnit
        case .transferredOut: .sendTransfer
        case .transferredIn: .forwardTransfer
        case .left: .recordLeaving
        case .position, .pay, .allowance, .seniorityBeyondFrame, .training, .reward, .discipline, .evaluation:
            event.decision == nil ? nil : .recordStateChange
        case .identity, .personalDetails: nil
        }
    }
}
