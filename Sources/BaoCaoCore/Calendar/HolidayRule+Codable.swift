// How a holiday rule is written in data (releases, configuration):
//
//     { "name": "Giỗ Tổ Hùng Vương", "calendar": "lunar", "month": 3, "day": 10 }
//     { "name": "Ngày Văn hóa Việt Nam", "calendar": "solar", "month": 11, "day": 24, "fromYear": 2025 }
//     { "name": "Tết Nguyên đán", "calendar": "lunarYearEnd" }
//
// Decoding checks the rule as strictly as `HolidayRule.init`, so a bad release is refused
// when it is read rather than when a deadline is computed.

extension HolidayRule: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, calendar, month, day, fromYear, toYear
    }

    private enum CalendarName: String, Codable {
        case solar, lunar, lunarYearEnd
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let anchor: Anchor
        switch try container.decode(CalendarName.self, forKey: .calendar) {
        case .solar:
            anchor = .solar(
                month: try container.decode(Int.self, forKey: .month),
                day: try container.decode(Int.self, forKey: .day))
        case .lunar:
            anchor = .lunar(
                month: try container.decode(Int.self, forKey: .month),
                day: try container.decode(Int.self, forKey: .day))
        case .lunarYearEnd:
            guard !container.contains(.month), !container.contains(.day) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .month, in: container,
                    debugDescription:
                        "Quy tắc ngày nghỉ \"\(name)\" không hợp lệ: ngày cuối năm âm lịch không có tháng hay ngày riêng.")
            }
            anchor = .lastDayOfLunarYear
        }
        do {
            try self.init(
                name, on: anchor,
                fromYear: try container.decodeIfPresent(Int.self, forKey: .fromYear),
                toYear: try container.decodeIfPresent(Int.self, forKey: .toYear))
        } catch let error as CoreError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        switch anchor.storage {
        case .solar(let month, let day):
            try container.encode(CalendarName.solar, forKey: .calendar)
            try container.encode(month, forKey: .month)
            try container.encode(day, forKey: .day)
        case .lunar(let month, let day):
            try container.encode(CalendarName.lunar, forKey: .calendar)
            try container.encode(month, forKey: .month)
            try container.encode(day, forKey: .day)
        case .lastDayOfLunarYear:
            try container.encode(CalendarName.lunarYearEnd, forKey: .calendar)
        }
        try container.encodeIfPresent(fromYear, forKey: .fromYear)
        try container.encodeIfPresent(toYear, forKey: .toYear)
    }
}
