import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

extension DashboardChart: ExpressibleByArgument {}

/// The unit's own dashboard (002 art. 10.1e; 000 art. 13.4): the indicators and charts its
/// home page shows, the same as the web's "Bảng điều khiển của đơn vị".
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Bảng điều khiển của đơn vị (trang chủ): xem các chỉ tiêu đã chọn với số liệu các kỳ gần nhất, thêm, bỏ.",
        subcommands: [Show.self, Add.self, Remove.self]
    )

    struct Common: ParsableArguments {
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions

        func open() throws -> (DashboardService, StaffMember, Date) {
            let (work, actor, now) = try acting.signedIn(config: config)
            return (DashboardService(work: work), actor, now)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Các chỉ tiêu trên bảng điều khiển, mỗi chỉ tiêu với số liệu của đơn vị qua các kỳ gần nhất.")
        @OptionGroup var common: Common

        func run() throws {
            let (service, actor, _) = try common.open()
            let series = try service.series(by: actor)
            if series.isEmpty { print("Bảng điều khiển của đơn vị chưa có chỉ tiêu nào.") }
            for s in series {
                print("[\(s.item.id ?? 0)] \(s.item.indicatorCode) \(s.indicatorName) (\(s.unitOfMeasure)) — \(s.regimeName) — \(s.item.chart.displayName)")
                if s.points.isEmpty { print("  chưa có báo cáo nào của đơn vị") }
                for point in s.points {
                    print("  \(point.period): \(point.value.map { VietnameseNumberFormat.format($0) } ?? "không có số liệu")")
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Thêm một chỉ tiêu của một chế độ báo cáo vào bảng điều khiển.")
        @OptionGroup var common: Common
        @Argument(help: "Mã chế độ báo cáo, ví dụ KTXH-THANG.") var regime: RegimeCode
        @Argument(help: "Mã chỉ tiêu trên biểu mẫu của chế độ, ví dụ NN01.") var indicator: String
        @Option(name: .long, help: "Kiểu biểu đồ: line (đường xu hướng) hoặc bars (cột).") var chart: DashboardChart = .line

        func run() throws {
            let (service, actor, now) = try common.open()
            let item = try service.add(regime: regime, indicator: indicator, chart: chart, by: actor, at: now)
            print("Bảng điều khiển có chỉ tiêu \(item.indicatorCode) của \(item.regimeCode) (\(item.chart.displayName)), mục số \(item.id ?? 0).")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Bỏ một mục khỏi bảng điều khiển (số mục như `dashboard show` in).")
        @OptionGroup var common: Common
        @Argument(help: "Số mục.") var id: Int64

        func run() throws {
            let (service, actor, now) = try common.open()
            try service.remove(id, by: actor, at: now)
            print("Đã bỏ mục số \(id) khỏi bảng điều khiển của đơn vị.")
        }
    }
}
