import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import Foundation

/// `baocao publish`: the province's publish step behind its public page (seed 000 art.
/// 12.3) — freeze a period's figures, review them with the completeness behind them,
/// publish them or a correction, list what is published.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Công bố số liệu trên trang công khai của tỉnh: chốt, xem xét, công bố (hoặc đính chính) số liệu của một kỳ.",
        subcommands: [Freeze.self, Review.self, Publish.self, List.self]
    )

    struct Common: ParsableArguments {
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã chế độ báo cáo.") var regime: RegimeCode
        @Argument(help: "Kỳ báo cáo, ví dụ 2026-11.") var period: Period

        func open() throws -> (PublicationService, StaffMember, Date) {
            let node = try NodeContext(configFile: config)
            let now = Date()
            let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
            let calendar = WorkingCalendar(overrides: try CalendarOverridesFile.load(node.loaded.calendarOverridesPath))
            return (PublicationService(work: try node.work(), calendar: calendar), actor, now)
        }
    }

    struct Freeze: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Chốt số liệu tổng hợp của kỳ (số liệu chốt mới) để xem xét và công bố.")
        @OptionGroup var common: Common

        func run() throws {
            let (service, actor, now) = try common.open()
            let number = try service.freeze(regime: common.regime, period: common.period, by: actor, at: now)
            print("Đã chốt số liệu \(common.regime) kỳ \(common.period): số liệu chốt số \(number). Xem lại bằng `baocao publish review`.")
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xem số liệu chốt mới nhất, tình hình báo cáo và thay đổi so với lần công bố trước.")
        @OptionGroup var common: Common

        func run() throws {
            let (service, actor, now) = try common.open()
            let review = try service.review(regime: common.regime, period: common.period, by: actor, at: now)
            print("\(review.regime.name) (\(common.regime)) kỳ \(common.period)")
            if let current = review.current {
                print("Đang công bố: \(current.vietnameseTitle), từ số liệu chốt số \(current.snapshotNumber).")
            } else {
                print("Chưa công bố.")
            }
            if let snapshot = review.snapshot {
                print("Số liệu chốt số \(snapshot.number) lúc \(VietnamTime.displayText(snapshot.takenAt)) (\(snapshot.cause)):")
                for (key, value) in snapshot.values.sorted(by: { $0.key < $1.key }) {
                    print("  \(key.description) = \(VietnameseNumberFormat.format(value))")
                }
            }
            if let completeness = review.completeness { print("Tình hình báo cáo: \(completeness.vietnameseText).") }
            if review.current != nil {
                print(review.changes.isEmpty ? "Không có số liệu nào thay đổi so với lần công bố đang có."
                      : "Thay đổi so với lần công bố đang có: " + review.changes.map(\.vietnameseText).joined(separator: "; ") + ".")
            }
            if let refusal = review.refusal {
                print("Chưa công bố được: \(refusal)")
            } else if let snapshot = review.snapshot {
                print("Công bố: baocao publish publish \(common.regime) \(common.period) --snapshot \(snapshot.number)"
                      + (review.current == nil ? "" : " --reason \"lý do đính chính\""))
            }
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Công bố số liệu chốt đã xem xét (phải là lần chốt mới nhất); lần công bố sau là đính chính, cần lý do.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Số của số liệu chốt đã xem xét.") var snapshot: Int
        @Option(name: .long, help: "Lý do đính chính (bắt buộc khi kỳ này đã được công bố).") var reason: String?

        func run() throws {
            let (service, actor, now) = try common.open()
            let published = try service.publish(regime: common.regime, period: common.period, snapshot: snapshot, reason: reason, by: actor, at: now)
            print("Đã \(published.vietnameseTitle) số liệu \(common.regime) kỳ \(common.period): \(published.completeness.vietnameseText).")
            if published.isCorrection {
                print(published.changes.isEmpty ? "Không có số liệu nào thay đổi."
                      : "Thay đổi: " + published.changes.map(\.vietnameseText).joined(separator: "; ") + ".")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các lần công bố của một kỳ, với số liệu và thay đổi của mỗi lần đính chính.")
        @OptionGroup var common: Common

        func run() throws {
            let (service, _, _) = try common.open()
            let publications = try service.publications(regime: common.regime, period: common.period)
            if publications.isEmpty { print("\(common.regime) kỳ \(common.period) chưa được công bố.") }
            for publication in publications {
                print("Lần \(publication.number): \(publication.vietnameseTitle) bởi \(publication.publishedBy), số liệu chốt số \(publication.snapshotNumber); \(publication.completeness.vietnameseText).")
                if let reason = publication.reason { print("  Lý do đính chính: \(reason)") }
                if publication.isCorrection {
                    print("  Thay đổi: " + (publication.changes.isEmpty ? "không" : publication.changes.map(\.vietnameseText).joined(separator: "; ")))
                }
                for (key, value) in publication.values.sorted(by: { $0.key < $1.key }) {
                    print("  \(key.description) = \(VietnameseNumberFormat.format(value))")
                }
            }
        }
    }
}
