/// What ``StrictXMLReader`` reads next: an element opening, an element closing, or text.
///
/// An empty element (`<c r="A1"/>`) comes as its start and then its end, as if written
/// `<c r="A1"></c>`. Text comes with its references replaced and its line ends made `\n`;
/// one run of text may come as several events (around a comment or a CDATA section).
enum XMLEvent: Sendable, Equatable {
    case start(XMLElementStart)
    case end(XMLElementEnd)
    case text(String)
}

/// An element's start tag.
struct XMLElementStart: Sendable, Equatable {
    /// The name as written, prefix included (`x:sheet`).
    let name: String
    /// The name without its prefix (`sheet`).
    let localName: String
    /// The namespace the prefix (or the default namespace) stands for; `nil` for none.
    let namespace: String?
    /// Every attribute by its name as written (`r:id`), its references replaced; the
    /// namespace declarations (`xmlns`, `xmlns:x`) are not among them.
    let attributes: [String: String]
    /// The line the tag starts on, from 1.
    let line: Int
}

/// An element's end, by the names its start had.
struct XMLElementEnd: Sendable, Equatable {
    let name: String
    let localName: String
    let namespace: String?
}
