import ArgumentParser
import BaoCaoCore

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Danh mục chỉ tiêu, biểu mẫu và chế độ báo cáo.",
        subcommands: [Check.self, Regimes.self]
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

    struct Regimes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Liệt kê các chế độ báo cáo tỉnh quy định: kỳ, đơn vị báo cáo, nơi nhận (theo chức năng, tìm trong danh sách đơn vị), thời hạn kèm ghi chú khi là giả định, căn cứ pháp lý."
        )

        @Argument(help: "Tệp danh mục (YAML hoặc JSON).")
        var file: String

        @Option(name: .long, help: "Tệp danh sách đơn vị của tỉnh: chỉ các chế độ của tỉnh này, nơi nhận tìm trong đó.")
        var topology: String

        @Flag(name: .long, help: "In JSON.")
        var json = false

        func run() throws {
            let units = try TopologyFile.load(topology)
            let catalog = try YAMLDocument.decode(Catalog.self, fromFile: file)
            let regimes = catalog.regimeDescriptions(in: units)
            if json {
                print(JSONValue.array(regimes.map { r in
                    .object([
                        ("code", .string(r.code.rawValue)), ("name", .string(r.name)), ("frequency", .string(r.frequency)),
                        ("reporters", .array(r.reporters.map(JSONValue.string))), ("receiver", .string(r.receiver)),
                        ("deadlines", .array(r.deadlines.map { d in
                            .object([("senderKind", .string(d.senderKind)), ("rule", .string(d.rule))] + (d.note.map { [("note", .string($0))] } ?? []))
                        })),
                        ("legalBasis", .string(r.basis)),
                    ])
                }).text)
                return
            }
            for r in regimes {
                print("\(r.code) — \(r.name) (\(r.type), \(r.frequency))")
                print("  đơn vị báo cáo: \(r.reporters.joined(separator: "; "))")
                print("  gửi đến: \(r.receiver)")
                for d in r.deadlines {
                    print("  thời hạn (\(d.senderKind)): \(d.rule)" + (d.note.map { " — \($0)" } ?? ""))
                }
                print("  căn cứ: \(r.basis)")
            }
        }
    }
}
