import BaoCaoCore
import Foundation

/// What the report's PDF says, in the layout of an administrative document (Decree
/// 30/2020/NĐ-CP, appendix I): the issuing body, the national motto, place and date, the
/// title, the table of indicators, the narrative and the signature block. Plain text,
/// already in NFC and formatted the Vietnamese way; ``ReportPageRenderer`` draws it.
public struct ReportPDFDocument: Sendable, Hashable {
    /// One line of the table: a section heading, or an indicator's value.
    public enum Row: Sendable, Hashable {
        case section(title: String)
        case figure(code: String, name: String, unit: String, value: String)
    }

    /// The body above the issuer (its parent), upper case; empty for the province.
    public var parentName: String
    /// The issuing body: the unit's name, upper case.
    public var unitName: String
    /// The document number, `2/BC-157`.
    public var number: String
    /// `Hòa Bình, ngày 5 tháng 11 năm 2026`.
    public var placeDate: String
    /// The regime's name, upper case.
    public var regimeName: String
    /// `Kỳ báo cáo: 2026-10 — lần 1`.
    public var periodLine: String
    public var formTitle: String
    public var rows: [Row]
    /// The narrative (báo cáo thuyết minh), if any.
    public var narrative: String?
    /// The titles of the form's outline (đề cương, 000 art. 13.1): a line of the narrative
    /// that is one of them is drawn as a heading.
    public var outlineHeadings: [String] = []
    public var receiverName: String
    /// The signer's title, `THỦ TRƯỞNG ĐƠN VỊ`.
    public var signerTitle: String
    /// The signer's name, as the signature block prints it.
    public var signerName: String
    /// The unit's name as the seal rings it (not upper-cased here).
    public var sealName: String

    public init(parentName: String, unitName: String, number: String, placeDate: String, regimeName: String, periodLine: String,
                formTitle: String, rows: [Row], narrative: String?, receiverName: String, signerTitle: String, signerName: String,
                sealName: String) {
        self.parentName = parentName.nfc
        self.unitName = unitName.nfc
        self.number = number.nfc
        self.placeDate = placeDate.nfc
        self.regimeName = regimeName.nfc
        self.periodLine = periodLine.nfc
        self.formTitle = formTitle.nfc
        self.rows = rows
        self.narrative = narrative?.nfc
        self.receiverName = receiverName.nfc
        self.signerTitle = signerTitle.nfc
        self.signerName = signerName.nfc
        self.sealName = sealName.nfc
    }
}
