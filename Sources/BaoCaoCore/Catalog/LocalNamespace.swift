import Foundation

/// The code prefix of a unit's local regimes, forms and indicators (seed 002 art. 11.3):
/// `DV157.` for Huyện Lạc Sơn (157), `DV17_SKHDT.` for Sở Kế hoạch và Đầu tư (17-SKHDT).
///
/// It starts with letters and has no `-`, so local codes can stand in formulas
/// (`DV157.XD02 / DV157.XD01 * 100`), and it cannot collide with the province's codes.
public enum LocalNamespace {
    public static func prefix(for unit: UnitCode) -> String {
        "DV" + unit.rawValue.replacingOccurrences(of: "-", with: "_") + "."
    }
}
