import ArgumentParser
import BaoCaoCore

struct TopologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology",
        abstract: "Danh sách đơn vị (sơ đồ tổ chức báo cáo).",
        subcommands: [Check.self, Find.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra một tệp danh sách đơn vị và in số đơn vị theo từng cấp."
        )

        @Argument(help: "Tệp danh sách đơn vị (CSV).")
        var file: String

        @Flag(name: .long, help: "In kết quả dạng JSON.")
        var json = false

        func run() throws {
            let topology = try TopologyFile.load(file)
            var levels: [Int: [UnitKind: Int]] = [:]
            for unit in topology.units {
                levels[topology.level(of: unit.code)!, default: [:]][unit.kind, default: 0] += 1
            }
            if json {
                print(JSONValue.object([
                    ("file", .string(file)),
                    ("units", .int(topology.units.count)),
                    ("levels", .array(levels.keys.sorted().map { level in
                        let kinds = levels[level]!.sorted { $0.key < $1.key }
                        return .object([
                            ("level", .int(level + 1)),
                            ("units", .int(kinds.map(\.value).reduce(0, +))),
                            ("kinds", .object(kinds.map { ($0.key.rawValue, .int($0.value)) })),
                        ])
                    })),
                ]).text)
                return
            }
            let n = { (count: Int) in VietnameseNumberFormat.format(ExactDecimal(count)) }
            print("\(file): hợp lệ, \(n(topology.units.count)) đơn vị.")
            for level in levels.keys.sorted() {
                let kinds = levels[level]!.sorted { $0.key < $1.key }
                    .map { "\(n($0.value)) \($0.key.vietnameseName)" }.joined(separator: ", ")
                print("  Cấp \(level + 1): \(kinds)")
            }
        }
    }

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tìm đơn vị theo tên (viết dấu kiểu cũ hay mới, có dấu hay không dấu) hoặc theo mã."
        )

        @Argument(help: "Tệp danh sách đơn vị (CSV).")
        var file: String

        @Argument(help: "Tên hoặc mã cần tìm, ví dụ \"Hòa Bình\" hoặc \"hoa binh\".")
        var query: String

        func run() throws {
            let topology = try TopologyFile.load(file)
            let found = topology.units(matching: query)
            guard !found.isEmpty else { throw CLIError("Không tìm thấy đơn vị nào khớp \"\(query)\" trong \(file).") }
            print(Figures.table(["Mã", "Tên", "Cấp", "Trực thuộc"], found.map { unit in
                [unit.code.rawValue, unit.name, unit.kind.vietnameseName, unit.parentCode.flatMap { topology.unit(code: $0)?.name } ?? ""]
            }, rightAligned: []))
        }
    }
}
