import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

/// `baocao personnel transfer|forward|transfers|custody`: personnel records leaving the
/// unit as sealed bundles (seed 003 art. 7.3, 10.2, 12.4). Subcommands of `personnel`
/// (``PersonnelTransferCommands/subcommands``).
enum PersonnelTransferCommands {
    static let subcommands: [any ParsableCommand.Type] = [Transfer.self, Forward.self, Transfers.self, Custody.self]

    struct Transfer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chuyển hồ sơ một người sang đơn vị khác (Điều 10 khoản 2): ghi quyết định, niêm phong hồ sơ cho đơn vị nhận và gửi đi.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã hồ sơ (HS-…).") var id: String
        @Option(name: .long, help: "Mã cơ quan tiếp nhận hồ sơ.") var to: UnitCode
        @Option(name: .long, help: "Mã đơn vị sử dụng người được chuyển (mặc định: cơ quan tiếp nhận).") var employing: UnitCode?
        @Option(name: .customLong("decision-number"), help: "Số quyết định, ví dụ 125/QĐ-UBND.") var decisionNumber: String
        @Option(name: .customLong("decision-date"), help: "Ngày ký quyết định (YYYY-MM-DD).") var decisionDate: String
        @Option(name: .long, help: "Cơ quan ban hành quyết định.") var issuer: String
        @Option(name: .long, help: "Ngày quyết định có hiệu lực (YYYY-MM-DD).") var effective: String

        func run() throws {
            let record = try PersonnelID(parsing: id)
            let decision = DecisionReference(number: decisionNumber, signedOn: try CivilDate(parsing: decisionDate), issuer: issuer,
                                             effectiveOn: try CivilDate(parsing: effective))
            let (work, actor, now) = try acting.signedIn(config: config)
            let bundle = try PersonnelTransferService(work: work).transferOut(
                record, to: TransferOut(receivingUnit: to, employingUnit: employing ?? to), decision: decision, by: actor, at: now)
            print("Đã niêm phong và xếp hàng gửi hồ sơ \(record) tới đơn vị \(to): gói tin \(bundle).")
        }
    }

    struct Forward: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chuyển tiếp hồ sơ đã nhận tới đơn vị sử dụng (Điều 10 khoản 2, trong 3 ngày làm việc).")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã gói tin chuyển giao đã nhận.") var bundle: String

        func run() throws {
            let (work, actor, now) = try acting.signedIn(config: config)
            let forwarded = try PersonnelTransferService(work: work).forward(bundle, by: actor, at: now)
            print("Đã chuyển tiếp: gói tin \(forwarded).")
        }
    }

    struct Transfers: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các lần chuyển giao hồ sơ của đơn vị: gửi, nhận, chuyển tiếp, xác nhận, thời hạn.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Flag(name: .long, help: "In JSON.") var json = false

        func run() throws {
            let (work, actor, now) = try acting.signedIn(config: config)
            let today = VietnamTime.civilDate(at: now)
            let transfers = try PersonnelTransferService(work: work).transfers(by: actor)
            func time(_ instant: Date?) -> JSONValue { instant.map { .string(Manifest.formatTime($0)) } ?? .null }
            if json {
                print(JSONValue.array(transfers.map { t in
                    .object([("bundle", .string(t.bundleId)), ("direction", .string(t.direction.rawValue)), ("records", .string(t.records)),
                             ("from", .string(t.fromUnit.rawValue)), ("to", .string(t.toUnit.rawValue)), ("employing", .string(t.employingUnit.rawValue)),
                             ("effectiveOn", .string(t.decisionEffectiveOn)), ("dueOn", t.dueOn.map { .string($0) } ?? .null),
                             ("sentAt", time(t.sentAt)), ("receivedAt", time(t.receivedAt)), ("forwardedAt", time(t.forwardedAt)),
                             ("forwardBundle", t.forwardBundleId.map { .string($0) } ?? .null), ("acknowledgedAt", time(t.acknowledgedAt)),
                             ("overdue", .bool(t.isOverdue(today: today))), ("late", .bool(t.wasLate))])
                }).text)
            } else if transfers.isEmpty {
                print("Chưa có lần chuyển giao hồ sơ nào.")
            } else {
                for t in transfers {
                    let what = switch t.direction {
                    case .sent: "gửi đi"
                    case .forwarding: t.forwardedAt == nil ? "chờ chuyển tiếp" : "đã chuyển tiếp"
                    case .received: "đã nhận"
                    }
                    let due = t.dueOn.map { ", hạn \($0)" } ?? ""
                    let acknowledged = t.acknowledgedAt.map { ", đã xác nhận \(VietnamTime.displayText($0))" } ?? ""
                    print("\(t.bundleId.prefix(16))… \(what) \(t.records): \(t.fromUnit) → \(t.toUnit) (đơn vị sử dụng \(t.employingUnit)), "
                          + "hiệu lực \(t.decisionEffectiveOn)\(due)\(acknowledged)\(t.isOverdue(today: today) ? " — QUÁ HẠN" : "")\(t.wasLate ? " — làm muộn" : "")")
                }
            }
        }
    }

    struct Custody: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gửi toàn bộ hồ sơ đơn vị đang quản lý về Sở Nội vụ để lưu giữ (Điều 7 khoản 3, Điều 12 khoản 4).",
            subcommands: [Send.self])

        struct Send: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Niêm phong và gửi bộ hồ sơ đầy đủ của đơn vị.")
            @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
            @OptionGroup var acting: ActorOptions

            func run() throws {
                let (work, actor, now) = try acting.signedIn(config: config)
                let bundle = try PersonnelTransferService(work: work).sendCustody(by: actor, at: now)
                print("Đã niêm phong và xếp hàng gửi bộ hồ sơ lưu giữ: gói tin \(bundle).")
            }
        }
    }
}
