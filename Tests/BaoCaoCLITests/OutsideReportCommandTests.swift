import Foundation
import Testing

/// `baocao inbox record-outside` and `inbox outside` on a real district node (issue 21,
/// item 8; seed 000 art. 7.3: "việc gửi, nhận báo cáo được thực hiện bằng hình thức văn bản
/// điện tử thông qua Hệ thống quản lý văn bản và điều hành của tỉnh"; seed 001 art. 10.2d):
/// the commune 05272, whose link was down, sent its November report by the e-office system;
/// the district's aggregator records it, and `completeness` and `aggregate` count it, marked.
@Suite("Reports received outside the system, from the command line")
struct OutsideReportCommandTests {
    @Test func recordOutside_countsInCompletenessAndAggregate_marked() throws {
        let workspace = try SampleWorkspace()
        let config = workspace.path("Config/huyen-lac-son.yaml")
        #expect(try CommandRunner.run(["init", "--config", config]).status == 0)
        let admin = try CommandRunner.run(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "--password-stdin", "--config", config],
                                          environment: [:], input: "mat-khau-quan-tri\n")
        #expect(admin.status == 0, "\(admin.error)")
        for (login, role, password) in [("tonghop", "aggregator", "mat-khau-tong-hop"), ("nhaplieu", "dataEntry", "mat-khau-nhap-lieu")] {
            let added = try CommandRunner.run(["user", "add", login, "--name", login, "--role", role, "--password-stdin", "--user", "quantri", "--config", config],
                                              environment: ["BAOCAO_PASSWORD": "mat-khau-quan-tri"], input: "\(password)\n")
            #expect(added.status == 0, "\(added.error)")
        }
        let scan = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("bản quét".utf8)
        try scan.write(to: URL(fileURLWithPath: workspace.path("bao-cao-05272.png")))
        let record = ["inbox", "record-outside", "--config", config, "--regime", "KTXH-THANG", "--period", "2026-11", "--unit", "05272",
                      "--document", workspace.path("bao-cao-05272.png"), "--number", "15/BC-UBND", "--received", "16/11/2026 08:30",
                      "--reason", "Đường truyền của xã mất từ 14/11", "CN01=1.200,5"]

        let clerk = try CommandRunner.run(record + ["--user", "nhaplieu"], environment: ["BAOCAO_PASSWORD": "mat-khau-nhap-lieu"])
        #expect(clerk.status != 0 && clerk.error.contains("không có quyền ghi nhận báo cáo nhận ngoài hệ thống"), "\(clerk.error)")

        let recorded = try CommandRunner.run(record + ["--user", "tonghop"], environment: ["BAOCAO_PASSWORD": "mat-khau-tong-hop"])
        #expect(recorded.status == 0, "\(recorded.error)")
        #expect(recorded.output.contains("Đã ghi nhận báo cáo nhận ngoài hệ thống số 1: 05272 KTXH-THANG kỳ 2026-11, nhận lúc 16/11/2026 08:30 (giờ Việt Nam), "
                                         + "1 số liệu nhập thay đơn vị gửi bởi tonghop."), "\(recorded.output)")
        #expect(recorded.output.contains("không có chữ ký số"))

        let read = { (arguments: [String]) in
            try CommandRunner.run(arguments + ["--config", config, "--user", "tonghop"], environment: ["BAOCAO_PASSWORD": "mat-khau-tong-hop"])
        }
        let listed = try read(["inbox", "outside"])
        #expect(listed.output.contains("1\t05272\tKTXH-THANG\t2026-11\tNGOÀI HỆ THỐNG\tnhận 16/11/2026 08:30 (giờ Việt Nam)\tvăn bản 15/BC-UBND\tnhập thay bởi tonghop"),
                "\(listed.output)")

        let at = ["--at", "2026-12-01T00:00:00Z"]
        let completeness = try read(["completeness", "KTXH-THANG", "2026-11", "--json"] + at)
        #expect(completeness.status == 0, "\(completeness.error)")
        #expect(completeness.output.contains(#"{"unit":"05272","dueDate":"2026-11-16","received":true,"accepted":true"#), "\(completeness.output)")
        #expect(completeness.output.contains(#""timeliness":"onTime""#) && completeness.output.contains(#""receivedOutside":true"#))
        let table = try read(["completeness", "KTXH-THANG", "2026-11"] + at)
        #expect(table.output.contains("nhận ngoài hệ thống, số liệu nhập thay"), "\(table.output)")

        let aggregate = try read(["aggregate", "KTXH-THANG", "2026-11"])
        #expect(aggregate.status == 0, "\(aggregate.error)")
        #expect(aggregate.output.contains("1.200,5"))
        #expect(aggregate.output.contains("Trong đó nhập thay từ văn bản nhận ngoài hệ thống, không phải bản gốc ký số (* NGOÀI HỆ THỐNG): 05272."), "\(aggregate.output)")
    }
}
