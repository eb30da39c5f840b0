import ArgumentParser

/// `baocao reform`: the 2025 reorganisation of administrative units on a running network.
struct ReformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reform",
        abstract: "Sắp xếp đơn vị hành chính: áp dụng phương án kế thừa tại một nút.",
        subcommands: [ReformApplyCommand.self]
    )
}
