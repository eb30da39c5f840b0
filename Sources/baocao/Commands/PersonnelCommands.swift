import ArgumentParser

/// `baocao personnel …`: civil-servant records (seed 003). The transfer and custody
/// subcommands are ``PersonnelTransferCommands``; the record, roster and access
/// subcommands join them here.
struct PersonnelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "personnel",
        abstract: "Hồ sơ cán bộ, công chức, viên chức: chuyển giao và lưu giữ.",
        subcommands: PersonnelTransferCommands.subcommands
    )
}
