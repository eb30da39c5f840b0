import BaoCaoCore

/// A spreadsheet cell's text as Unicode. A cell typed in an ABC font (`.VnTime`,
/// `.VnTimeH` for capitals) or a VNI font (`VNI-Times`) holds valid Unicode that only
/// looks right in that font ("ViÖt Nam"): its font says which table to read it with.
enum LegacyCellText {
    static func unicode(_ text: String, fontName: String?) -> (text: String, encoding: LegacyVietnameseEncoding?) {
        guard let fontName, let legacy = LegacyFont.encoding(ofFontName: fontName),
              text.unicodeScalars.contains(where: { $0.value >= 0x80 }) || legacy.capitals else { return (text, nil) }
        let converted = LegacyVietnamese.decode(text, encoding: legacy.encoding, capitals: legacy.capitals)
        return converted == text ? (text, nil) : (converted.nfc, legacy.encoding)
    }
}
