/// What a cell's font name says about its text: a cell typed in a legacy font holds
/// garbled Unicode in that font's encoding, to be read with `LegacyVietnamese.decode(_:encoding:capitals:)`.
public enum LegacyFont {
    /// The legacy encoding of a font, and whether it is a capitals font; nil for a
    /// Unicode font (Times New Roman, Arial…).
    ///
    /// - ABC (TCVN3) fonts are named with a leading ".Vn": .VnTime, .VnArial,
    ///   .VnCentury Schoolbook… Their capitals twins add a final capital "H":
    ///   .VnTimeH, .VnArialH, .VnBlackH.
    /// - VNI fonts are named "VNI-" and a face: VNI-Times, VNI-Helve, VNI-Aptima…
    ///   VNI has capitals of its own, so it has no capitals fonts.
    ///
    /// The name is compared without surrounding spaces; the prefixes in any case, the
    /// final "H" only as a capital letter (so that a face ending in a lower-case "h" is not
    /// mistaken for a capitals font).
    public static func encoding(ofFontName name: String) -> (encoding: LegacyVietnameseEncoding, capitals: Bool)? {
        let name = name.trimmingSpaces()
        if name.lowercased().hasPrefix(".vn"), name.count > 3 {
            return (.tcvn3, capitals: name.hasSuffix("H"))
        }
        if name.lowercased().hasPrefix("vni-") || name.lowercased().hasPrefix("vni "), name.count > 4 {
            return (.vni, capitals: false)
        }
        return nil
    }
}
