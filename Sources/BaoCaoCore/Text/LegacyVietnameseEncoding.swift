/// The two pre-Unicode Vietnamese encodings still found in provincial files: TCVN3
/// (ABC, the .VnTime fonts, common in the North and in government offices) and
/// VNI-Windows (the VNI-Times fonts, common in the South).
public enum LegacyVietnameseEncoding: String, CaseIterable, Hashable, Sendable {
    case tcvn3
    case vni

    /// The name people know the encoding by, for messages.
    public var displayName: String {
        switch self {
        case .tcvn3: "TCVN3 (ABC)"
        case .vni: "VNI-Windows"
        }
    }
}
