import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import Foundation

/// `baocao reform apply`: the node crosses the reform its province release carried.
struct ReformApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Áp dụng phương án sắp xếp đơn vị (đã nhận trong bản phát hành của tỉnh) tại nút này: tiếp tục với mã mới, hoặc bàn giao dữ liệu lịch sử cho đơn vị kế thừa rồi thôi hoạt động.",
        discussion: "Nút nhập vào đơn vị khác hoặc cấp huyện kết thúc ghi các gói bàn giao vào --out (mang bằng USB tới nút kế thừa: baocao import). Nút tiếp tục với mã mới được đổi dòng unit trong tệp cấu hình (giữ bản cũ bên cạnh)."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút.")
    var config: String

    @OptionGroup var actor: ActorOptions

    @Option(name: .long, help: "Thư mục ghi các gói bàn giao dữ liệu lịch sử (ví dụ trên thẻ nhớ USB).")
    var out: String?

    func run() throws {
        let (work, person, now) = try actor.signedIn(config: config)
        let done = try ReformService(work: work).apply(out: out, by: person, at: now)
        let former = "\(done.former.code) (\(done.former.name))"
        switch done.action {
        case .continueAs(let unit):
            print("Đơn vị \(former) tiếp tục là \(unit.code) (\(unit.name)), cấp trên \(unit.parentCode.map(\.rawValue) ?? "không có"), từ ngày \(done.succession.effective.vietnameseText). Dữ liệu cũ giữ nguyên.")
            if let code = done.newCode {
                let backup = try ConfigurationUnitLine.rewrite(config, from: done.former.code, to: code)
                print("Đã đổi dòng unit của \(config) thành \"\(code)\" (bản cũ giữ ở \(backup)).")
            }
        case .mergeInto(let unit), .retire(let unit):
            let how = done.action == .mergeInto(unit) ? "nhập vào" : "kết thúc, bàn giao lưu trữ cho"
            print("Đơn vị \(former) \(how) \(unit.code) (\(unit.name)) từ ngày \(done.succession.effective.vietnameseText).")
            let originals = done.handover.map(\.originals).reduce(0, +)
            print("Đã ghi \(done.handover.count) gói bàn giao (\(originals) bản gốc đã ký) vào \(out ?? ""):")
            for file in done.handover { print("  \(file.path): \(file.originals) bản gốc") }
            if done.personnelRecords > 0 { print("Đã niêm phong \(done.personnelRecords) hồ sơ cán bộ gửi \(unit.code).") }
        }
        if !done.stillToDo.isEmpty {
            print("Quản trị còn phải làm:")
            for step in done.stillToDo { print("  - \(step)") }
        }
    }
}
