import BaoCaoCore
import Foundation

/// The one place where our fields meet the packet fields of QCVN 125:2021/BTTTT.
///
/// Every packet is a JSON object `{"ThongTinChung": header, "NoiDung": body}`. The
/// standard's field-level schema was not at hand when this was written: the packet
/// field names below are provisional, chosen in the standard's style (Vietnamese words
/// without diacritics, PascalCase). Matching the standard exactly later means editing the
/// `CodingKeys` raw values in this file and nothing else; the table lists them all.
///
/// Conventions: figures are exact decimal strings (`"1245.5"`), never JSON numbers; dates
/// are `YYYY-MM-DD`; instants are UTC ISO 8601 (`2026-11-20T03:00:00Z`); text is NFC; keys
/// are written in sorted order so the same packet always has the same bytes.
///
/// | Packet (kind code)              | Our field                         | Packet field        |
/// |---------------------------------|-----------------------------------|---------------------|
/// | every packet: header            | kind                              | LoaiGoiTin          |
/// |                                 | packetId (UUID)                   | MaGoiTin            |
/// |                                 | senderCode / senderName           | MaDonViGui / TenDonViGui |
/// |                                 | createdAt (UTC)                   | ThoiGianTao         |
/// |                                 | schemaVersion                     | PhienBan            |
/// | every packet: envelope          | header / body                     | ThongTinChung / NoiDung |
/// | che-do-bao-cao                  | Regime.code / name                | MaCheDoBaoCao / TenCheDoBaoCao |
/// |                                 | Regime.type                       | LoaiCheDo (periodic, thematic, adHoc) |
/// |                                 | Regime.frequency                  | TanSuat (monthly, quarterly, …) |
/// |                                 | Regime.form                       | MaBieuMau           |
/// |                                 | Regime.receiver                   | MaDonViNhan         |
/// |                                 | Regime.reporters.kinds / units    | CapBaoCao / DonViBaoCao |
/// |                                 | Regime.deadlines                  | HanGui [{CapGui, NgayGui, SoThangSauChot, SoNgaySauChot}] |
/// |                                 | Regime.legalBasis                 | CanCuPhapLy         |
/// | bieu-mau-bao-cao                | Form.code / version / title       | MaBieuMau / PhienBanBieuMau / TenBieuMau |
/// |                                 | regime code                       | MaCheDoBaoCao       |
/// |                                 | Form.sections                     | DanhSachPhan [{MaPhan, TenPhan, DanhSachMaChiTieu}] |
/// | bieu-mau-de-cuong               | Form.code / version / title       | MaBieuMau / PhienBanBieuMau / TenBieuMau |
/// |                                 | Form.outline (else its sections)  | DeMuc [{SoThuTu, TieuDe, HuongDan}] |
/// | danh-muc-ky-bao-cao             | regime code / year                | MaCheDoBaoCao / Nam |
/// |                                 | Period.id / kind / title          | KyBaoCao [{MaKy, LoaiKy, TenKy, …}] |
/// |                                 | Period.firstDay / lastDay         | TuNgay / DenNgay    |
/// | danh-muc-chi-tieu               | Indicator.code / name / nameEn    | MaChiTieu / TenChiTieu / TenTiengAnh |
/// |                                 | sector / unitOfMeasure            | LinhVuc / DonViTinh |
/// |                                 | valueType / decimals              | KieuDuLieu / SoChuSoThapPhan |
/// |                                 | formula / aggregation / method    | CongThuc / CachTongHop / PhuongPhapTinh |
/// |                                 | dimensions                        | MaPhanTo            |
/// | bo-chi-so                       | form code / title, its indicators | BoChiSo [{MaBoChiSo, TenBoChiSo, DanhSachMaChiTieu}] |
/// | nhom-chi-so                     | form section or sector            | NhomChiSo [{MaNhom, TenNhom, MaBoChiSo, DanhSachMaChiTieu}] |
/// | phan-to-chi-so                  | Dimension.code / name             | PhanTo [{MaPhanTo, TenPhanTo, …}] |
/// |                                 | Dimension.members                 | GiaTri [{Ma, Ten}]  |
/// |                                 | indicators broken down by it      | DanhSachMaChiTieu   |
/// | so-lieu-bao-cao                 | regime / period / unit            | MaCheDoBaoCao / MaKy / MaDonVi |
/// |                                 | provisional                       | TamTinh             |
/// |                                 | consolidated values               | SoLieu [{KhoaSoLieu, MaChiTieu, PhanTo [{MaPhanTo, Ma}], GiaTri}] |
/// | so-lieu-bao-cao-danh-sach       | regime / period                   | MaCheDoBaoCao / MaKy |
/// |                                 | each unit's own latest figures    | DanhSach [{MaDonVi, TenDonVi, LanBaoCao, TrangThai, SoLieu}] |
/// | gui-de-cuong                    | regime / period / own unit        | MaCheDoBaoCao / MaKy / MaDonVi |
/// |                                 | revision / state                  | LanBaoCao / TrangThai |
/// |                                 | ReportRecord.narrative            | NoiDungDeCuong      |
/// |                                 | form outline headings             | DeMuc               |
/// | trang-thai-bao-cao              | regime / period                   | MaCheDoBaoCao / MaKy |
/// |                                 | per unit completeness             | DonVi [{MaDonVi, TenDonVi, HanNop, DaNhan, DaChapNhan, TrangThai, SoLan, TinhDungHan}] |
/// |                                 | summary counts                    | TongHop {PhaiGui, DaNhan, DaChapNhan, DungHan, TreHan, ChuaGui, ChuaDenHan} |
/// | du-lieu-chi-so                  | regime / period / unit            | MaCheDoBaoCao / MaKy / MaDonVi |
/// |                                 | per indicator values              | ChiSo [{MaChiTieu, TenChiTieu, DonViTinh, GiaTri [{PhanTo, GiaTri}]}] |
public enum NationalPacketMapping {
    /// The version of this mapping, written in every header. Raise it when a field changes.
    public static let schemaVersion = "qcvn125-2021.provisional-1"
}

/// The header every packet carries.
public struct NationalPacketHeader: Sendable, Hashable, Codable {
    public var kind: NationalPacketKind
    public var packetId: UUID
    public var senderCode: UnitCode
    public var senderName: String
    /// When the packet was made, UTC, whole seconds.
    public var createdAt: Date
    public var schemaVersion: String

    public init(kind: NationalPacketKind, packetId: UUID, senderCode: UnitCode, senderName: String, createdAt: Date,
                schemaVersion: String = NationalPacketMapping.schemaVersion) {
        self.kind = kind
        self.packetId = packetId
        self.senderCode = senderCode
        self.senderName = senderName.nfc
        self.createdAt = createdAt
        self.schemaVersion = schemaVersion
    }

    enum CodingKeys: String, CodingKey {
        case kind = "LoaiGoiTin", packetId = "MaGoiTin", senderCode = "MaDonViGui", senderName = "TenDonViGui"
        case createdAt = "ThoiGianTao", schemaVersion = "PhienBan"
    }
}

/// A packet: its header and its body.
public struct NationalPacket<Body: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var header: NationalPacketHeader
    public var body: Body

    public init(header: NationalPacketHeader, body: Body) {
        self.header = header
        self.body = body
    }

    enum CodingKeys: String, CodingKey { case header = "ThongTinChung", body = "NoiDung" }
}

// MARK: - Catalog packets

/// Chế độ báo cáo.
public struct NationalRegime: Sendable, Hashable, Codable {
    public struct Deadline: Sendable, Hashable, Codable {
        public var senderKind: String
        public var day: Int?
        public var monthsAfterCutOff: Int
        public var daysAfterCutOff: Int?
        enum CodingKeys: String, CodingKey {
            case senderKind = "CapGui", day = "NgayGui", monthsAfterCutOff = "SoThangSauChot", daysAfterCutOff = "SoNgaySauChot"
        }
    }

    public var code: RegimeCode
    public var name: String
    public var type: String
    public var frequency: String?
    public var formCode: String
    public var receiver: UnitCode?
    public var reporterKinds: [String]
    public var reporterUnits: [UnitCode]
    public var deadlines: [Deadline]
    public var legalBasis: String?

    enum CodingKeys: String, CodingKey {
        case code = "MaCheDoBaoCao", name = "TenCheDoBaoCao", type = "LoaiCheDo", frequency = "TanSuat", formCode = "MaBieuMau"
        case receiver = "MaDonViNhan", reporterKinds = "CapBaoCao", reporterUnits = "DonViBaoCao", deadlines = "HanGui"
        case legalBasis = "CanCuPhapLy"
    }
}

/// Biểu mẫu báo cáo.
public struct NationalForm: Sendable, Hashable, Codable {
    public struct Section: Sendable, Hashable, Codable {
        public var code: String
        public var title: String
        public var indicatorCodes: [String]
        enum CodingKeys: String, CodingKey { case code = "MaPhan", title = "TenPhan", indicatorCodes = "DanhSachMaChiTieu" }
    }

    public var code: String
    public var version: Int
    public var title: String
    public var regimeCode: RegimeCode
    public var sections: [Section]

    enum CodingKeys: String, CodingKey {
        case code = "MaBieuMau", version = "PhienBanBieuMau", title = "TenBieuMau", regimeCode = "MaCheDoBaoCao", sections = "DanhSachPhan"
    }
}

/// A heading of a narrative outline (biểu mẫu đề cương, gửi đề cương).
public struct NationalOutlineHeading: Sendable, Hashable, Codable {
    public var order: Int
    public var title: String
    public var guidance: String?
    enum CodingKeys: String, CodingKey { case order = "SoThuTu", title = "TieuDe", guidance = "HuongDan" }
}

/// Biểu mẫu đề cương.
public struct NationalFormOutline: Sendable, Hashable, Codable {
    public var code: String
    public var version: Int
    public var title: String
    public var regimeCode: RegimeCode
    public var headings: [NationalOutlineHeading]

    enum CodingKeys: String, CodingKey {
        case code = "MaBieuMau", version = "PhienBanBieuMau", title = "TenBieuMau", regimeCode = "MaCheDoBaoCao", headings = "DeMuc"
    }
}

/// Danh mục kỳ báo cáo.
public struct NationalPeriodList: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var id: String
        public var kind: String
        public var title: String
        public var firstDay: String
        public var lastDay: String
        enum CodingKeys: String, CodingKey { case id = "MaKy", kind = "LoaiKy", title = "TenKy", firstDay = "TuNgay", lastDay = "DenNgay" }
    }

    public var regimeCode: RegimeCode
    public var year: Int
    public var periods: [Entry]

    enum CodingKeys: String, CodingKey { case regimeCode = "MaCheDoBaoCao", year = "Nam", periods = "KyBaoCao" }
}

/// Danh mục chỉ tiêu.
public struct NationalIndicatorList: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var nameEn: String?
        public var sector: String?
        public var unitOfMeasure: String
        public var valueType: String
        public var decimals: Int
        public var formula: String?
        public var aggregation: String
        public var method: String?
        public var dimensions: [String]
        enum CodingKeys: String, CodingKey {
            case code = "MaChiTieu", name = "TenChiTieu", nameEn = "TenTiengAnh", sector = "LinhVuc", unitOfMeasure = "DonViTinh"
            case valueType = "KieuDuLieu", decimals = "SoChuSoThapPhan", formula = "CongThuc", aggregation = "CachTongHop"
            case method = "PhuongPhapTinh", dimensions = "MaPhanTo"
        }
    }

    public var indicators: [Entry]
    enum CodingKeys: String, CodingKey { case indicators = "ChiTieu" }
}

/// Bộ chỉ số.
public struct NationalIndicatorSets: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var indicatorCodes: [String]
        enum CodingKeys: String, CodingKey { case code = "MaBoChiSo", name = "TenBoChiSo", indicatorCodes = "DanhSachMaChiTieu" }
    }

    public var sets: [Entry]
    enum CodingKeys: String, CodingKey { case sets = "BoChiSo" }
}

/// Nhóm chỉ số.
public struct NationalIndicatorGroups: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        /// The set (form) the group belongs to; `nil` for a sector group.
        public var setCode: String?
        public var indicatorCodes: [String]
        enum CodingKeys: String, CodingKey { case code = "MaNhom", name = "TenNhom", setCode = "MaBoChiSo", indicatorCodes = "DanhSachMaChiTieu" }
    }

    public var groups: [Entry]
    enum CodingKeys: String, CodingKey { case groups = "NhomChiSo" }
}

/// Phân tổ chỉ số.
public struct NationalDimensions: Sendable, Hashable, Codable {
    public struct Member: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        enum CodingKeys: String, CodingKey { case code = "Ma", name = "Ten" }
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var members: [Member]
        public var indicatorCodes: [String]
        enum CodingKeys: String, CodingKey { case code = "MaPhanTo", name = "TenPhanTo", members = "GiaTri", indicatorCodes = "DanhSachMaChiTieu" }
    }

    public var dimensions: [Entry]
    enum CodingKeys: String, CodingKey { case dimensions = "PhanTo" }
}

// MARK: - Figure packets

/// One breakdown coordinate of a figure: dimension and member codes.
public struct NationalBreakdown: Sendable, Hashable, Codable {
    public var dimension: String
    public var member: String
    enum CodingKeys: String, CodingKey { case dimension = "MaPhanTo", member = "Ma" }
}

/// One figure: its key as we write it (`DS01[GT=NAM]`), indicator, breakdown and exact value.
public struct NationalFigure: Sendable, Hashable, Codable {
    public var key: String
    public var indicator: String
    public var breakdown: [NationalBreakdown]
    /// The exact decimal, as text.
    public var value: String
    enum CodingKeys: String, CodingKey { case key = "KhoaSoLieu", indicator = "MaChiTieu", breakdown = "PhanTo", value = "GiaTri" }
}

/// Số liệu báo cáo.
public struct NationalReportData: Sendable, Hashable, Codable {
    public var regimeCode: RegimeCode
    public var period: Period
    public var unitCode: UnitCode
    public var provisional: Bool
    public var figures: [NationalFigure]
    enum CodingKeys: String, CodingKey {
        case regimeCode = "MaCheDoBaoCao", period = "MaKy", unitCode = "MaDonVi", provisional = "TamTinh", figures = "SoLieu"
    }
}

/// Số liệu báo cáo danh sách.
public struct NationalReportDataList: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var unitCode: UnitCode
        public var unitName: String
        public var revision: Int
        public var state: String
        public var figures: [NationalFigure]
        enum CodingKeys: String, CodingKey {
            case unitCode = "MaDonVi", unitName = "TenDonVi", revision = "LanBaoCao", state = "TrangThai", figures = "SoLieu"
        }
    }

    public var regimeCode: RegimeCode
    public var period: Period
    public var rows: [Row]
    enum CodingKeys: String, CodingKey { case regimeCode = "MaCheDoBaoCao", period = "MaKy", rows = "DanhSach" }
}

/// Gửi đề cương.
public struct NationalOutlineSubmission: Sendable, Hashable, Codable {
    public var regimeCode: RegimeCode
    public var period: Period
    public var unitCode: UnitCode
    public var revision: Int
    public var state: String
    public var narrative: String
    public var headings: [NationalOutlineHeading]
    enum CodingKeys: String, CodingKey {
        case regimeCode = "MaCheDoBaoCao", period = "MaKy", unitCode = "MaDonVi", revision = "LanBaoCao", state = "TrangThai"
        case narrative = "NoiDungDeCuong", headings = "DeMuc"
    }
}

/// Trạng thái báo cáo.
public struct NationalReportStatus: Sendable, Hashable, Codable {
    public struct Unit: Sendable, Hashable, Codable {
        public var unitCode: UnitCode
        public var unitName: String
        public var dueDate: String?
        public var received: Bool
        public var accepted: Bool
        public var state: String?
        public var revisions: Int
        public var timeliness: String
        enum CodingKeys: String, CodingKey {
            case unitCode = "MaDonVi", unitName = "TenDonVi", dueDate = "HanNop", received = "DaNhan", accepted = "DaChapNhan"
            case state = "TrangThai", revisions = "SoLan", timeliness = "TinhDungHan"
        }
    }

    public struct Summary: Sendable, Hashable, Codable {
        public var expected, received, accepted, onTime, late, missing, notYetDue: Int
        enum CodingKeys: String, CodingKey {
            case expected = "PhaiGui", received = "DaNhan", accepted = "DaChapNhan", onTime = "DungHan", late = "TreHan"
            case missing = "ChuaGui", notYetDue = "ChuaDenHan"
        }
    }

    public var regimeCode: RegimeCode
    public var period: Period
    public var units: [Unit]
    public var summary: Summary
    enum CodingKeys: String, CodingKey { case regimeCode = "MaCheDoBaoCao", period = "MaKy", units = "DonVi", summary = "TongHop" }
}

/// Dữ liệu chỉ số.
public struct NationalIndicatorData: Sendable, Hashable, Codable {
    public struct Value: Sendable, Hashable, Codable {
        public var breakdown: [NationalBreakdown]
        public var value: String
        enum CodingKeys: String, CodingKey { case breakdown = "PhanTo", value = "GiaTri" }
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var indicator: String
        public var name: String
        public var unitOfMeasure: String
        public var values: [Value]
        enum CodingKeys: String, CodingKey { case indicator = "MaChiTieu", name = "TenChiTieu", unitOfMeasure = "DonViTinh", values = "GiaTri" }
    }

    public var regimeCode: RegimeCode
    public var period: Period
    public var unitCode: UnitCode
    public var indicators: [Entry]
    enum CodingKeys: String, CodingKey { case regimeCode = "MaCheDoBaoCao", period = "MaKy", unitCode = "MaDonVi", indicators = "ChiSo" }
}
