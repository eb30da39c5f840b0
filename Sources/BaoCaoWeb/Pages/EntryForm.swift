import BaoCaoCore

/// The figures of a report as HTML: the data-entry fields of every section, or the
/// read-only table. A form has hundreds of rows and this page is the one staff load
/// most, so the rows are written here in one pass instead of by the template engine
/// (which looked each name up through its context stack, row after row); the page
/// around them is still a template.
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

    /// Every section as a fieldset of labelled inputs, errors said next to their field.
    var fields: String {
        var html = ""
        html.reserveCapacity(sections.reduce(0) { $0 + $1.rows.count } * 560)
        for section in sections {
            html += "<fieldset>\n<legend>\(HTML.escape(section.title))"
            if section.approved { html += " <span class=\"badge\">Đã duyệt số liệu</span>" }
            html += "</legend>\n"
            for row in section.rows {
                let field = HTML.escape(row.field)
                html += "<div class=\"field\(row.error == nil ? "" : " invalid")\">\n"
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
                html += "</div>\n"
            }
            html += "</fieldset>\n"
        }
        return html
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
}
