import Foundation

extension String {
    /// The text in Unicode Normalization Form C, as TCVN 6909:2001 asks for all
    /// stored Vietnamese text: "ệ" as one code point, not "e" plus two combining marks.
    public var nfc: String { precomposedStringWithCanonicalMapping }
}
