import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation

/// Charts drawn on the server as inline SVG (no script, no external asset): bars for a
/// figure by unit or a rate by period, a line for a trend. Each carries a title and a
/// description for screen readers, and the figures as text on the bars.
enum SVGChart {
    struct Point {
        let label: String
        let value: ExactDecimal?
        /// Why the figure does not compare exactly with the others (carried from before the
        /// reform: not comparable, partial); drawn hollow and said in the description.
        var note: String? = nil
    }

    static let width = 520, height = 240, left = 56, bottom = 56, top = 16

    /// Bars, one per point; missing values are left empty and said so.
    static func bars(_ points: [Point], title: String, suffix: String = "") -> String {
        chart(points, title: title, suffix: suffix, line: false)
    }

    /// A line through the points that have a value.
    static func line(_ points: [Point], title: String, suffix: String = "") -> String {
        chart(points, title: title, suffix: suffix, line: true)
    }

    private static func chart(_ points: [Point], title: String, suffix: String, line: Bool) -> String {
        let values = points.compactMap(\.value)
        let maximum = max(values.map(Self.double).max() ?? 0, 0)
        let scale = maximum > 0 ? Double(height - bottom - top) / maximum : 0
        let slot = points.isEmpty ? 0 : Double(width - left - 8) / Double(points.count)
        var parts: [String] = []
        let id = "c" + String(title.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }, radix: 36)
        parts.append(##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(width) \##(height)" width="\##(width)" height="\##(height)" role="img" aria-labelledby="\##(id)t \##(id)d">"##)
        parts.append("<title id=\"\(id)t\">\(escape(title))</title>")
        let description = points.map { point in
            "\(point.label): \(point.value.map { VietnameseNumberFormat.format($0) + suffix } ?? "không có số liệu")"
                + (point.note.map { " (\($0))" } ?? "")
        }.joined(separator: "; ")
        parts.append("<desc id=\"\(id)d\">\(escape(description))</desc>")
        let baseline = height - bottom
        parts.append(##"<line x1="\##(left)" y1="\##(baseline)" x2="\##(width - 4)" y2="\##(baseline)" stroke="#6b7280"/>"##)
        parts.append(##"<text x="4" y="\##(top + 10)" font-size="11" fill="#374151">\##(escape(maximum > 0 ? VietnameseNumberFormat.format(values.max()!) + suffix : "0"))</text>"##)
        var polyline: [String] = []
        for (index, point) in points.enumerated() {
            let x = Double(left) + slot * Double(index)
            let labelX = x + slot / 2
            parts.append(##"<text x="\##(format(labelX))" y="\##(baseline + 14)" font-size="10" text-anchor="end" transform="rotate(-35 \##(format(labelX)) \##(baseline + 14))" fill="#374151">\##(escape(point.label))</text>"##)
            guard let value = point.value else { continue }
            let h = max(0, double(value) * scale)
            let y = Double(baseline) - h
            if line {
                polyline.append("\(format(labelX)),\(format(y))")
                parts.append(point.note == nil
                    ? ##"<circle cx="\##(format(labelX))" cy="\##(format(y))" r="3" fill="#8b1a1a"/>"##
                    : ##"<circle cx="\##(format(labelX))" cy="\##(format(y))" r="4" fill="#ffffff" stroke="#8b1a1a" stroke-width="2" class="khong-chinh-xac"><title>\##(escape(point.note!))</title></circle>"##)
            } else {
                parts.append(##"<rect x="\##(format(x + slot * 0.15))" y="\##(format(y))" width="\##(format(slot * 0.7))" height="\##(format(h))" fill="\##(point.note == nil ? "#0b4f9c" : "#9db8dc")"\##(point.note == nil ? "" : " class=\"khong-chinh-xac\"")/>"##)
            }
            if points.count <= 16 {
                parts.append(##"<text x="\##(format(labelX))" y="\##(format(y - 3))" font-size="10" text-anchor="middle" fill="#1b1f24">\##(escape(VietnameseNumberFormat.format(value)))</text>"##)
            }
        }
        if line, polyline.count > 1 {
            parts.append(##"<polyline points="\##(polyline.joined(separator: " "))" fill="none" stroke="#8b1a1a" stroke-width="2"/>"##)
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// For drawing only: a figure's position on screen, never a figure shown or stored.
    static func double(_ value: ExactDecimal) -> Double {
        Double(value.description) ?? 0
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
