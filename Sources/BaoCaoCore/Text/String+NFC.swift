import Foundation

extension String {
    /// The text in Unicode Normalization Form C, as TCVN 6909:2001 asks for all
    /// stored Vietnamese text: "ệ" as one code point, not "e" plus two combining marks.
    public var nfc: String {
        // ASCII is already NFC, and most text in a report (codes, figures) is ASCII.
        var bytes = self
        if bytes.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) { return self }
        return precomposedStringWithCanonicalMapping
    }
}
