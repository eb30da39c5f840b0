import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Hummingbird

extension PersonnelPages {
    /// The catalog's entries of `list` as a form's choices.
    static func options(_ catalog: PersonnelCatalog, _ list: String) -> [PersonnelFormView.Option] {
        (catalog.list(list)?.entries ?? []).map { .init(code: $0.code, name: $0.name) }
    }

    func newPersonForm(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard try service.scopes(of: actor).contains(.edit) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền nhập hồ sơ cán bộ: cần được cấp quyền \"\(PersonnelScope.edit.vietnameseName)\" bằng văn bản.",
                               log: "\(actor.login) lacks personnel edit")
        }
        let catalog = try service.catalog()
        let view = PersonnelFormView(
            csrf: context.csrfToken, action: "/nhan-su/moi", recordID: nil,
            kinds: PersonnelKind.allCases.map { .init(code: $0.rawValue, name: $0.vietnameseName) },
            recruitmentForms: Self.options(catalog, "recruitmentForms"), recruitmentPositions: Self.options(catalog, "recruitmentPositions"),
            work: Self.options(catalog, "professionalWork"),
            ranks: catalog.ranks.map { .init(code: $0.code, name: "\($0.name) (\($0.code))") },
            sensitive: try service.scopes(of: actor).contains(.sensitive),
            ethnicities: Self.options(catalog, "ethnicities"), religions: Self.options(catalog, "religions"),
            governmentPositions: [], partyPositions: [], massPositions: [], levels: [], trainingTypes: [], specialities: [],
            rewards: [], disciplines: [], ratings: [])
        return try web.pages.page(view, title: "Nhập hồ sơ người mới", context: context)
    }

    /// A form field, trimmed and NFC; nil when blank.
    static func text(_ form: FormBody, _ name: String) -> String? {
        guard let value = form[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value.precomposedStringWithCanonicalMapping
    }

    static func required(_ form: FormBody, _ name: String, _ label: String) throws -> String {
        guard let value = text(form, name) else {
            throw ServiceError(.invalidInput, message: "Chưa nhập \"\(label)\".", log: "missing form field \(name)")
        }
        return value
    }

    static func date(_ form: FormBody, _ name: String, _ label: String) throws -> CivilDate {
        try CivilDate(personnelText: try required(form, name, label), field: label)
    }

    static func number(_ form: FormBody, _ name: String, _ label: String) throws -> Int {
        let text = try required(form, name, label)
        guard let value = Int(text), value > 0 else {
            throw ServiceError(.invalidInput, message: "\"\(label)\": \"\(text)\" không phải số nguyên dương.", log: "not a positive number in \(name)")
        }
        return value
    }

    /// The decision a change rests on, from the form's four fields.
    static func decision(_ form: FormBody) throws -> DecisionReference {
        DecisionReference(number: try required(form, "so-qd", "Số quyết định"), signedOn: try date(form, "ngay-ky", "Ngày ký quyết định"),
                          issuer: try required(form, "co-quan", "Cơ quan ban hành"), effectiveOn: try date(form, "ngay-hieu-luc", "Ngày có hiệu lực"))
    }

    /// Rank and step, the coefficient taken from the catalog's pay table.
    static func pay(_ form: FormBody, catalog: PersonnelCatalog) throws -> PayChange? {
        guard let rankCode = text(form, "ngach") else { return nil }
        guard let rank = catalog.rank(code: rankCode) else {
            throw ServiceError(.invalidInput, message: "Ngạch \"\(rankCode)\" không có trong danh mục.", log: "unknown rank")
        }
        let step = try number(form, "bac", "Bậc lương")
        guard step <= rank.coefficients.count else {
            throw ServiceError(.invalidInput, message: "Ngạch \(rank.name) chỉ có \(rank.coefficients.count) bậc; không có bậc \(step).", log: "step out of range")
        }
        return PayChange(rank: rank.code, step: step, coefficient: rank.coefficients[step - 1], form: text(form, "hinh-thuc-nang-luong"))
    }

    func recruit(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let catalog = try service.catalog()
        guard let sex = PersonIdentity.Sex(rawValue: form["gioi-tinh"] ?? "") else {
            throw ServiceError(.invalidInput, message: "Chưa chọn \"Giới tính\".", log: "missing sex")
        }
        guard let kind = PersonnelKind(rawValue: form["loai"] ?? "") else {
            throw ServiceError(.invalidInput, message: "Chưa chọn \"Loại\" (cán bộ, công chức, viên chức, lao động hợp đồng).", log: "missing kind")
        }
        let identity = PersonIdentity(fullName: try Self.required(form, "ho-ten", "Họ và tên khai sinh"), otherNames: Self.text(form, "ten-khac"),
                                      birthDate: try Self.date(form, "ngay-sinh", "Ngày sinh"), sex: sex,
                                      nationalIDNumber: Self.text(form, "so-dinh-danh"), birthplace: Self.text(form, "noi-sinh"),
                                      hometown: Self.text(form, "que-quan"), residence: Self.text(form, "noi-o"))
        let personal = PersonalDetails(ethnicity: Self.text(form, "dan-toc"), religion: Self.text(form, "ton-giao"))
        let recruitment = Recruitment(unit: web.work.home, section: Self.text(form, "phong-ban"), kind: kind,
                                      form: try Self.required(form, "hinh-thuc", "Hình thức tuyển dụng"), position: Self.text(form, "vi-tri"),
                                      work: Self.text(form, "cong-viec"), pay: try Self.pay(form, catalog: catalog))
        let takingUp = try Self.text(form, "ngay-nhan-viec").map { try CivilDate(personnelText: $0, field: "Ngày nhận việc") }
        let id = try service.recruit(PersonnelRecruitmentInput(identity: identity, personal: personal, recruitment: recruitment,
                                                               decision: try Self.decision(form), takingUpOn: takingUp),
                                     by: actor, at: Date())
        return PageSupport.redirect(to: "/nhan-su/\(id)", flash: "Đã nhập hồ sơ \(id). Hồ sơ chờ thủ trưởng đơn vị duyệt mới được tính.", web, context)
    }

    func eventForm(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let id = try Self.recordID(context)
        guard try service.scopes(of: actor).contains(.edit) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền cập nhật hồ sơ cán bộ: cần được cấp quyền \"\(PersonnelScope.edit.vietnameseName)\" bằng văn bản.",
                               log: "\(actor.login) lacks personnel edit")
        }
        let catalog = try service.catalog()
        let view = PersonnelFormView(
            csrf: context.csrfToken, action: "/nhan-su/\(id)/bien-dong", recordID: id.rawValue,
            kinds: [], recruitmentForms: [], recruitmentPositions: [], work: [],
            ranks: catalog.ranks.map { .init(code: $0.code, name: "\($0.name) (\($0.code))") },
            sensitive: false, ethnicities: [], religions: [],
            governmentPositions: Self.options(catalog, "governmentPositions"), partyPositions: Self.options(catalog, "partyPositions"),
            massPositions: Self.options(catalog, "massOrganisationPositions"), levels: Self.options(catalog, "trainingLevels"),
            trainingTypes: Self.options(catalog, "trainingTypes"), specialities: Self.options(catalog, "specialities"),
            rewards: Self.options(catalog, "emulationTitles") + Self.options(catalog, "rewardForms"),
            disciplines: Self.options(catalog, "disciplineForms"), ratings: Self.options(catalog, "evaluationRatings"))
        return try web.pages.page(view, title: "Cập nhật biến động — \(id)", context: context)
    }

    /// The change the event form describes (`loai` picks which).
    static func change(_ form: FormBody, catalog: PersonnelCatalog) throws -> PersonnelChange {
        switch form["loai"] ?? "" {
        case "luong":
            guard let pay = try pay(form, catalog: catalog) else {
                throw ServiceError(.invalidInput, message: "Chưa chọn \"Ngạch\".", log: "missing rank")
            }
            return .pay(pay)
        case "chuc-vu":
            guard let category = PositionChange.Category(rawValue: form["nhom-chuc-vu"] ?? ""),
                  let action = PositionChange.Action(rawValue: form["hanh-dong"] ?? "") else {
                throw ServiceError(.invalidInput, message: "Chưa chọn nhóm chức vụ hoặc việc bổ nhiệm, bổ nhiệm lại, thôi giữ chức vụ.", log: "missing position kind")
            }
            let field = switch category { case .government: "chuc-vu-chinh-quyen"; case .party: "chuc-vu-dang"; case .massOrganisation: "chuc-vu-doan-the" }
            return .position(PositionChange(category: category, position: try required(form, field, "Chức vụ"), action: action))
        case "dieu-chuyen":
            return .movedWithinUnit(section: try required(form, "phong-ban-moi", "Phòng, ban chuyển đến"))
        case "dao-tao":
            return .training(Training(type: try required(form, "loai-hinh", "Loại hình đào tạo"), speciality: text(form, "chuyen-nganh"),
                                      level: try required(form, "trinh-do", "Trình độ"),
                                      finishedOn: try text(form, "ngay-tot-nghiep").map { try CivilDate(personnelText: $0, field: "Ngày tốt nghiệp") }))
        case "khen-thuong":
            return .reward(Distinction(form: try required(form, "khen-thuong", "Hình thức khen thưởng"), reason: text(form, "ly-do")))
        case "ky-luat":
            return .discipline(Distinction(form: try required(form, "ky-luat", "Hình thức kỷ luật"), reason: text(form, "ly-do")))
        case "danh-gia":
            return .evaluation(year: try number(form, "nam", "Năm đánh giá"), rating: try required(form, "xep-loai", "Xếp loại"))
        case "nghi":
            guard let reason = Leaving.Reason(rawValue: form["ly-do-nghi"] ?? "") else {
                throw ServiceError(.invalidInput, message: "Chưa chọn lý do nghỉ (nghỉ hưu, thôi việc, từ trần, chuyển ra ngoài tỉnh).", log: "missing leaving reason")
            }
            return .left(Leaving(reason: reason))
        default:
            throw ServiceError(.invalidInput, message: "Chưa chọn loại biến động.", log: "missing event kind")
        }
    }

    func addEvent(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let id = try Self.recordID(context)
        let catalog = try service.catalog()
        let decision = try Self.decision(form)
        let sequence = try service.addEvent(to: id, PersonnelEventInput(effectiveOn: decision.effectiveOn, decision: decision,
                                                                        change: try Self.change(form, catalog: catalog)),
                                            by: actor, at: Date())
        return PageSupport.redirect(to: "/nhan-su/\(id)", flash: "Đã ghi biến động số \(sequence); biến động chờ thủ trưởng đơn vị duyệt mới được tính.",
                                    web, context)
    }

    func approve(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let id = try Self.recordID(context)
        let approved = try service.approve(id, by: actor, at: Date())
        return PageSupport.redirect(to: "/nhan-su/\(id)", flash: "Đã duyệt \(approved.count) biến động của hồ sơ \(id).", web, context)
    }
}
