import Foundation
import Yams
@testable import BaoCaoCore

/// The sample personnel catalog of `Config/catalog/nhan-su.yaml`, read as the CLI reads it,
/// and a record built on it that passes every rule, for tests to break one thing at a time.
enum PersonnelFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static func catalogFile() throws -> PersonnelCatalogFile {
        try YAMLDecoder().decode(PersonnelCatalogFile.self, from: text("Config/catalog/nhan-su.yaml"))
    }

    /// The Hòa Bình catalog (authority 17-SNV).
    static let catalog: PersonnelCatalog = {
        do {
            return try catalogFile().catalog(forProvince: "17")
        } catch let error as CoreError {
            fatalError(error.message)
        } catch {
            fatalError("\(error)")
        }
    }()

    static func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    static let unit: UnitCode = "05290"

    /// An instant on a Vietnamese day, 09:00 local.
    static func at(_ day: String) -> Date { VietnamTime.startOfDay(date(day)).addingTimeInterval(9 * 3600) }

    static func event(_ sequence: Int, _ effective: String, _ change: PersonnelChange, decided: Bool = true,
                      recorded: String? = nil, by unit: UnitCode = unit) -> PersonnelEvent {
        let day = date(effective)
        return PersonnelEvent(
            sequence: sequence, effectiveOn: day,
            decision: decided ? DecisionReference(number: "\(sequence)/QĐ-UBND", signedOn: day.adding(days: -3), issuer: "UBND xã Nhân Nghĩa", effectiveOn: day) : nil,
            change: change, recordedBy: unit, recordedByAccount: "nhaplieu", recordedAt: at(recorded ?? effective),
            approval: PersonnelApproval(account: "lanhdao", name: "Lãnh đạo", approvedAt: at(recorded ?? effective).addingTimeInterval(3600)))
    }

    static let recruitment = Recruitment(unit: unit, section: "Văn phòng", kind: .civilServant, form: "thi-tuyen",
                                         position: "chuyen-mon-nghiep-vu", source: "sinh-vien", work: "van-phong-thong-ke",
                                         pay: PayChange(rank: "01.003", step: 1, coefficient: try! ExactDecimal(canonical: "2.34"),
                                                        form: "xep-luong-lan-dau"))

    /// Born 1990-05-20, recruited 2015-03-01 as a chuyên viên, a university degree, a raise in 2018.
    static func record(_ more: [PersonnelEvent] = []) -> PersonnelRecord {
        PersonnelRecord(
            id: try! PersonnelID(parsing: "HS-0123456789abcdef0123"),
            identity: PersonIdentity(fullName: "Nguyễn Văn An", birthDate: date("1990-05-20"), sex: .male,
                                     nationalIDNumber: "017090990001", hometown: "Lạc Sơn, Hòa Bình"),
            personal: PersonalDetails(ethnicity: "06", religion: "khong", bloodGroup: "O", maritalStatus: "da-ket-hon",
                                      family: [FamilyMember(side: .own, relation: "cha", fullName: "Nguyễn Văn Bình", birthYear: 1962)]),
            events: [
                event(1, "2015-03-01", .recruited(recruitment)),
                event(2, "2015-03-01", .training(Training(type: "chinh-quy", speciality: "luat", level: "dai-hoc", diploma: "bang-dai-hoc",
                                                          institution: "dh-luat-hn", startedOn: date("2008-09-05"), finishedOn: date("2012-06-30")))),
                event(3, "2018-03-01", .pay(PayChange(rank: "01.003", step: 2, coefficient: try! ExactDecimal(canonical: "2.67"), form: "thuong-xuyen"))),
            ] + more)
    }
}
