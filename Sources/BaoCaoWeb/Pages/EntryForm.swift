import BaoCaoCore
import Foundation

/// The figures of a report as HTML: the data-entry fields of every section, or the
/// read-only table. A form has hundreds of rows and this page is the one staff load
/// most, so the rows are written here in one pass instead of by the template engine
/// (which looked each name up through its context stack, row after row), and the parts
/// of a row that come from the catalog alone are made once per catalog
/// (``EntryForm/Pieces``); the page around them is still a template.
struct EntryForm {
    struct Row {
        let code: String
        let name: String
        let unit: String
        let value: String
        let numeric: Bool
        let required: Bool
        let computed: Bool
        let error: String?

        /// The element id of the row (a code made safe for an id).
        var field: String { ReportPages.fieldId(code) }
    }

    struct Section {
        let code: String
        let title: String
        let approved: Bool
        let rows: [Row]
    }

    let sections: [Section]
    /// The catalog-only pieces of rows, made once and shared by every page.
    let pieces: Pieces

    /// Every section as a fieldset of labelled inputs, errors said next to their field.
    var fields: String {
        var html = ""
        html.reserveCapacity(sections.reduce(0) { $0 + $1.rows.count } * 600)
        for section in sections {
            html += "<fieldset>\n<legend>\(HTML.escape(section.title))"
            if section.approved { html += " <span class=\"badge\">Đã duyệt số liệu</span>" }
            html += "</legend>\n"
            for row in section.rows {
                if row.error == nil {
                    let piece = pieces.piece(for: row)
                    html += piece.before
                    html += HTML.escape(row.value)
                    html += piece.after
                } else {
                    html += Self.field(row)
                }
            }
            html += "</fieldset>\n"
        }
        return html
    }

    /// One row, its error said next to its field.
    static func field(_ row: Row) -> String {
        let field = HTML.escape(row.field)
        let breakdown = row.code.utf8.contains(UInt8(ascii: "["))
        var html = "<div class=\"field\(breakdown ? " breakdown" : "")\(row.error == nil ? "" : " invalid")\">\n"
        html += "<label for=\"v-\(field)\"><span class=\"code\">\(HTML.escape(row.code))</span> \(HTML.escape(row.name))"
        if row.required { html += " <abbr title=\"bắt buộc\">*</abbr>" }
        html += "</label>\n<span class=\"unit\" id=\"dv-\(field)\">\(HTML.escape(row.unit))</span>\n"
        if row.computed {
            html += "<output id=\"v-\(field)\" aria-describedby=\"dv-\(field)\">\(HTML.escape(row.value))</output> <span class=\"hint\">(tự tính)</span>\n"
        } else {
            html += "<input id=\"v-\(field)\" name=\"v_\(HTML.escape(row.code))\" value=\"\(HTML.escape(row.value))\" inputmode=\"\(row.numeric ? "decimal" : "text")\""
            html += " aria-describedby=\"dv-\(field)\(row.error == nil ? "" : " loi-\(field)")\"\(row.error == nil ? "" : " aria-invalid=\"true\"")>\n"
        }
        if let error = row.error {
            html += "<span class=\"field-error\" id=\"loi-\(field)\">\(HTML.escape(error))</span>\n"
        }
        return html + "</div>\n"
    }

    /// The figures as table rows, a heading row per section.
    var tableRows: String {
        var html = ""
        for section in sections {
            html += "<tr class=\"group\"><th colspan=\"4\" scope=\"colgroup\">\(HTML.escape(section.title))\(section.approved ? " — đã duyệt số liệu" : "")</th></tr>\n"
            for row in section.rows {
                html += "<tr><td>\(HTML.escape(row.code))</td><td>\(HTML.escape(row.name))</td><td>\(HTML.escape(row.unit))</td><td class=\"num\">\(HTML.escape(row.value))</td></tr>\n"
            }
        }
        return html
    }

    /// The HTML of a field row before and after its value, which depends on the catalog
    /// alone; kept per indicator until the catalog changes (``EntryFormCache``).
    final class Pieces: @unchecked Sendable {
        struct Piece {
            let before: String
            let after: String
        }

        private let lock = NSLock()
        private var pieces: [String: Piece] = [:]

        /// Forgets what it made (the catalog changed; ``EntryFormCache`` watches it).
        func forget() {
            lock.withLock { pieces = [:] }
        }

        func piece(for row: Row) -> Piece {
            // An indicator is required on one form (or for one reporter kind) and not on
            // another (``Form/requires(_:of:)``): the marker is part of the key.
            let key = row.required ? row.code + "*" : row.code
            if let piece = lock.withLock({ pieces[key] }) { return piece }
            let marker = "\u{1}"
            let html = EntryForm.field(Row(code: row.code, name: row.name, unit: row.unit, value: marker, numeric: row.numeric,
                                           required: row.required, computed: row.computed, error: nil))
            let parts = html.components(separatedBy: marker)
            let piece = Piece(before: parts[0], after: parts.dropFirst().joined())
            lock.withLock { pieces[key] = piece }
            return piece
        }
    }
}
