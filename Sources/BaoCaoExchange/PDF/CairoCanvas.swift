import CCairo
import Foundation

/// Drawing text and lines with cairo, in points from the page's top-left corner (y down):
/// what ``ReportPageRenderer`` and ``PDFSignatureAppearance`` share.
struct CairoCanvas {
    let cr: OpaquePointer
    let fonts: PDFFonts

    func use(_ style: PDFFonts.Style, _ size: Double) {
        cairo_set_font_face(cr, fonts.face(style))
        cairo_set_font_size(cr, size)
    }

    /// The advance width of `text` in the current font.
    func width(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    /// Draws `text` with its baseline at `y`, starting at `x`.
    func text(_ text: String, x: Double, y: Double) {
        cairo_move_to(cr, x, y)
        cairo_show_text(cr, text)
    }

    /// Draws `text` centred on `centerX`.
    func centered(_ text: String, centerX: Double, y: Double) {
        self.text(text, x: centerX - width(text) / 2, y: y)
    }

    /// Draws `text` ending at `right`.
    func rightAligned(_ text: String, right: Double, y: Double) {
        self.text(text, x: right - width(text), y: y)
    }

    func line(from: (Double, Double), to: (Double, Double), width lineWidth: Double = 0.6) {
        cairo_set_line_width(cr, lineWidth)
        cairo_move_to(cr, from.0, from.1)
        cairo_line_to(cr, to.0, to.1)
        cairo_stroke(cr)
    }

    func rectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.6) {
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, x, y, width, height)
        cairo_stroke(cr)
    }

    /// `text` broken into lines no wider than `maxWidth` in the current font, at spaces
    /// (a word wider than the line is broken between characters); blank lines kept.
    func wrap(_ text: String, maxWidth: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if width(candidate) <= maxWidth {
                    current = candidate
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                current = ""
                for character in word {
                    if !current.isEmpty, width(current + String(character)) > maxWidth {
                        lines.append(current)
                        current = ""
                    }
                    current.append(character)
                }
            }
            lines.append(current)
        }
        return lines
    }

    /// The largest size up to `size` at which `text` fits in `maxWidth`.
    func fittingSize(_ text: String, style: PDFFonts.Style, size: Double, maxWidth: Double) -> Double {
        use(style, size)
        let natural = width(text)
        return natural <= maxWidth ? size : size * maxWidth / natural
    }
}
