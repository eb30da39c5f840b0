import Foundation

/// A report's narrative (báo cáo thuyết minh) read against its form's outline (đề cương,
/// 000 art. 13.1): the text written under each heading, and what stands before the first.
///
/// The narrative is stored and signed as one text; a heading begins its part as a line of
/// its own, exactly the heading's title, in the outline's order. Written through the
/// form's fields it is put together here (``text``), so that a printed report, a PDF and
/// another node read the same headings back (``init(narrative:outline:)``).
public struct OutlinedNarrative: Sendable, Hashable {
    /// What the text says under one heading.
    public struct Part: Sendable, Hashable {
        public var heading: Form.OutlineHeading
        public var text: String

        public init(heading: Form.OutlineHeading, text: String) {
            self.heading = heading
            self.text = text
        }
    }

    /// Text before the first heading (or the whole narrative when it names none).
    public var preamble: String
    /// One part per heading of the outline, in its order; empty text where nothing is written.
    public var parts: [Part]

    public init(preamble: String, parts: [Part]) {
        self.preamble = preamble
        self.parts = parts
    }

    /// Splits a stored narrative under the outline's headings. A heading title that does
    /// not appear on a line of its own leaves its part empty; a heading's line met out of
    /// order is kept as text of the part before it.
    public init(narrative: String, outline: [Form.OutlineHeading]) {
        var preamble: [Substring] = []
        var texts: [[Substring]] = Array(repeating: [], count: outline.count)
        var current: Int? = nil
        for line in narrative.nfc.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let next = (current.map { $0 + 1 } ?? 0)
            if let found = outline[next...].firstIndex(where: { $0.title == trimmed }), !trimmed.isEmpty {
                current = found
                continue
            }
            if let current { texts[current].append(line) } else { preamble.append(line) }
        }
        self.preamble = Self.joined(preamble)
        self.parts = zip(outline, texts).map { Part(heading: $0, text: Self.joined($1)) }
    }

    /// The narrative as stored: the preamble, then each heading that has text, its title
    /// on a line of its own and its text below; headings left empty are left out.
    public var text: String {
        var blocks: [String] = []
        let preamble = self.preamble.trimmingCharacters(in: .whitespacesAndNewlines)
        if !preamble.isEmpty { blocks.append(preamble) }
        for part in parts {
            let body = part.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !body.isEmpty { blocks.append(part.heading.title + "\n" + body) }
        }
        return blocks.joined(separator: "\n\n").nfc
    }

    /// The parts that have text, in the outline's order.
    public var writtenParts: [Part] {
        parts.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// The narrative to edit in a text file: the preamble, then every heading on a line of
    /// its own with its text below, or a blank line where nothing is written yet.
    public var editableText: String {
        var blocks: [String] = []
        let preamble = self.preamble.trimmingCharacters(in: .whitespacesAndNewlines)
        if !preamble.isEmpty { blocks.append(preamble) }
        for part in parts { blocks.append(part.heading.title + "\n" + part.text.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private static func joined(_ lines: [Substring]) -> String {
        lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
