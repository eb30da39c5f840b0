import BaoCaoCore

/// A ``ReformPlan`` as `baocao reform plan` prints it, in Vietnamese: the succession's date
/// and basis, each node's step, the units to enrol, the revocations with the grace date,
/// and what cannot be compared (divided units and their pieces, the catalog's indicators
/// that follow the seat and those marked not comparable).
struct ReformPlanText {
    let plan: ReformPlan
    let newTopology: Topology
    let catalog: Catalog
    let source: String

    var lines: [String] {
        let succession = plan.succession
        var lines = [
            "Phương án sắp xếp đơn vị hành chính có hiệu lực từ ngày \(succession.effective.vietnameseText) (\(source)).",
            "Căn cứ: \(succession.basis)",
            "",
            "Từng nút:",
        ]
        for step in plan.steps {
            lines += self.lines(for: step)
        }
        lines.append("")
        if plan.enrol.isEmpty {
            lines.append("Đơn vị mới cần đăng ký nút: không có (mọi đơn vị nhận lịch sử đều có nút tiếp tục).")
        } else {
            lines.append("Đơn vị mới cần đăng ký nút (cấp chứng thư, cài đặt nút) trước khi nhận bàn giao: "
                         + plan.enrol.map { newName($0.code) }.joined(separator: ", ") + ".")
        }
        if plan.revoke.isEmpty {
            lines.append("Thu hồi chứng thư: không có (mọi nút đều giữ mã đơn vị).")
        } else {
            lines.append("Thu hồi chứng thư từ ngày \(succession.effective.vietnameseText) của: " + plan.revoke.map(formerName).joined(separator: ", ") + ".")
            lines.append("Những gì các đơn vị này gửi trước ngày đó vẫn có hiệu lực; báo cáo muộn của họ cho các kỳ trước ngày "
                         + "\(succession.effective.vietnameseText) vẫn được nhận đến hết ngày \(succession.graceUntil.vietnameseText) "
                         + "và nhập vào lịch sử của đơn vị kế thừa.")
        }
        lines.append("")
        lines += comparability
        return lines
    }

    private func lines(for step: ReformPlan.Step) -> [String] {
        let node = formerName(step.node.code)
        var lines: [String]
        switch step.action {
        case .continueAs(let unit):
            let parent = unit.parentCode.map { "trực thuộc \(newName($0))" } ?? "cấp cao nhất"
            lines = ["- \(node): tiếp tục là \(newName(unit.code)), cấp \(unit.kind.vietnameseName), \(parent); lịch sử của nút ở lại nút."]
            if !step.receivesHistoryOf.isEmpty {
                lines.append("    nhận lịch sử (báo cáo, quyết định đã ký, đầu chuỗi nhật ký) và hồ sơ cán bộ của: "
                             + step.receivesHistoryOf.map(formerName).joined(separator: ", ") + ".")
            }
        case .mergeInto(let unit):
            lines = ["- \(node): nhập vào \(newName(unit.code)); chuyển lịch sử (báo cáo, quyết định đã ký, đầu chuỗi nhật ký) "
                     + "cho nút \(unit.code) dưới dạng gói, hồ sơ cán bộ chuyển niêm phong như điều chuyển, rồi ngừng hoạt động."]
        case .retire(let unit):
            lines = ["- \(node): cấp \(step.node.kind.vietnameseName) kết thúc; bàn giao lưu trữ (báo cáo, quyết định đã ký, đầu chuỗi nhật ký, "
                     + "hồ sơ cán bộ) cho nút \(newName(unit.code)), rồi ngừng hoạt động."]
        }
        if !step.notComparable.isEmpty {
            lines.append("    số liệu trước ngày \(plan.succession.effective.vietnameseText) của \(step.action.successor.code) không so sánh được chính xác "
                         + "ở một số chỉ tiêu: có phần của đơn vị bị chia " + step.notComparable.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return lines
    }

    /// The divided units the plan's nodes touch, their pieces, and the catalog's rule.
    private var comparability: [String] {
        let divided = Set(plan.steps.flatMap(\.notComparable)).sorted()
        guard !divided.isEmpty else {
            return ["So sánh số liệu: các nút trên không có đơn vị bị chia; số liệu trước sắp xếp cộng dồn chính xác (nhập toàn bộ)."]
        }
        var lines = ["Không so sánh được chính xác — đơn vị bị chia (số liệu không tách được theo phần):"]
        for code in divided {
            let pieces = plan.succession.links(from: code).filter { $0.share == .part }
            let seat = pieces.filter(\.isDefault).map { newName($0.successor) }.joined(separator: ", ")
            let others = pieces.filter { !$0.isDefault }.map { newName($0.successor) }.joined(separator: ", ")
            lines.append("- \(formerName(code)): phần giữ trụ sở \(seat); các phần khác \(others).")
        }
        let indicators = catalog.indicators
        let seat = indicators.filter { $0.carriesToDefaultPiece == true }
        let notComparable = indicators.filter { $0.carriesToDefaultPiece != true }
        if seat.isEmpty {
            lines.append("Chỉ tiêu theo trụ sở (tính toàn bộ số liệu của đơn vị bị chia cho phần giữ trụ sở): không có trong danh mục đang dùng.")
        } else {
            lines.append("Chỉ tiêu theo trụ sở (tính toàn bộ số liệu của đơn vị bị chia cho phần giữ trụ sở), \(seat.count) chỉ tiêu: "
                         + seat.map { "\($0.code) \($0.name)" }.joined(separator: "; ") + ".")
        }
        if !notComparable.isEmpty {
            lines.append("Chỉ tiêu đánh dấu không so sánh được ở các đơn vị trên (cả phần giữ trụ sở và các phần khác), \(notComparable.count) chỉ tiêu: "
                         + notComparable.map(\.code).joined(separator: ", ") + ".")
        }
        return lines
    }

    private func formerName(_ code: UnitCode) -> String {
        (plan.succession.formerUnit(code: code) ?? newTopology.unit(code: code)).map { "\($0.name) (\($0.code))" } ?? code.rawValue
    }

    private func newName(_ code: UnitCode) -> String {
        newTopology.unit(code: code).map { "\($0.name) (\($0.code))" } ?? code.rawValue
    }
}
