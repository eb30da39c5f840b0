import ArgumentParser
import BaoCaoCore
import BaoCaoStore
import Foundation

/// `baocao`: one program for every node of a province's reporting network.
///
/// Flags are English; everything said to people is Vietnamese. Every failure prints
/// one clear line on standard error and exits non-zero.
@main
struct BaoCao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baocao",
        abstract: "BaoCao — hệ thống thông tin báo cáo cấp tỉnh, huyện, xã.",
        version: BaoCaoVersion.current.description,
        subcommands: [
            InitCommand.self,
            ReportCommand.self,
            InboxCommand.self,
            WindowCommand.self,
            PublishCommand.self,
            NoticesCommand.self,
            StatusCommand.self,
            TopologyCommand.self,
            CatalogCommand.self,
            CalendarCommand.self,
            PKICommand.self,
            BundleCommand.self,
            ReleaseCommand.self,
            UpdateCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            ServeCommand.self,
            HostCommand.self,
            SyncCommand.self,
            DemoCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            UserCommand.self,
            SectionCommand.self,
            DashboardCommand.self,
            PersonnelCommand.self,
            AuditCommand.self,
            AggregateCommand.self,
            CompletenessCommand.self,
            RankingCommand.self,
            OverdueCommand.self,
            NationalCommand.self,
            ExtractCommand.self,
            SheetCommand.self,
            TextCommand.self,
            AdxCommand.self,
            SignServiceCommand.self,
            SignOnceCommand.self,
            ReformCommand.self,
            PersonnelCommand.self,
        ]
    )

    static func main() async {
        // Belt and braces: whatever baocao creates is its owner's alone. Every file of the
        // node is created with its own mode besides (database, bundles, backups and keys 0600,
        // folders 0700), so nothing depends on this.
        umask(0o077)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if let line = UserFacingError.line(for: error) {
                FileHandle.standardError.write(Data(("Lỗi: " + line + "\n").utf8))
                Foundation.exit(UserFacingError.exitCode(for: error))
            }
            exit(withError: error)
        }
    }
}
