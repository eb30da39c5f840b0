import Testing

@Suite("baocao calendar")
struct CalendarCommandTests {
    /// `calendar window` prints the Decree 09 cut-off window of a period.
    @Test(arguments: [
        ("2026-Q1", #"{"period":"2026-Q1","from":"2025-12-15","to":"2026-03-14"}"#),
        ("2026-01", #"{"period":"2026-01","from":"2025-12-15","to":"2026-01-14"}"#),
        ("2026-H2", #"{"period":"2026-H2","from":"2026-06-15","to":"2026-12-14"}"#),
        ("2026-9M", #"{"period":"2026-9M","from":"2025-12-15","to":"2026-09-14"}"#),
        ("2026", #"{"period":"2026","from":"2025-12-15","to":"2026-12-14"}"#),
    ])
    func window_json(period: String, expected: String) throws {
        let result = try CommandRunner.run(["calendar", "window", period, "--json"])
        #expect(result.status == 0)
        #expect(result.output == expected + "\n")
    }

    @Test func lunar_json_onTet2026() throws {
        let result = try CommandRunner.run(["calendar", "lunar", "2026-02-17", "--json"])
        #expect(result.output == #"{"day":1,"month":1,"year":2026,"leap":false}"# + "\n")
        let leap = try CommandRunner.run(["calendar", "lunar", "2025-07-25", "--json"])
        #expect(leap.output == #"{"day":1,"month":6,"year":2025,"leap":true}"# + "\n")
    }

    /// Every day off of 2026, Tết and the Giỗ Tổ day in lieu included.
    @Test func holidays_json_2026() throws {
        let result = try CommandRunner.run(["calendar", "holidays", "2026", "--json"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix(#"[{"date":"2026-01-01","name":"Tết Dương lịch"},{"date":"2026-02-16","name":"Tết Nguyên đán"}"#))
        for date in ["2026-02-17", "2026-02-20", "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"] {
            #expect(result.output.contains(#""date":"\#(date)""#), "\(date)")
        }
        #expect(result.output.contains(#"{"date":"2026-04-27","name":"Nghỉ bù Giỗ Tổ Hùng Vương"}"#))
    }

    /// A deadline on Saturday 25 Apr 2026 rolls past Sunday (Giỗ Tổ) and Monday (in lieu) to Tuesday.
    @Test func roll_json() throws {
        let result = try CommandRunner.run(["calendar", "roll", "2026-04-25", "--json"])
        #expect(result.output == #"{"date":"2026-04-25","workingDay":"2026-04-28"}"# + "\n")
        let working = try CommandRunner.run(["calendar", "roll", "2026-11-23", "--json"])
        #expect(working.output == #"{"date":"2026-11-23","workingDay":"2026-11-23"}"# + "\n")
    }

    /// An override file adds a day off: a deadline on that day rolls further.
    @Test func roll_withOverride() throws {
        let workspace = try SampleWorkspace()
        try workspace.write("extraDaysOff:\n  - date: \"2026-11-24\"\n    name: \"Ngày Văn hóa Việt Nam\"\n", to: "extra.yaml")
        let result = try CommandRunner.run(["calendar", "roll", "2026-11-24", "--json", "--overrides", workspace.path("extra.yaml")])
        #expect(result.output == #"{"date":"2026-11-24","workingDay":"2026-11-25"}"# + "\n")
    }

    /// Bad input: one clear Vietnamese line on standard error, nothing on standard output, exit 1.
    @Test(arguments: [
        (["calendar", "window", "2026-Q5"], "quý"),
        (["calendar", "window", "26-01"], "26-01"),
        (["calendar", "lunar", "2026-02-30"], "2026-02-30"),
        (["calendar", "roll", "ngày mai"], "ngày mai"),
    ])
    func badInput_oneClearLine(arguments: [String], mention: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 1, "\(result.error)")
        #expect(result.error.hasPrefix("Lỗi: "))
        #expect(result.error.contains(mention), "\(result.error)")
    }
}
