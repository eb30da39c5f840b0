import BaoCaoCore
import CCairo
import Foundation

/// Draws a ``ReportPDFDocument`` as an A4 PDF with cairo, in the layout of Decree 30/2020
/// (appendix I): margins 20 mm top and bottom, 30 mm left, 15 mm right; Noto Serif;
/// the issuing body top-left and the national motto top-right; the table paginated with
/// its header repeated and page numbers from the second page; the signature block with
/// room left for the signatures' appearances (``SignaturePlacement``).
public struct ReportPageRenderer {
    /// The PDF and where its signatures go.
    public struct Rendered: Sendable {
        public let pdf: Data
        public let placement: SignaturePlacement
        public let pageCount: Int
    }

    static let pageWidth = 595.28
    static let pageHeight = 841.89
    static let millimetre = 72.0 / 25.4
    static let left = 30 * millimetre
    static let right = pageWidth - 15 * millimetre
    static let top = 20 * millimetre
    static let bottom = pageHeight - 20 * millimetre
    /// Width of the issuing body's column; the motto's column takes the rest.
    static let issuerWidth = 190.0

    public init() {}

    public func render(_ document: ReportPDFDocument) throws -> Rendered {
        let fonts = try PDFFonts()
        // cairo keeps the buffer's address and writes through it until the surface is
        // finished: it lives on the heap, not in an inout argument's temporary.
        let buffer = UnsafeMutablePointer<baocao_pdf_buffer>.allocate(capacity: 1)
        buffer.initialize(to: baocao_pdf_buffer())
        defer {
            baocao_pdf_buffer_free(buffer)
            buffer.deallocate()
        }
        guard let surface = baocao_pdf_surface_to_buffer(buffer, Self.pageWidth, Self.pageHeight) else {
            throw Self.failure("no PDF surface")
        }
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Báo cáo \(document.regimeName.lowercased()) — \(document.unitName)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "BaoCao")
        guard let cr = cairo_create(surface) else { throw Self.failure("no cairo context") }
        defer { cairo_destroy(cr) }
        var page = PageWriter(canvas: CairoCanvas(cr: cr, fonts: fonts))
        let placement = page.draw(document)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS, buffer.pointee.failed == 0, let bytes = buffer.pointee.bytes else {
            throw Self.failure("cairo status \(String(cString: cairo_status_to_string(status)))")
        }
        return Rendered(pdf: Data(bytes: bytes, count: buffer.pointee.length), placement: placement, pageCount: page.pageIndex + 1)
    }

    static func failure(_ log: String) -> ExchangeError {
        ExchangeError(.storageFailure, message: "Không tạo được tệp PDF của báo cáo.", log: "PDF rendering failed: \(log)")
    }
}

/// The pen moving down the pages.
private struct PageWriter {
    typealias R = ReportPageRenderer
    let canvas: CairoCanvas
    var y = R.top
    var pageIndex = 0

    private var contentWidth: Double { R.right - R.left }
    private var mottoCenter: Double { (R.left + R.issuerWidth + R.right) / 2 }
    private var issuerCenter: Double { R.left + R.issuerWidth / 2 }

    mutating func draw(_ document: ReportPDFDocument) -> SignaturePlacement {
        heading(document)
        title(document)
        table(document.rows)
        if let narrative = document.narrative, !narrative.isEmpty { self.narrative(narrative, headings: Set(document.outlineHeadings)) }
        return signatureBlock(document)
    }

    // MARK: - Heading (quốc hiệu, tiêu ngữ, tên cơ quan)

    private mutating func heading(_ document: ReportPDFDocument) {
        var leftY = y + 12
        canvas.use(.regular, 12)
        if !document.parentName.isEmpty {
            for line in canvas.wrap(document.parentName, maxWidth: R.issuerWidth - 6) {
                canvas.centered(line, centerX: issuerCenter, y: leftY)
                leftY += 15
            }
        }
        canvas.use(.bold, 12)
        var issuerLineWidth = 0.0
        for line in canvas.wrap(document.unitName, maxWidth: R.issuerWidth - 6) {
            canvas.centered(line, centerX: issuerCenter, y: leftY)
            issuerLineWidth = max(issuerLineWidth, canvas.width(line))
            leftY += 15
        }
        let rule = issuerLineWidth / 3
        canvas.line(from: (issuerCenter - rule / 2, leftY - 8), to: (issuerCenter + rule / 2, leftY - 8))
        leftY += 10
        canvas.use(.regular, 13)
        canvas.centered("Số: \(document.number)", centerX: issuerCenter, y: leftY)

        let mottoWidth = R.right - R.left - R.issuerWidth
        let nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        canvas.use(.bold, canvas.fittingSize(nation, style: .bold, size: 12, maxWidth: mottoWidth - 4))
        var rightY = y + 12
        canvas.centered(nation, centerX: mottoCenter, y: rightY)
        rightY += 16
        let motto = "Độc lập - Tự do - Hạnh phúc"
        canvas.use(.bold, 13)
        canvas.centered(motto, centerX: mottoCenter, y: rightY)
        let mottoLine = canvas.width(motto)
        canvas.line(from: (mottoCenter - mottoLine / 2, rightY + 4), to: (mottoCenter + mottoLine / 2, rightY + 4))
        rightY += 24
        canvas.use(.italic, canvas.fittingSize(document.placeDate, style: .italic, size: 13, maxWidth: mottoWidth - 4))
        canvas.centered(document.placeDate, centerX: mottoCenter, y: rightY)
        y = max(leftY, rightY) + 30
    }

    private mutating func title(_ document: ReportPDFDocument) {
        let center = (R.left + R.right) / 2
        canvas.use(.bold, 14)
        canvas.centered("BÁO CÁO", centerX: center, y: y)
        y += 18
        // The document's kind is said once: "BÁO CÁO THÁNG" is titled BÁO CÁO / THÁNG.
        var summary = document.regimeName
        if summary.hasPrefix("BÁO CÁO ") { summary = String(summary.dropFirst("BÁO CÁO ".count)) }
        for line in canvas.wrap(summary, maxWidth: contentWidth - 40) {
            canvas.centered(line, centerX: center, y: y)
            y += 18
        }
        canvas.use(.italic, 13)
        canvas.centered(document.periodLine, centerX: center, y: y)
        y += 17
        canvas.use(.regular, 12)
        for line in canvas.wrap("Biểu mẫu: \(document.formTitle)", maxWidth: contentWidth - 40) {
            canvas.centered(line, centerX: center, y: y)
            y += 15
        }
        y += 10
    }

    // MARK: - The table

    private static let codeWidth = 76.0
    private static let unitWidth = 70.0
    private static let valueWidth = 86.0
    private static let cellPadding = 4.0
    private static let lineHeight = 14.0

    private var nameWidth: Double { contentWidth - Self.codeWidth - Self.unitWidth - Self.valueWidth }

    private mutating func table(_ rows: [ReportPDFDocument.Row]) {
        tableHeader()
        for row in rows {
            switch row {
            case .section(let title):
                canvas.use(.bold, 11)
                let lines = canvas.wrap(title, maxWidth: contentWidth - 2 * Self.cellPadding)
                let height = Double(lines.count) * Self.lineHeight + 6
                if y + height > R.bottom { newPage(); tableHeader() }
                canvas.rectangle(x: R.left, y: y, width: contentWidth, height: height)
                canvas.use(.bold, 11)
                for (index, line) in lines.enumerated() {
                    canvas.text(line, x: R.left + Self.cellPadding, y: y + 14 + Double(index) * Self.lineHeight)
                }
                y += height
            case .figure(let code, let name, let unit, let value):
                canvas.use(.regular, 11)
                let nameLines = canvas.wrap(name, maxWidth: nameWidth - 2 * Self.cellPadding)
                let unitLines = canvas.wrap(unit, maxWidth: Self.unitWidth - 2 * Self.cellPadding)
                // A breakdown's code (`LD01[GT=nam]`) breaks before its bracket when it must.
                let codeLines = canvas.width(code) <= Self.codeWidth - 2 * Self.cellPadding ? [code]
                    : canvas.wrap(code.replacingOccurrences(of: "[", with: " ["), maxWidth: Self.codeWidth - 2 * Self.cellPadding)
                let height = Double(max(nameLines.count, unitLines.count, codeLines.count)) * Self.lineHeight + 6
                if y + height > R.bottom { newPage(); tableHeader() }
                cells(height: height)
                canvas.use(.regular, 11)
                for (index, line) in codeLines.enumerated() {
                    canvas.text(line, x: R.left + Self.cellPadding, y: y + 14 + Double(index) * Self.lineHeight)
                }
                for (index, line) in nameLines.enumerated() {
                    canvas.text(line, x: R.left + Self.codeWidth + Self.cellPadding, y: y + 14 + Double(index) * Self.lineHeight)
                }
                for (index, line) in unitLines.enumerated() {
                    canvas.text(line, x: R.left + Self.codeWidth + nameWidth + Self.cellPadding, y: y + 14 + Double(index) * Self.lineHeight)
                }
                canvas.rightAligned(value, right: R.right - Self.cellPadding, y: y + 14)
                y += height
            }
        }
        y += 16
    }

    private mutating func tableHeader() {
        let height = Self.lineHeight + 8
        cells(height: height)
        canvas.use(.bold, 11)
        let baseline = y + 15
        canvas.centered("Mã số", centerX: R.left + Self.codeWidth / 2, y: baseline)
        canvas.centered("Chỉ tiêu", centerX: R.left + Self.codeWidth + nameWidth / 2, y: baseline)
        canvas.centered("Đơn vị tính", centerX: R.left + Self.codeWidth + nameWidth + Self.unitWidth / 2, y: baseline)
        canvas.centered("Số liệu", centerX: R.right - Self.valueWidth / 2, y: baseline)
        y += height
    }

    private func cells(height: Double) {
        var x = R.left
        for width in [Self.codeWidth, nameWidth, Self.unitWidth, Self.valueWidth] {
            canvas.rectangle(x: x, y: y, width: width, height: height)
            x += width
        }
    }

    // MARK: - Narrative and pages

    /// The narrative; a line that is a heading of the form's outline is drawn bold, with
    /// space above it, and kept on the page of its first line of text.
    private mutating func narrative(_ text: String, headings: Set<String>) {
        y += 8
        if y + 40 > R.bottom { newPage() }
        canvas.use(.bold, 13)
        canvas.text("Thuyết minh", x: R.left, y: y)
        y += 20
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isHeading = headings.contains(paragraph.trimmingCharacters(in: .whitespaces))
            if isHeading { y += 6; if y + 36 > R.bottom { newPage() } }
            let font: PDFFonts.Style = isHeading ? .bold : .regular
            canvas.use(font, 13)
            for line in canvas.wrap(String(paragraph), maxWidth: contentWidth) {
                if y > R.bottom { newPage(); canvas.use(font, 13) }
                canvas.text(line, x: R.left, y: y)
                y += 18
            }
        }
        y += 8
    }

    /// Ends the page and starts the next, numbered at the top centre (from page 2).
    private mutating func newPage() {
        cairo_show_page(canvas.cr)
        pageIndex += 1
        canvas.use(.regular, 12)
        canvas.centered(String(pageIndex + 1), centerX: (R.left + R.right) / 2, y: R.top - 14)
        y = R.top + 10
    }

    // MARK: - Signature block (nơi nhận, chức vụ, chữ ký, họ tên)

    private static let blockHeight = 190.0

    private mutating func signatureBlock(_ document: ReportPDFDocument) -> SignaturePlacement {
        if y + Self.blockHeight > R.bottom { newPage() }
        let top = y + 4
        canvas.use(.boldItalic, 12)
        canvas.text("Nơi nhận:", x: R.left, y: top + 12)
        canvas.use(.regular, 11)
        var leftY = top + 28
        for line in canvas.wrap("- \(document.receiverName);", maxWidth: R.issuerWidth - 10) + ["- Lưu: VT."] {
            canvas.text(line, x: R.left, y: leftY)
            leftY += 14
        }
        canvas.use(.bold, 13)
        var titleY = top + 12
        for line in canvas.wrap(document.signerTitle, maxWidth: R.right - R.left - R.issuerWidth) {
            canvas.centered(line, centerX: mottoCenter, y: titleY)
            titleY += 17
        }
        let boxesTop = titleY + 2
        let personWidth = 170.0, personHeight = 64.0, sealSide = 112.0
        let personX = mottoCenter - personWidth / 2 + 36
        let nameY = boxesTop + sealSide + 18
        canvas.use(.bold, 13)
        canvas.centered(document.signerName, centerX: mottoCenter, y: nameY)
        y = nameY + 10
        // In PDF space (y up): the person's box in the blank space; the seal over its left.
        let person = PDFRect(x: personX, y: R.pageHeight - (boxesTop + 24 + personHeight), width: personWidth, height: personHeight)
        let seal = PDFRect(x: personX - sealSide + 14, y: R.pageHeight - (boxesTop + sealSide), width: sealSide, height: sealSide)
        return SignaturePlacement(pageIndex: pageIndex, person: person, seal: seal)
    }
}
