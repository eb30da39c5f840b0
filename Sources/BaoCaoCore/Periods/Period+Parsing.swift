// Reading period ids, strictly.
//
// Ids travel in bundles and URLs between nodes that may run different versions, so a
// reader that guessed ("2026-3", "2026-q4") would let two nodes file the same report
// under two names. Anything but the canonical form is refused, with a message that
// names the text and says what was expected.

extension Period {
    /// Reads a period id: `2026-11`, `2026-Q4`, `2026-H1`, `2026-H2`, `2026-9M`, `2026`,
    /// or `2026-03-01..2026-03-20` for an ad hoc period.
    ///
    /// Once the shape is right, the text is the canonical id, so the factories' errors name
    /// exactly what the user wrote.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidPeriod`` for anything else, with a Vietnamese message
    /// naming the text, for example `Kỳ báo cáo "2026-13" không hợp lệ: tháng phải từ 01 đến 12.`
    public init(parsing text: String) throws {
        if text.contains("..") {
            self = try Self.parseAdHoc(text)
            return
        }
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, let year = DigitText.number(bytes[0..<4], width: 4) else {
            throw Self.shapeError(text)
        }
        if bytes.count == 4 {
            self = try .year(year)
            return
        }
        guard bytes[4] == UInt8(ascii: "-") else { throw Self.shapeError(text) }
        let suffix = bytes[5...]
        if let month = DigitText.number(suffix, width: 2) {
            self = try .month(month, year: year)
        } else if suffix.count == 2, suffix.first == UInt8(ascii: "Q"), let quarter = DigitText.number(suffix.dropFirst(), width: 1) {
            self = try .quarter(quarter, year: year)
        } else if suffix.count == 2, suffix.first == UInt8(ascii: "H"), let half = DigitText.number(suffix.dropFirst(), width: 1) {
            self = try .half(half, year: year)
        } else if suffix.elementsEqual("9M".utf8) {
            self = try .nineMonths(year: year)
        } else {
            throw Self.shapeError(text)
        }
    }

    private static func parseAdHoc(_ text: String) throws -> Period {
        let parts = text.split(separator: "..", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw shapeError(text) }
        var dates: [CivilDate] = []
        for part in parts {
            do {
                dates.append(try CivilDate(parsing: String(part)))
            } catch let error as CoreError where error.code == .invalidDate {
                throw CoreError.invalidPeriod(text, reason: "ngày \(part) không tồn tại", why: "no such date \(part)")
            } catch {
                throw CoreError.invalidPeriod(
                    text, reason: "kỳ đột xuất cần hai ngày dạng YYYY-MM-DD nối bằng \"..\", ví dụ 2026-03-01..2026-03-20",
                    why: "ad hoc bound \"\(part)\" is not YYYY-MM-DD")
            }
        }
        return try .adHoc(from: dates[0], to: dates[1])
    }

    private static func shapeError(_ text: String) -> CoreError {
        CoreError.invalidPeriod(
            text,
            reason: "cần viết theo một trong các dạng 2026-11 (tháng), 2026-Q4 (quý), 2026-H1 hoặc 2026-H2 (6 tháng), "
                + "2026-9M (9 tháng), 2026 (năm), 2026-03-01..2026-03-20 (đột xuất)",
            why: "not a period id")
    }
}

/// Literals (`"2026-11"`) and Codable as the id string, refusing anything ``init(parsing:)`` refuses.
extension Period: TextRepresentable {}
