import BaoCaoCore

/// A change in Vietnamese, for the history and the audit log. Never the sensitive data
/// of a `personalDetails` event: it says only that the person declared them, unless the
/// reader may see them (``summary(of:catalog:showSensitive:)``).
enum PersonnelChangeText {
    /// What kind of change it is, with no value: safe for the audit log.
    static func kind(of change: PersonnelChange) -> String {
        switch change {
        case .recruited: "tuyển dụng"
        case .identity: "sửa thông tin cá nhân"
        case .personalDetails: "kê khai bổ sung lý lịch"
        case .position(let change): change.action.vietnameseName
        case .movedWithinUnit: "điều chuyển trong đơn vị"
        case .pay: "nâng lương, chuyển ngạch"
        case .allowance: "phụ cấp"
        case .seniorityBeyondFrame: "thâm niên vượt khung"
        case .training: "đào tạo, bồi dưỡng"
        case .reward: "khen thưởng"
        case .discipline: "kỷ luật"
        case .evaluation: "đánh giá hằng năm"
        case .transferredOut: "chuyển công tác"
        case .transferredIn: "tiếp nhận"
        case .left(let leaving): leaving.reason.vietnameseName
        }
    }

    /// The change with its values, codes named by the catalog.
    static func summary(of change: PersonnelChange, catalog: PersonnelCatalog?, showSensitive: Bool) -> String {
        func name(_ code: String?, _ list: String) -> String {
            guard let code else { return "—" }
            return catalog?.list(list)?.entry(code: code)?.name ?? code
        }
        switch change {
        case .recruited(let recruitment):
            return "Tuyển dụng vào \(recruitment.unit)\(recruitment.section.map { ", \($0)" } ?? ""), \(recruitment.kind.vietnameseName), "
                + "hình thức \(name(recruitment.form, "recruitmentForms"))"
                + (recruitment.pay.map { ", ngạch \(catalog?.rank(code: $0.rank)?.name ?? $0.rank) bậc \($0.step) hệ số \($0.coefficient)" } ?? "")
        case .identity(let identity):
            return "Sửa thông tin cá nhân: \(identity.fullName), sinh ngày \(identity.birthDate.personnelDisplayText)"
        case .personalDetails:
            return showSensitive ? "Kê khai bổ sung lý lịch (thông tin nhạy cảm, xem phần thông tin khác)" : "Kê khai bổ sung lý lịch: \(PersonnelShown<String>.mask)"
        case .position(let change):
            let list = switch change.category {
            case .government: "governmentPositions"
            case .party: "partyPositions"
            case .massOrganisation: "massOrganisationPositions"
            }
            return "\(change.action.vietnameseName.capitalizedFirst) \(name(change.position, list))"
                + (change.termEndsOn.map { ", nhiệm kỳ đến \($0.personnelDisplayText)" } ?? "")
        case .movedWithinUnit(let section):
            return "Điều chuyển sang \(section)"
        case .pay(let pay):
            return "Ngạch \(catalog?.rank(code: pay.rank)?.name ?? pay.rank), bậc \(pay.step), hệ số \(pay.coefficient)"
        case .allowance(let allowance):
            return "\(allowance.ends ? "Thôi hưởng" : "Hưởng") phụ cấp \(name(allowance.type, "allowanceTypes")) \(allowance.amount)"
        case .seniorityBeyondFrame(let percent, _):
            return "Thâm niên vượt khung \(percent)%"
        case .training(let training):
            return "Đào tạo \(name(training.level, "trainingLevels"))" + (training.speciality.map { ", chuyên ngành \(name($0, "specialities"))" } ?? "")
        case .reward(let distinction):
            return "Khen thưởng: \(name(distinction.form, "rewardForms"))"
        case .discipline(let distinction):
            return "Kỷ luật: \(name(distinction.form, "disciplineForms"))"
        case .evaluation(let year, let rating):
            return "Đánh giá năm \(year): \(name(rating, "evaluationRatings"))"
        case .transferredOut(let transfer):
            return "Chuyển công tác đến \(transfer.employingUnit)" + (transfer.receivingUnit == transfer.employingUnit ? "" : " (qua \(transfer.receivingUnit))")
        case .transferredIn(let from, let section):
            return "Tiếp nhận từ \(from)" + (section.map { ", \($0)" } ?? "")
        case .left(let leaving):
            return leaving.reason.vietnameseName.capitalizedFirst
        }
    }
}

extension Leaving.Reason {
    var vietnameseName: String {
        switch self {
        case .retired: "nghỉ hưu"
        case .resigned: "thôi việc"
        case .deceased: "từ trần"
        case .outOfProvince: "chuyển công tác ra ngoài tỉnh"
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
