/// What a bundle carries. A struct over known names, so kinds can be added without
/// breaking anyone who matches on them.
public struct BundleKind: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    private init(_ rawValue: String) { self.rawValue = rawValue }

    /// A unit's signed report (one revision) for a regime and period.
    public static let report = BundleKind("report")
    /// A receiver's decision on a report: accepted or returned with a reason.
    public static let decision = BundleKind("decision")
    /// The province's release: topology, catalog, trust list and revocations.
    public static let release = BundleKind("release")
    /// A unit's local release: only its own regimes, forms and indicators.
    public static let localRelease = BundleKind("localRelease")
    /// The final recipient's receipt, travelling back to the original sender.
    public static let receipt = BundleKind("receipt")
    /// A reminder or window announcement sent down.
    public static let notice = BundleKind("notice")
    /// Personnel records moving between units (seed 003 art. 10.2), sealed to their readers.
    public static let transfer = BundleKind("transfer")
    /// A unit's complete set of kept personnel records, sealed, for custody at the personnel
    /// authority (seed 003 art. 7.3, 12.4).
    public static let recordsCustody = BundleKind("recordsCustody")
    /// A former unit's history handed to its successor across the 2025 reform; refused until its rule is set.
    public static let historyHandover = BundleKind("historyHandover")
    /// A new version of the program itself (a signed `.deb`), published by the province for
    /// every unit; installed only when an admin says so or in the maintenance window.
    public static let softwareUpdate = BundleKind("softwareUpdate")

    public static let all: [BundleKind] = [.report, .decision, .release, .localRelease, .receipt, .notice, .transfer, .recordsCustody, .historyHandover, .softwareUpdate]

    /// The kind with this name, or `nil` for a name BaoCao does not know.
    public init?(rawValue: String) {
        guard let kind = Self.all.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = kind
    }

    public var description: String { rawValue }

    /// A province's release or a unit's local release: accepting one changes what is in force.
    public var isRelease: Bool { self == .release || self == .localRelease }

    /// Whether a bundle of the kind is authorised by a publisher key of the province release
    /// in force rather than by a signer registered for its sender: a province release
    /// (``ReleaseGate``) and a software update (``UpdateGate``).
    public var isSignedByPublisher: Bool { self == .release || self == .softwareUpdate }

    /// The Vietnamese name shown to people.
    public var vietnameseName: String {
        switch rawValue {
        case "report": "báo cáo"
        case "decision": "quyết định tiếp nhận/trả lại"
        case "release": "bản phát hành của tỉnh"
        case "localRelease": "bản phát hành của đơn vị"
        case "receipt": "xác nhận đã nhận"
        case "notice": "thông báo"
        case "transfer": "chuyển giao hồ sơ"
        case "recordsCustody": "giao lưu giữ hồ sơ"
        case "historyHandover": "bàn giao dữ liệu lịch sử"
        case "softwareUpdate": "bản cập nhật phần mềm"
        default: rawValue
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let kind = BundleKind(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown bundle kind \(text)"))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
