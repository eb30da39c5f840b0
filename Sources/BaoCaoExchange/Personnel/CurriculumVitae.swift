import BaoCaoCore

/// The content of the official curriculum vitae, "Sơ yếu lý lịch cán bộ, công chức" (Mẫu
/// 2C-BNV/2008, the form Thông tư 11/2012/TT-BNV keeps in the civil servant's file): the
/// managing body and the employing unit at the top, the numbered items 1–26, then the
/// tables 27–32 — as a record reads on one day, every code given its catalog name. Made by
/// ``init(record:on:catalog:topology:showsSensitive:)``; the print page and the
/// PDF lay it out.
///
/// Fields the reader may not see (``PersonnelField/isSensitive``) hold ``masked``, never
/// their value. An item the record does not keep (the Party dates, the social insurance
/// number …) is printed empty, for the person to fill in by hand as the form intends.
public struct CurriculumVitae: Sendable, Hashable {
    /// What a masked field prints instead of its value.
    public static let masked = "•••"

    /// One numbered item: "3)" with its fields "Sinh ngày" and "Giới tính"; a sub-item of
    /// 15 is "15.2".
    public struct Item: Sendable, Hashable {
        public let number: String
        public let fields: [Field]

        public init(number: String, fields: [Field]) {
            self.number = number
            self.fields = fields
        }
    }

    /// One field of an item: its label as the form prints it, and the value.
    public struct Field: Sendable, Hashable {
        public let label: String
        public let value: String
        /// Whether ``value`` is ``CurriculumVitae/masked``.
        public let isMasked: Bool

        public init(label: String, value: String, isMasked: Bool = false) {
            self.label = label
            self.value = value
            self.isMasked = isMasked
        }
    }

    /// One row of table 27, đào tạo, bồi dưỡng.
    public struct TrainingRow: Sendable, Hashable {
        public let institution: String
        public let speciality: String
        /// "09/2006 – 06/2010".
        public let period: String
        public let type: String
        /// Văn bằng, chứng chỉ, trình độ.
        public let diploma: String
    }

    /// One row of table 28, tóm tắt quá trình công tác.
    public struct WorkRow: Sendable, Hashable {
        /// "08/2012 – 03/2016", or "08/2012 – nay".
        public let period: String
        /// Chức danh, chức vụ, đơn vị công tác.
        public let description: String
    }

    /// One row of table 30, quan hệ gia đình.
    public struct FamilyRow: Sendable, Hashable {
        public let relation: String
        public let fullName: String
        public let birthYear: String
        public let details: String
    }

    /// One row of table 31, diễn biến quá trình lương.
    public struct PayRow: Sendable, Hashable {
        /// "mm/yyyy".
        public let month: String
        /// "01.003/3": mã ngạch / bậc.
        public let rankAndStep: String
        /// "2,67": two decimals, the Vietnamese way.
        public let coefficient: String
    }

    /// One year of item 32, nhận xét, đánh giá.
    public struct EvaluationRow: Sendable, Hashable {
        public let year: String
        public let rating: String
    }

    /// Cơ quan, đơn vị có thẩm quyền quản lý cán bộ, công chức.
    public let managingBody: String
    /// Cơ quan, đơn vị sử dụng cán bộ, công chức.
    public let employingUnit: String
    /// Số hiệu cán bộ, công chức: the record number (mã hồ sơ).
    public let recordNumber: String
    /// The day the record is read on, dd/mm/yyyy.
    public let date: String
    /// The person's status that day, in words (đang công tác, đã nghỉ hưu …).
    public let status: String
    /// Items 1–26, in the form's order.
    public let items: [Item]
    /// 27) Đào tạo, bồi dưỡng về chuyên môn, nghiệp vụ, lý luận chính trị, ngoại ngữ, tin học.
    public let training: [TrainingRow]
    /// 28) Tóm tắt quá trình công tác.
    public let work: [WorkRow]
    /// 29) Đặc điểm lịch sử bản thân: the record does not keep it.
    /// 30) Quan hệ gia đình, a) về bản thân and b) về bên vợ (chồng); empty when masked.
    public let familyOwn: [FamilyRow]
    public let familySpouse: [FamilyRow]
    /// Whether table 30 is masked: the reader is not granted sensitive fields.
    public let familyMasked: Bool
    /// 31) Diễn biến quá trình lương.
    public let pay: [PayRow]
    /// 32) Nhận xét, đánh giá của cơ quan, đơn vị quản lý và sử dụng: the yearly ratings.
    public let evaluations: [EvaluationRow]

    /// The headings of the tables 27–32, numbered as on the form.
    public static let tableHeadings: [(number: String, title: String)] = [
        ("27", "ĐÀO TẠO, BỒI DƯỠNG VỀ CHUYÊN MÔN, NGHIỆP VỤ, LÝ LUẬN CHÍNH TRỊ, NGOẠI NGỮ, TIN HỌC"),
        ("28", "TÓM TẮT QUÁ TRÌNH CÔNG TÁC"),
        ("29", "ĐẶC ĐIỂM LỊCH SỬ BẢN THÂN"),
        ("30", "QUAN HỆ GIA ĐÌNH"),
        ("31", "DIỄN BIẾN QUÁ TRÌNH LƯƠNG CỦA CÁN BỘ, CÔNG CHỨC"),
        ("32", "NHẬN XÉT, ĐÁNH GIÁ CỦA CƠ QUAN, ĐƠN VỊ QUẢN LÝ VÀ SỬ DỤNG CÁN BỘ, CÔNG CHỨC"),
    ]

    /// The item numbered `number` ("1" … "26", "15.2").
    public func item(_ number: String) -> Item? {
        items.first { $0.number == number }
    }

    /// The field labelled `label` of any item.
    public func field(_ label: String) -> Field? {
        items.lazy.flatMap(\.fields).first { $0.label == label }
    }
}
