/// How much one XML document read by ``StrictXMLReader`` may ask of the reader. The XML
/// of a workbook or an ADX file comes from outside: each bound is checked as the bytes
/// are read, before anything is kept.
struct XMLReaderLimits: Sendable, Hashable {
    /// The deepest nesting of elements. The default is 64 (a worksheet nests 5 deep).
    var maximumDepth = 64
    /// The most attributes on one element, namespace declarations included. The default is 256.
    var maximumAttributes = 256
    /// The longest element or attribute name, in bytes. The default is 256.
    var maximumNameLength = 256
    /// The longest run of text or attribute value, in bytes as written. The default is
    /// 1 MiB (Excel holds at most 32,767 characters in a cell).
    var maximumTextLength = 1 << 20

    static let `default` = XMLReaderLimits()
}
