import ArgumentParser
import BaoCaoCore

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Danh mục chỉ tiêu, biểu mẫu và chế độ báo cáo.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra một tệp danh mục và liệt kê mọi lỗi tìm thấy."
        )

        @Argument(help: "Tệp danh mục (YAML hoặc JSON).")
        var file: String

        @Option(name: .long, help: "Tệp danh sách đơn vị để kiểm tra mã đơn vị nhận, đơn vị báo cáo và kế hoạch.")
        var topology: String?

        func run() throws {
            let units = try topology.map(TopologyFile.load)
            let catalog = try YAMLDocument.decode(Catalog.self, fromFile: file)
            let problems = catalog.problems(against: units)
            guard problems.isEmpty else {
                for problem in problems { print(problem.message) }
                throw CLIError("Tệp \(file) có \(problems.count) lỗi.")
            }
            print("\(file): hợp lệ — \(catalog.indicators.count) chỉ tiêu, \(catalog.forms.count) biểu mẫu, \(catalog.regimes.count) chế độ báo cáo.")
        }
    }
}
