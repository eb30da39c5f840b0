extension CivilDate {
    /// dd/mm/yyyy, as dates are written in Vietnamese documents.
    public var vietnameseText: String {
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        }
        return "\(padded(day, 2))/\(padded(month, 2))/\(padded(year, 4))"
    }
}
