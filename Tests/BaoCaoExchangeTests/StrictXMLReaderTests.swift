@testable import BaoCaoExchange
import Foundation
import Testing

/// The strict XML reader of workbooks and ADX files: what Excel, LibreOffice, openpyxl and
/// DHIS2 write reads as before; DTDs, entities, processing instructions and broken XML are
/// refused with where they are (issue 17, item 3).
@Suite("Strict XML reader")
struct StrictXMLReaderTests {
    static func events(_ text: String, limits: XMLReaderLimits = .default) throws(XMLRefusal) -> [XMLEvent] {
        var reader = try StrictXMLReader(Data(text.utf8), limits: limits)
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    static func refusal(_ text: String, limits: XMLReaderLimits = .default) -> XMLRefusal? {
        do {
            _ = try events(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// Should give starts, ends and text with references replaced, CDATA as text, comments
    /// skipped, namespaces resolved, an empty element as start and end, line ends made `\n`
    /// and attribute white space made spaces.
    @Test func wellFormedDocument_readsAsEvents() throws {
        let text = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<!-- c -->\r\n"
            + "<x:a xmlns:x=\"urn:x\" xmlns=\"urn:d\" k='1 &amp;\r\n2'>t&lt;&#x110;&#7899;\r\n<![CDATA[<b>&amp;]]><b x:c=\"&quot;\"/></x:a>\n"
        let events = try Self.events(text)
        #expect(events == [
            .start(XMLElementStart(name: "x:a", localName: "a", namespace: "urn:x", attributes: ["k": "1 & 2"], line: 3)),
            .text("t<Đớ\n"),
            .text("<b>&amp;"),
            .start(XMLElementStart(name: "b", localName: "b", namespace: "urn:d", attributes: ["x:c": "\""], line: 5)),
            .end(XMLElementEnd(name: "b", localName: "b", namespace: "urn:d")),
            .end(XMLElementEnd(name: "x:a", localName: "a", namespace: "urn:x")),
        ])
    }

    /// Should refuse each thing outside what these files need, for its reason, at its place.
    @Test(arguments: [
        ("<?xml version=\"1.0\"?><sst><?x?></sst>", XMLRefusal.Reason.processingInstruction("x")),
        ("<?xml version=\"1.0\"?>\n<?x?><a/>", .processingInstruction("x")),
        ("<a/><?php echo 1 ?>", .processingInstruction("php")),
        (" <?xml version=\"1.0\"?><a/>", .processingInstruction("xml")),
        ("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", .documentTypeDeclaration),
        ("<a><!ENTITY e \"x\"></a>", .markupDeclaration),
        ("<a>&e;</a>", .undefinedEntity("e")),
        ("<a b=\"&nbsp;\"/>", .undefinedEntity("nbsp")),
        ("<a>&#0;</a>", .invalidCharacterReference("#0")),
        ("<a>&#xD800;</a>", .invalidCharacterReference("#xD800")),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", .declaredEncoding("ISO-8859-1")),
        ("<a>\u{1}</a>", .forbiddenCharacter(1)),
        ("<a></b>", .mismatchedEndTag(expected: "a", found: "b")),
        ("<a b=c/>", .malformed("giá trị của thuộc tính b không nằm trong dấu nháy")),
        ("<a b=\"1\" b=\"2\"/>", .duplicateAttribute("b")),
        ("<a/><b/>", .contentAfterRootElement),
        ("<x:a/>", .undeclaredPrefix("x")),
        ("<a><b>", .unclosedElement("b")),
        ("", .noRootElement),
        ("<a>&</a>", .malformed("dấu & không thuộc một tham chiếu (hãy viết &amp;)")),
    ])
    func refusedDocument_isRefused_forItsReason(text: String, reason: XMLRefusal.Reason) {
        #expect(Self.refusal(text)?.reason == reason, "\(text.debugDescription)")
    }

    /// Should say the line and the byte where the refusal is, in Vietnamese.
    @Test func refusal_saysLineAndByte() throws {
        let refusal = try #require(Self.refusal("<?xml version=\"1.0\"?>\n<sst>\n  <?x?></sst>"))
        #expect(refusal.line == 3)
        #expect(refusal.offset == 30)
        #expect(refusal.description == "có chỉ thị xử lý <?x…?>, không được phép (dòng 3, byte 30)")
    }

    /// Should refuse bytes that are not UTF-8, at the first of them.
    @Test func latin1Bytes_areRefused_atTheFirstBadByte() {
        let refusal: XMLRefusal?
        do {
            var reader = try StrictXMLReader(Data([0x3C, 0x61, 0x3E, 0xE9, 0x3C, 0x2F, 0x61, 0x3E]))
            while try reader.next() != nil {}
            refusal = nil
        } catch {
            refusal = error
        }
        #expect(refusal == XMLRefusal(reason: .notUTF8, offset: 3, line: 1))
    }

    /// Should hold depth, attribute count, name and text length to the limits.
    @Test func limits_areHeld() {
        let limits = XMLReaderLimits(maximumDepth: 3, maximumAttributes: 2, maximumNameLength: 8, maximumTextLength: 16)
        #expect(Self.refusal("<a><b><c/></b></a>", limits: limits) == nil)
        #expect(Self.refusal("<a><b><c><d/></c></b></a>", limits: limits)?.reason == .tooDeep(limit: 3))
        #expect(Self.refusal("<a p=\"1\" q=\"2\" r=\"3\"/>", limits: limits)?.reason == .tooManyAttributes(limit: 2))
        #expect(Self.refusal("<abcdefghi/>", limits: limits)?.reason == .nameTooLong(limit: 8))
        #expect(Self.refusal("<a>\(String(repeating: "x", count: 40))</a>", limits: limits)?.reason == .textTooLong(limit: 16))
        #expect(Self.refusal("<a b=\"\(String(repeating: "x", count: 40))\"/>", limits: limits)?.reason == .textTooLong(limit: 16))
    }
}
