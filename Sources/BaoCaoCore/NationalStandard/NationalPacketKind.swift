/// The data packets of the exchange with the Government's reporting system, as
/// QCVN 125:2021/BTTTT names them. The raw value is a stable ASCII code used in file
/// names, on the command line and in every packet's header; it never changes once shipped.
public enum NationalPacketKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Chế độ báo cáo.
    case regime = "che-do-bao-cao"
    /// Biểu mẫu báo cáo.
    case form = "bieu-mau-bao-cao"
    /// Biểu mẫu đề cương: the outline of the narrative report that goes with a form.
    case formOutline = "bieu-mau-de-cuong"
    /// Số liệu báo cáo: the consolidated figures of a regime-period.
    case reportData = "so-lieu-bao-cao"
    /// Số liệu báo cáo danh sách: the figures of a regime-period, one row per unit.
    case reportDataList = "so-lieu-bao-cao-danh-sach"
    /// Gửi đề cương: the narrative of the node's own report.
    case outlineSubmission = "gui-de-cuong"
    /// Trạng thái báo cáo: who was expected to report, who sent, on time or late.
    case reportStatus = "trang-thai-bao-cao"
    /// Danh mục kỳ báo cáo.
    case periodList = "danh-muc-ky-bao-cao"
    /// Danh mục chỉ tiêu.
    case indicatorList = "danh-muc-chi-tieu"
    /// Bộ chỉ số: one set per form.
    case indicatorSet = "bo-chi-so"
    /// Nhóm chỉ số: groups from form sections and from sectors.
    case indicatorGroup = "nhom-chi-so"
    /// Phân tổ chỉ số: the dimensions figures are broken down by.
    case indicatorDimension = "phan-to-chi-so"
    /// Dữ liệu chỉ số: the consolidated figures, indicator by indicator.
    case indicatorData = "du-lieu-chi-so"

    /// The Vietnamese name the standard gives the packet, NFC.
    public var vietnameseName: String {
        switch self {
        case .regime: "chế độ báo cáo"
        case .form: "biểu mẫu báo cáo"
        case .formOutline: "biểu mẫu đề cương"
        case .reportData: "số liệu báo cáo"
        case .reportDataList: "số liệu báo cáo danh sách"
        case .outlineSubmission: "gửi đề cương"
        case .reportStatus: "trạng thái báo cáo"
        case .periodList: "danh mục kỳ báo cáo"
        case .indicatorList: "danh mục chỉ tiêu"
        case .indicatorSet: "bộ chỉ số"
        case .indicatorGroup: "nhóm chỉ số"
        case .indicatorDimension: "phân tổ chỉ số"
        case .indicatorData: "dữ liệu chỉ số"
        }
    }

    /// What the builder needs to make this packet.
    public var needs: Requirement {
        switch self {
        case .indicatorList, .indicatorSet, .indicatorGroup, .indicatorDimension: .nothing
        case .regime, .form, .formOutline: .regime
        case .periodList: .regimeAndYear
        case .reportData, .reportDataList, .outlineSubmission, .reportStatus, .indicatorData: .regimeAndPeriod
        }
    }

    /// The arguments a packet kind is built from.
    public enum Requirement: Sendable, Hashable {
        case nothing, regime, regimeAndYear, regimeAndPeriod
    }
}
