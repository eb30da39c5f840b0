import BaoCaoCore
import Foundation

extension CivilDate {
    /// dd/mm/yyyy, as personnel dates are shown and typed.
    public var personnelDisplayText: String { vietnameseText }

    /// Reads a date typed dd/mm/yyyy or yyyy-mm-dd.
    ///
    /// #### Errors
    /// ``ServiceError/Code/invalidInput`` naming `field` and the text.
    public init(personnelText text: String, field: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        do {
            if parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 {
                self = try CivilDate(year: year, month: month, day: day)
            } else {
                self = try CivilDate(parsing: trimmed)
            }
        } catch let error as CoreError {
            throw ServiceError(.invalidInput, message: "\(field): ngày \"\(trimmed)\" không hợp lệ (\(error.message)); hãy viết dd/mm/yyyy hoặc yyyy-mm-dd.",
                               log: "invalid date in \(field)")
        }
    }
}
