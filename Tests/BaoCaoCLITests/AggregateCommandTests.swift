import Foundation
import Testing

/// `baocao aggregate | completeness | ranking | overdue` on a real district node whose
/// database holds two communes' reports (written with the sqlite3 tool, as the lifecycle would).
@Suite("Aggregate commands")
struct AggregateCommandTests {
    let workspace: SampleWorkspace
    let config: String
    let database: String

    init() throws {
        workspace = try SampleWorkspace()
        config = workspace.path("Config/huyen-lac-son.yaml")
        database = workspace.path(".baocao-data/157/baocao.sqlite")
        let initialized = try CommandRunner.run(["init", "--config", config])
        #expect(initialized.status == 0, "\(initialized.error)")
        try Self.execute(database, """
            INSERT INTO report (regimeCode, period, unitCode, revision, state, formCode, formVersion, createdAt, updatedAt, signedAt, receivedAt, bundleId)
            VALUES ('KTXH-THANG', '2026-11', '05266', 1, 'accepted', 'KTXH-THANG', 1, '2026-11-16 02:00:00.000', '2026-11-16 02:00:00.000',
                    '2026-11-16 02:00:00.000', '2026-11-16 02:05:00.000', 'sha256-xa-05266'),
                   ('KTXH-THANG', '2026-11', '05269', 1, 'received', 'KTXH-THANG', 1, '2026-11-17 02:00:00.000', '2026-11-17 02:00:00.000',
                    '2026-11-17 02:00:00.000', '2026-11-17 02:05:00.000', 'sha256-xa-05269');
            INSERT INTO reportValue (reportId, key, indicatorCode, value, status)
            VALUES (1, 'CN01', 'CN01', '1200.5', 'final'), (2, 'CN01', 'CN01', '34.25', 'final');
            """)
        // Figures are for signed-in staff: an admin, and a viewer who reads.
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
        let viewer = try CommandRunner.run(["user", "add", "xem", "--name", "Người xem", "--role", "viewer", "--password-stdin",
                                            "--user", "quantri", "--config", config],
                                           environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], input: "mat-khau-nguoi-xem\n")
        #expect(viewer.status == 0, "\(viewer.error)")
    }

    /// Runs a reading command as the viewer.
    func read(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + ["--user", "xem"], environment: ["BAOCAO_PASSWORD": "mat-khau-nguoi-xem"])
    }

    static func execute(_ database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func aggregate_tableJSONProvisionalAndDrillDown() throws {
        let json = try read(["aggregate", "KTXH-THANG", "2026-11", "--config", config, "--json"])
        #expect(json.status == 0, "\(json.error)")
        #expect(json.output.contains(#"{"key":"CN01","value":"1200.5","yearToDate":"1200.5""#))
        #expect(json.output.contains(#""contributors":[{"unit":"05266","revision":1,"state":"accepted","bundleId":"sha256-xa-05266"}]"#))

        let provisional = try read(["aggregate", "KTXH-THANG", "2026-11", "--provisional", "--config", config, "--json"])
        #expect(provisional.output.contains(#"{"key":"CN01","value":"1234.75""#))

        let table = try read(["aggregate", "KTXH-THANG", "2026-11", "--provisional", "--config", config])
        #expect(table.status == 0)
        #expect(table.output.contains("1.234,75"))
        #expect(table.output.contains("SỐ LIỆU TẠM TÍNH"))

        let drill = try read(["aggregate", "KTXH-THANG", "2026-11", "--unit", "05266", "--config", config, "--json"])
        #expect(drill.output.contains(#""bundleId":"sha256-xa-05266""#))
        #expect(drill.output.contains(#""values":{"CN01":"1200.5"}"#))
    }

    @Test func completenessRankingOverdue() throws {
        let at = ["--at", "2026-12-01T00:00:00Z"]
        let completeness = try read(["completeness", "KTXH-THANG", "2026-11", "--config", config, "--json"] + at)
        #expect(completeness.status == 0, "\(completeness.error)")
        #expect(completeness.output.contains(#""received":2,"accepted":1,"onTime":1,"late":1"#))
        #expect(completeness.output.contains(#"{"unit":"05266","dueDate":"2026-11-16","received":true,"accepted":true"#))

        let table = try read(["completeness", "KTXH-THANG", "2026-11", "--config", config] + at)
        #expect(table.output.contains("trễ hạn"))

        let ranking = try read(["ranking", "2026", "--config", config, "--json"] + at)
        #expect(ranking.status == 0, "\(ranking.error)")
        #expect(ranking.output.hasPrefix(#"[{"rank":1,"unit":"05266""#))

        let overdue = try read(["overdue", "--config", config, "--json"] + at)
        #expect(overdue.status == 0)
        #expect(overdue.output.contains(#""regime":"KTXH-THANG","period":"2026-11","unit":"05272""#))
        #expect(!overdue.output.contains(#""regime":"KTXH-THANG","period":"2026-11","unit":"05266""#))
    }

    /// A report signed a week before it arrived is flagged; an aggregator rules that its
    /// signing time stands, with a reason; a viewer may not.
    @Test func completenessRule_settlesAFlaggedReport() throws {
        try Self.execute(database, "UPDATE report SET signedAt = '2026-11-10 02:00:00.000' WHERE unitCode = '05269'")
        let aggregator = try CommandRunner.run(["user", "add", "tonghop", "--name", "Tổng hợp", "--role", "aggregator", "--password-stdin",
                                                "--user", "quantri", "--config", config],
                                               environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], input: "mat-khau-tong-hop\n")
        #expect(aggregator.status == 0, "\(aggregator.error)")
        let at = ["--at", "2026-12-01T00:00:00Z"]
        let rule = ["completeness", "KTXH-THANG", "2026-11", "--rule", "05269", "--time", "signing", "--reason", "Mất kết nối một tuần", "--config", config] + at
        let before = try read(["completeness", "KTXH-THANG", "2026-11", "--config", config, "--json"] + at)
        #expect(before.output.contains(#""review":"signedLongBeforeArrival""#), "\(before.output)")

        let refused = try read(rule)
        #expect(refused.status == 1)
        #expect(refused.error == "Lỗi: Người xem không có quyền xem xét thời hạn gửi báo cáo (cần vai trò: tổng hợp, lãnh đạo).\n")
        let ruled = try CommandRunner.run(rule + ["--user", "tonghop"], environment: ["BAOCAO_PASSWORD": "mat-khau-tong-hop"])
        #expect(ruled.status == 0, "\(ruled.error)")
        #expect(ruled.output.contains("Đã ghi kết quả xem xét thời hạn của 05269: đã xem xét: tính theo thời điểm ký"))
        let after = try read(["completeness", "KTXH-THANG", "2026-11", "--config", config, "--json"] + at)
        #expect(after.output.contains(#""onTime":2,"late":0"#) && after.output.contains(#""ruling":"signingTime""#), "\(after.output)")
    }

    /// 002 art. 14.4: `window extend` announces an extension with its document; a report
    /// arriving inside it is on time, and `completeness` and `window show` list the
    /// announcements the judgement rests on (000 arts. 18, 22).
    @Test func windowExtend_reportInsideTheExtension_isOnTime() throws {
        let aggregator = try CommandRunner.run(["user", "add", "tonghop", "--name", "Tổng hợp", "--role", "aggregator", "--password-stdin",
                                                "--user", "quantri", "--config", config],
                                               environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], input: "mat-khau-tong-hop\n")
        #expect(aggregator.status == 0, "\(aggregator.error)")
        func asAggregator(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run(arguments + ["--config", config, "--user", "tonghop"], environment: ["BAOCAO_PASSWORD": "mat-khau-tong-hop"])
        }
        // The commune 05269's report arrives a day from now, long after its deadline (16 November).
        let now = Date()
        let sql = DateFormatter()
        sql.locale = Locale(identifier: "en_US_POSIX")
        sql.timeZone = TimeZone(identifier: "UTC")
        sql.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        let arrival = now.addingTimeInterval(86_400)
        try Self.execute(database, "UPDATE report SET signedAt = '\(sql.string(from: arrival - 300))', receivedAt = '\(sql.string(from: arrival))' "
            + "WHERE unitCode = '05269'")
        let at = ["--at", (now + 3 * 86_400).formatted(.iso8601)]
        let before = try read(["completeness", "KTXH-THANG", "2026-11", "--config", config, "--json"] + at)
        #expect(before.output.contains(#""onTime":1,"late":1"#), "\(before.output)")

        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        local.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let until = local.string(from: now + 2 * 86_400)
        local.dateFormat = "yyyy-MM-dd"
        let today = local.string(from: now)
        // The district's keys where the sample configuration looks for them: the announcements are signed notices.
        let pki = try CommandRunner.run(["pki", "init-dev", "--topology", workspace.path("Topology/hoa-binh-2025-03-3-cap.csv"),
                                         "--out", workspace.path(".baocao-pki/hoa-binh"), "--key-type", "ec", "--units", "157"])
        #expect(pki.status == 0, "\(pki.error)")
        let opened = try asAggregator(["window", "open", "KTXH-THANG", "2026-11"])
        #expect(opened.status == 0, "\(opened.error)")
        let badTime = try asAggregator(["window", "extend", "KTXH-THANG", "2026-11", "--until", "mai", "--number", "15/TB-UBND",
                                        "--date", today, "--reason", "Mưa lũ"])
        #expect(badTime.status == 1)
        #expect(badTime.error == "Lỗi: Thời điểm gia hạn mai không đúng dạng YYYY-MM-DDTHH:MM (giờ Việt Nam), ví dụ 2026-06-20T17:00.\n")
        let extended = try asAggregator(["window", "extend", "KTXH-THANG", "2026-11", "--until", until, "--number", "15/TB-UBND",
                                         "--date", today, "--reason", "Mưa lũ làm gián đoạn đường truyền"])
        #expect(extended.status == 0, "\(extended.error)")
        #expect(extended.output.hasPrefix("Đã gia hạn tiếp nhận KTXH-THANG kỳ 2026-11 đến "))

        let after = try read(["completeness", "KTXH-THANG", "2026-11", "--config", config, "--json"] + at)
        #expect(after.output.contains(#""onTime":2,"late":0"#), "\(after.output)")
        #expect(after.output.contains(#""kind":"extended""#) && after.output.contains(#""documentNumber":"15/TB-UBND""#))
        let table = try read(["completeness", "KTXH-THANG", "2026-11", "--config", config] + at)
        #expect(table.output.contains("Căn cứ các thông báo tiếp nhận:"))
        #expect(table.output.contains("gia hạn tiếp nhận đến ") && table.output.contains("(văn bản số 15/TB-UBND ngày "))
        let shown = try asAggregator(["window", "show", "KTXH-THANG", "2026-11"])
        #expect(shown.output.contains("  - mở tiếp nhận, ghi lúc ") && shown.output.contains("  - gia hạn tiếp nhận đến "), "\(shown.output)")
    }

    /// Without a signed-in person, or with a wrong password, no figure is shown.
    @Test func readingWithoutSignIn_isRefused() throws {
        let anonymous = try CommandRunner.run(["aggregate", "KTXH-THANG", "2026-11", "--config", config, "--json"], environment: [:])
        #expect(anonymous.status == 1)
        #expect(anonymous.error == "Lỗi: Hãy cho biết ai thực hiện: --user <tên đăng nhập> "
            + "(mật khẩu trong biến môi trường BAOCAO_PASSWORD hoặc nhập khi được hỏi).\n")
        #expect(anonymous.output == "")
        let wrong = try CommandRunner.run(["completeness", "KTXH-THANG", "2026-11", "--config", config, "--user", "xem"],
                                          environment: ["BAOCAO_PASSWORD": "sai-mat-khau"])
        #expect(wrong.status == 1)
        #expect(wrong.error == "Lỗi: Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa. Hãy thử lại sau ít phút; nếu vẫn không được, hãy đề nghị quản trị hệ thống kiểm tra tài khoản.\n")
        #expect(wrong.output.isEmpty)
    }

    @Test func unknownRegime_oneLine() throws {
        let result = try read(["aggregate", "KHONG-CO", "2026-11", "--config", config])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("Lỗi: Không có chế độ báo cáo mã KHONG-CO."))
    }

    /// A period, unit or regime that cannot exist is refused as the command line is read,
    /// before anything is opened: the parser's Vietnamese line naming the text, exit 1.
    @Test(arguments: [
        (["aggregate", "KTXH-THANG", "2026-13"], "Lỗi: Kỳ báo cáo \"2026-13\" không hợp lệ: tháng phải từ 01 đến 12."),
        (["aggregate", "KTXH-THANG", "2026-11", "--unit", "4801"],
         "Lỗi: Mã đơn vị \"4801\" không hợp lệ: mã đơn vị hành chính gồm 2 chữ số (tỉnh), 3 chữ số (huyện) hoặc 5 chữ số (xã)."),
        (["completeness", "KTXH THANG", "2026-11"], "Lỗi: Mã chế độ báo cáo \"KTXH THANG\" không hợp lệ"),
    ])
    func malformedPeriodUnitOrRegime_isRefused_inOneVietnameseLine(arguments: [String], line: String) throws {
        let result = try read(arguments + ["--config", config])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
        #expect(result.error.hasPrefix(line), "\(result.error)")
    }
}
