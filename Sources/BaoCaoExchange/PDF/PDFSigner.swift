import BaoCaoBundle
import BaoCaoCore
import Foundation

/// Adds one PAdES signature (`/Filter /Adobe.PPKLite`, `/SubFilter /ETSI.CAdES.detached`)
/// to a PDF as an incremental update, leaving every byte before it as it was (so earlier
/// signatures stay valid): the signature dictionary with `/ByteRange` and the DER CMS in
/// `/Contents`, the signature field and its widget with the visible appearance on the
/// page, the catalog's `/AcroForm` (`/SigFlags 3`), the page's `/Annots`, and a new
/// cross-reference section chained to the previous one by `/Prev`.
struct PDFSigner {
    /// Room kept in `/Contents` for the CMS, in bytes (written as twice as many hex digits).
    static let contentsCapacity = 12_288

    struct Request {
        var identity: SigningIdentity
        var time: Date
        var pageIndex: Int
        var rect: PDFRect
        var appearance: PDFSignatureAppearance
        /// The field's name, unique in the form (`/T`).
        var fieldName: String
        /// The signer's name (`/Name`) and what the signature means (`/Reason`).
        var signerName: String
        var reason: String
    }

    func sign(_ pdf: Data, _ request: Request) throws -> Data {
        let file = try PDFFile(pdf)
        let size = try file.size
        let rootNumber = try file.rootNumber
        var catalog = try file.dictionary(object: rootNumber)
        let pages = try file.pageNumbers()
        guard pages.indices.contains(request.pageIndex) else { throw PDFFile.unreadable("no page \(request.pageIndex)") }
        let pageNumber = pages[request.pageIndex]
        var page = try file.dictionary(object: pageNumber)

        var next = size
        let signatureNumber = next; next += 1
        let appearanceNumber = next; next += 1
        let widgetNumber = next; next += 1
        var form = PDFDictionary(entries: [])
        let formNumber: Int
        if let raw = catalog["/AcroForm"] {
            guard let existing = PDFDictionary.referenceNumber(raw) else {
                throw PDFError.unsupported("biểu mẫu (AcroForm) viết trực tiếp trong danh mục", log: "direct /AcroForm")
            }
            formNumber = existing
            form = try file.dictionary(object: existing)
        } else {
            formNumber = next; next += 1
        }
        var fields = try Self.references(form["/Fields"], what: "danh sách trường biểu mẫu gián tiếp")
        var annotations = try Self.references(page["/Annots"], what: "danh sách chú thích trang gián tiếp")
        fields.append(widgetNumber)
        annotations.append(widgetNumber)
        form["/Fields"] = Self.array(fields)
        form["/SigFlags"] = "3"
        catalog["/AcroForm"] = "\(formNumber) 0 R"
        page["/Annots"] = Self.array(annotations)

        var update = PDFUpdateWriter(base: pdf)
        let hole = update.object(signatureNumber, signatureDictionary(request))
        let appearance = request.appearance
        update.stream(appearanceNumber,
                      dictionary: "<< /Type /XObject /Subtype /Form /BBox [0 0 \(Self.number(appearance.width)) \(Self.number(appearance.height))] /Resources << >>",
                      content: Data(appearance.content.utf8))
        let rect = request.rect
        update.object(widgetNumber, """
            << /Type /Annot /Subtype /Widget /FT /Sig /T \(Self.textString(request.fieldName)) /TU \(Self.textString(request.reason)) \
            /V \(signatureNumber) 0 R /F 132 /P \(pageNumber) 0 R \
            /Rect [\(Self.number(rect.x)) \(Self.number(rect.y)) \(Self.number(rect.x + rect.width)) \(Self.number(rect.y + rect.height))] \
            /AP << /N \(appearanceNumber) 0 R >> >>
            """)
        update.object(formNumber, form.text)
        update.object(rootNumber, catalog.text)
        update.object(pageNumber, page.text)
        var trailer = PDFDictionary(entries: [("/Size", String(next)), ("/Root", "\(rootNumber) 0 R"), ("/Prev", String(file.startXref))])
        if let info = file.trailer["/Info"] { trailer["/Info"] = info }
        if let id = file.trailer["/ID"] { trailer["/ID"] = id }
        var bytes = update.finish(trailer: trailer)
        try fill(&bytes, hole: hole!, request: request)
        return Data(bytes)
    }

    /// Writes the byte ranges around the `/Contents` hole, signs what they cover, and puts
    /// the CMS in the hole.
    private func fill(_ bytes: inout [UInt8], hole: PDFUpdateWriter.Hole, request: Request) throws {
        let ranges = [0, hole.contentsStart, hole.contentsEnd, bytes.count - hole.contentsEnd]
        var text = Array(("[" + ranges.map(String.init).joined(separator: " ") + "]").utf8)
        guard text.count <= hole.byteRangeLength else { throw PDFFile.unreadable("byte range does not fit") }
        text += Array(repeating: UInt8(ascii: " "), count: hole.byteRangeLength - text.count)
        bytes.replaceSubrange(hole.byteRangeStart..<(hole.byteRangeStart + hole.byteRangeLength), with: text)
        let signed = Data(bytes[0..<hole.contentsStart]) + Data(bytes[hole.contentsEnd...])
        let der = try PAdESSignature.sign(signed, with: request.identity, at: request.time)
        guard der.count <= Self.contentsCapacity else {
            throw PDFError(.signatureTooLarge, message: "Chữ ký số (\(der.count) byte) vượt quá chỗ dành cho nó trong tệp PDF.",
                           log: "CMS of \(der.count) bytes over \(Self.contentsCapacity)")
        }
        let hex = Array(der.map { String(format: "%02X", $0) }.joined().utf8)
        bytes.replaceSubrange((hole.contentsStart + 1)..<(hole.contentsStart + 1 + hex.count), with: hex)
    }

    private func signatureDictionary(_ request: Request) -> String {
        let placeholder = String(repeating: "0", count: 2 * Self.contentsCapacity)
        return "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange \(PDFUpdateWriter.byteRangeMark)"
            + " /Contents <\(placeholder)> /M \(Self.date(request.time)) /Name \(Self.textString(request.signerName))"
            + " /Reason \(Self.textString(request.reason)) /Location \(Self.textString("Việt Nam")) >>"
    }

    /// The references of an array value written in place (none when it is absent).
    private static func references(_ raw: String?, what: String) throws -> [Int] {
        guard let raw else { return [] }
        guard let numbers = PDFDictionary.references(inArray: raw) else { throw PDFError.unsupported(what, log: "not an array of references: \(raw.prefix(40))") }
        return numbers
    }

    // MARK: - Writing values

    static func array(_ references: [Int]) -> String { "[" + references.map { "\($0) 0 R" }.joined(separator: " ") + "]" }

    static func number(_ value: Double) -> String { PDFSignatureAppearance.Pen.number(value) }

    /// A text string in UTF-16BE with its byte-order mark, as hex: any Vietnamese text.
    static func textString(_ text: String) -> String {
        "<FEFF" + text.nfc.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// `(D:20261206103000+07'00')`: the time in Vietnam, as PDF dates are written.
    static func date(_ instant: Date) -> String {
        let date = VietnamTime.civilDate(at: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + VietnamTime.offsetSeconds
        let second = ((seconds % 86_400) + 86_400) % 86_400
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "(D:\(date.year)\(two(date.month))\(two(date.day))\(two(second / 3600))\(two(second % 3600 / 60))\(two(second % 60))+07'00')"
    }
}

/// Appends objects and one cross-reference section after a PDF's last byte.
struct PDFUpdateWriter {
    /// Where the signature dictionary's byte range and contents are, in the finished file.
    struct Hole {
        let byteRangeStart: Int
        let byteRangeLength: Int
        /// The `<` of `/Contents <…>` and the byte after its `>`.
        let contentsStart: Int
        let contentsEnd: Int
    }

    /// Written where the byte range goes; long enough for four ten-digit numbers.
    static let byteRangeMark = "[" + String(repeating: " ", count: 46) + "]"

    private var bytes: [UInt8]
    private var offsets: [(Int, Int)] = []

    init(base: Data) {
        bytes = [UInt8](base)
        if bytes.last != 10, bytes.last != 13 { bytes.append(10) }
    }

    /// Appends `number 0 obj … endobj`; for a signature dictionary, where its hole is.
    @discardableResult
    mutating func object(_ number: Int, _ value: String) -> Hole? {
        let start = bytes.count
        offsets.append((number, start))
        let head = Array("\(number) 0 obj\n".utf8)
        let body = Array(value.utf8)
        bytes += head + body + Array("\nendobj\n".utf8)
        let bodyStart = start + head.count
        guard let mark = body.firstRange(of: Array(Self.byteRangeMark.utf8)),
              let contents = body.firstRange(of: Array("/Contents <".utf8)),
              let close = body[contents.upperBound...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        return Hole(byteRangeStart: bodyStart + mark.lowerBound, byteRangeLength: Self.byteRangeMark.utf8.count,
                    contentsStart: bodyStart + contents.upperBound - 1, contentsEnd: bodyStart + close + 1)
    }

    mutating func stream(_ number: Int, dictionary: String, content: Data) {
        offsets.append((number, bytes.count))
        bytes += Array("\(number) 0 obj\n\(dictionary) /Length \(content.count) >>\nstream\n".utf8)
        bytes += content
        bytes += Array("\nendstream\nendobj\n".utf8)
    }

    /// The cross-reference section (one subsection per object), the trailer, `startxref`.
    mutating func finish(trailer: PDFDictionary) -> [UInt8] {
        let start = bytes.count
        var table = "xref\n"
        for (number, offset) in offsets.sorted(by: { $0.0 < $1.0 }) {
            let digits = String(offset)
            table += "\(number) 1\n\(String(repeating: "0", count: 10 - digits.count) + digits) 00000 n \n"
        }
        table += "trailer\n\(trailer.text)\nstartxref\n\(start)\n%%EOF\n"
        bytes += Array(table.utf8)
        return bytes
    }
}
