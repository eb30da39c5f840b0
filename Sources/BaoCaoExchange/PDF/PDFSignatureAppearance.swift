import BaoCaoCore
import CCairo
import Foundation

/// A signature's visible appearance (the widget's `/AP /N` form XObject): glyphs and
/// shapes drawn by cairo with Noto Serif and written as PDF path operators, so the form
/// needs no font of its own. The leader's: who signed and when, in a thin frame. The
/// unit's: a round red seal ringed with its name, a star in the centre, and when it was
/// sealed — drawn here, no image of a real seal.
struct PDFSignatureAppearance {
    /// The form XObject's content stream, in its own box of `width` × `height` points.
    let content: String
    let width: Double
    let height: Double

    /// `06/12/2026 10:30:00 (GMT+7)`: the signing time in Asia/Ho_Chi_Minh.
    static func timeText(_ instant: Date) -> String {
        let date = VietnamTime.civilDate(at: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + VietnamTime.offsetSeconds
        let second = ((seconds % 86_400) + 86_400) % 86_400
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year) \(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60)) (GMT+7)"
    }

    static func person(name: String, at time: Date, box: PDFRect, fonts: PDFFonts) throws -> PDFSignatureAppearance {
        try draw(box: box, fonts: fonts) { pen in
            pen.fill(red: 0.05, green: 0.15, blue: 0.55) { canvas in
                // Clear of the seal that overlaps the frame's left edge.
                let left = 16.0
                let width = box.width - left - 6
                var y = 16.0
                canvas.use(.italic, canvas.fittingSize("Ký bởi:", style: .italic, size: 9, maxWidth: width))
                canvas.pathText("Ký bởi:", x: left, y: y)
                y += 14
                canvas.use(.bold, canvas.fittingSize(name, style: .bold, size: 11, maxWidth: width))
                canvas.pathText(name, x: left, y: y)
                y += 15
                let when = "Thời gian ký: " + timeText(time)
                canvas.use(.regular, canvas.fittingSize(when, style: .regular, size: 8, maxWidth: width))
                canvas.pathText(when, x: left, y: y)
            }
            pen.stroke(red: 0.05, green: 0.15, blue: 0.55, width: 0.8) { canvas in
                cairo_rectangle(canvas.cr, 1, 1, box.width - 2, box.height - 2)
            }
        }
    }

    static func seal(unitName: String, at time: Date, box: PDFRect, fonts: PDFFonts) throws -> PDFSignatureAppearance {
        let side = min(box.width, box.height)
        let center = (box.width / 2, side / 2)
        let outer = side / 2 - 3
        let inner = outer - 13
        return try draw(box: box, fonts: fonts) { pen in
            pen.stroke(red: 0.82, green: 0.08, blue: 0.08, width: 2.4) { canvas in
                cairo_arc(canvas.cr, center.0, center.1, outer, 0, 2 * .pi)
            }
            pen.stroke(red: 0.82, green: 0.08, blue: 0.08, width: 0.9) { canvas in
                cairo_new_sub_path(canvas.cr)
                cairo_arc(canvas.cr, center.0, center.1, inner, 0, 2 * .pi)
            }
            pen.fill(red: 0.82, green: 0.08, blue: 0.08) { canvas in
                ringText(unitName.uppercased(), canvas: canvas, center: center, radius: inner + 3.5)
                star(canvas.cr, center: (center.0, center.1 - 8), radius: 9)
                let date = timeText(time).split(separator: " ")
                canvas.use(.bold, 6.2)
                canvas.pathCentered("ĐÃ KÝ SỐ", centerX: center.0, y: center.1 + 10)
                canvas.use(.regular, 6)
                if date.count >= 2 {
                    canvas.pathCentered(String(date[0]), centerX: center.0, y: center.1 + 18)
                    canvas.pathCentered(String(date[1]) + " GMT+7", centerX: center.0, y: center.1 + 25)
                }
            }
        }
    }

    /// The name set around the ring, centred on the top, its letters upright outward.
    private static func ringText(_ text: String, canvas: CairoCanvas, center: (Double, Double), radius: Double) {
        let arc = 1.75 * Double.pi * radius    // at most 315° of the ring
        canvas.use(.bold, 8)
        let natural = canvas.width(text)
        let size = min(8, 8 * arc / max(natural, 1))
        canvas.use(.bold, size)
        let total = canvas.width(text)
        var angle = -total / 2 / radius
        for character in text {
            let glyph = String(character)
            let advance = canvas.width(glyph)
            cairo_save(canvas.cr)
            cairo_translate(canvas.cr, center.0, center.1)
            cairo_rotate(canvas.cr, angle + advance / 2 / radius)
            cairo_move_to(canvas.cr, -advance / 2, -radius)
            cairo_text_path(canvas.cr, glyph)
            cairo_restore(canvas.cr)
            angle += advance / radius
        }
    }

    private static func star(_ cr: OpaquePointer, center: (Double, Double), radius: Double) {
        for point in 0..<10 {
            let r = point % 2 == 0 ? radius : radius * 0.4
            let angle = -Double.pi / 2 + Double(point) * Double.pi / 5
            let x = center.0 + r * cos(angle), y = center.1 + r * sin(angle)
            if point == 0 { cairo_move_to(cr, x, y) } else { cairo_line_to(cr, x, y) }
        }
        cairo_close_path(cr)
    }

    /// Collects filled and stroked paths into a content stream (y down inside the box).
    final class Pen {
        let canvas: CairoCanvas
        var operators = ""
        var failed = false

        init(canvas: CairoCanvas) { self.canvas = canvas }

        func fill(red: Double, green: Double, blue: Double, _ body: (CairoCanvas) -> Void) {
            cairo_new_path(canvas.cr)
            body(canvas)
            append(colour: "\(Self.number(red)) \(Self.number(green)) \(Self.number(blue)) rg", paint: "f")
        }

        func stroke(red: Double, green: Double, blue: Double, width: Double, _ body: (CairoCanvas) -> Void) {
            cairo_new_path(canvas.cr)
            body(canvas)
            append(colour: "\(Self.number(red)) \(Self.number(green)) \(Self.number(blue)) RG \(Self.number(width)) w", paint: "S")
        }

        private func append(colour: String, paint: String) {
            guard let path = baocao_path_as_pdf_operators(canvas.cr) else { failed = true; return }
            defer { baocao_free(path) }
            operators += colour + "\n" + String(cString: path) + paint + "\n"
        }

        /// A number as PDF writes it (a full stop, never the locale's comma).
        static func number(_ value: Double) -> String {
            let hundredths = Int((value * 100).rounded())
            let sign = hundredths < 0 ? "-" : ""
            let magnitude = abs(hundredths)
            let fraction = magnitude % 100
            return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }

    private static func draw(box: PDFRect, fonts: PDFFonts, _ body: (Pen) -> Void) throws -> PDFSignatureAppearance {
        guard let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil) else {
            throw ReportPageRenderer.failure("no recording surface")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw ReportPageRenderer.failure("no cairo context") }
        defer { cairo_destroy(cr) }
        let pen = Pen(canvas: CairoCanvas(cr: cr, fonts: fonts))
        body(pen)
        guard !pen.failed, cairo_status(cr) == CAIRO_STATUS_SUCCESS else { throw ReportPageRenderer.failure("appearance paths") }
        // The paths are in a y-down box, as cairo draws; the form flips them into PDF space.
        let content = "q\n1 0 0 -1 0 \(Pen.number(box.height)) cm\n" + pen.operators + "Q\n"
        return PDFSignatureAppearance(content: content, width: box.width, height: box.height)
    }
}

extension CairoCanvas {
    /// Adds `text`'s glyph outlines to the current path, baseline at `y`.
    func pathText(_ text: String, x: Double, y: Double) {
        cairo_move_to(cr, x, y)
        cairo_text_path(cr, text)
    }

    func pathCentered(_ text: String, centerX: Double, y: Double) {
        pathText(text, x: centerX - width(text) / 2, y: y)
    }
}
