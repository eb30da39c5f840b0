import ArgumentParser
import BaoCaoCore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Lịch: kỳ báo cáo, ngày nghỉ, âm lịch, ngày làm việc.",
        subcommands: [Window.self, Holidays.self, Lunar.self, Roll.self]
    )

    /// Options shared by the commands that need the calendar of days off.
    struct OverridesOption: ParsableArguments {
        @Option(name: .long, help: "Tệp điều chỉnh lịch nghỉ hằng năm (YAML).")
        var overrides: String?

        func calendar() throws -> WorkingCalendar {
            WorkingCalendar(overrides: try CalendarOverridesFile.load(overrides))
        }
    }

    struct Window: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thời gian chốt số liệu của một kỳ báo cáo (Nghị định 09/2019/NĐ-CP, Điều 12).",
            discussion: "Kỳ: 2026-11 (tháng), 2026-Q4 (quý), 2026-H1 / 2026-H2 (6 tháng), 2026-9M (9 tháng), 2026 (năm), 2026-03-01..2026-03-20 (đột xuất)."
        )

        @Argument(help: "Kỳ báo cáo.")
        var period: Period

        @Flag(name: .long, help: "In kết quả dạng JSON.")
        var json = false


        func run() throws {
            let window = CutOffRule.decree09.window(for: period)
            if json {
                print(JSONValue.object([("period", .string(period.description)), ("from", .string(window.from.description)), ("to", .string(window.to.description))]).text)
            } else {
                print("Kỳ \(period): chốt số liệu từ \(window.from.vietnameseText) đến \(window.to.vietnameseText).")
            }
        }
    }

    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Các ngày nghỉ lễ, tết và nghỉ bù trong một năm (Bộ luật Lao động 2019, Điều 111–112)."
        )

        @Argument(help: "Năm, ví dụ 2026.")
        var year: Int

        @OptionGroup var options: OverridesOption

        @Flag(name: .long, help: "In kết quả dạng JSON.")
        var json = false


        func validate() throws {
            guard LunarCalendar.supportedYears.contains(year), WorkingCalendar.supportedYears.contains(year) else {
                throw ValidationError("Năm \(year) nằm ngoài phạm vi hỗ trợ.")
            }
        }

        func run() throws {
            let days = try options.calendar().daysOff(in: year)
            if json {
                print(JSONValue.array(days.map { .object([("date", .string($0.date.description)), ("name", .string($0.name))]) }).text)
            } else {
                for day in days { print("\(day.date.vietnameseText)  \(day.name)") }
            }
        }
    }

    struct Lunar: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ngày âm lịch (giờ Việt Nam, UTC+7) của một ngày dương lịch.")

        @Argument(help: "Ngày dương lịch YYYY-MM-DD.")
        var date: String

        @Flag(name: .long, help: "In kết quả dạng JSON.")
        var json = false


        func run() throws {
            let date = try CivilDate(parsing: date)
            guard LunarCalendar.supportedYears.contains(date.year) else {
                throw CLIError("Năm \(date.year) nằm ngoài phạm vi của âm lịch.")
            }
            let lunar = LunarCalendar.lunarDate(for: date)
            if json {
                print(JSONValue.object([("day", .int(lunar.day)), ("month", .int(lunar.month)), ("year", .int(lunar.year)), ("leap", .bool(lunar.isLeapMonth))]).text)
            } else {
                print("\(date.vietnameseText) dương lịch là \(lunar).")
            }
        }
    }

    struct Roll: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ngày làm việc đầu tiên kể từ một ngày (hạn chót rơi vào ngày nghỉ được lùi sang ngày làm việc kế tiếp)."
        )

        @Argument(help: "Ngày YYYY-MM-DD.")
        var date: String

        @OptionGroup var options: OverridesOption

        @Flag(name: .long, help: "In kết quả dạng JSON.")
        var json = false


        func run() throws {
            let date = try CivilDate(parsing: date)
            let working = try options.calendar().firstWorkingDay(onOrAfter: date)
            if json {
                print(JSONValue.object([("date", .string(date.description)), ("workingDay", .string(working.description))]).text)
            } else if working == date {
                print("\(date.vietnameseText) là ngày làm việc.")
            } else {
                print("\(date.vietnameseText) là ngày nghỉ; ngày làm việc kế tiếp là \(working.vietnameseText).")
            }
        }
    }
}

extension CivilDate {
    /// `17/02/2026`, as dates are written in Vietnamese documents.
    var vietnameseText: String {
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day))/\(two(month))/\(year)"
    }
}
