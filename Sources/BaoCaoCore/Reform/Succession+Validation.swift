/// Checking a succession against the new map before a node takes it: every problem at
/// once (``problems(against:)``), or the first as an error (``validated(against:)``).
extension Succession {
    /// What is wrong with this succession, given the topology published with it: codes
    /// that name no unit, former units left without a successor, a divided unit with no
    /// (or two) default pieces, rows that contradict each other, a cycle, a grace date
    /// before the reform.
    public func problems(against newTopology: Topology) -> [CoreError] {
        var problems: [CoreError] = []
        if graceUntil < effective {
            problems.append(.succession("hạn nhận báo cáo muộn của đơn vị cũ (\(graceUntil.vietnameseText)) trước ngày sắp xếp có hiệu lực (\(effective.vietnameseText))"))
        }
        if basis.trimmingSpaces().isEmpty {
            problems.append(.succession("thiếu căn cứ pháp lý (số, ngày của nghị quyết sắp xếp)"))
        }
        var formerCodes: Set<UnitCode> = []
        for unit in formerUnits where !formerCodes.insert(unit.code).inserted {
            problems.append(.succession("đơn vị cũ \(unit.code) được kê hai lần"))
        }
        for link in links {
            if !formerCodes.contains(link.former) {
                problems.append(.succession("mã \(link.former) không có trong danh sách đơn vị trước sắp xếp"))
            }
            if newTopology.unit(code: link.successor) == nil {
                problems.append(.succession("đơn vị kế thừa \(link.successor) (của \(link.former)) không có trong danh sách đơn vị mới"))
            }
        }
        let byFormer = Dictionary(grouping: links, by: \.former)
        for unit in formerUnits {
            let rows = byFormer[unit.code] ?? []
            let name = "\(unit.code) (\(unit.name))"
            if rows.isEmpty {
                problems.append(.succession("đơn vị cũ \(name) không có đơn vị kế thừa"))
                continue
            }
            let shares = Set(rows.map(\.share))
            if shares.count > 1 {
                problems.append(.succession("đơn vị cũ \(name) vừa được chia vừa được nhập toàn bộ hoặc bàn giao"))
            } else if shares == [.part] {
                let defaults = rows.filter(\.isDefault).count
                if defaults != 1 {
                    problems.append(.succession("đơn vị cũ \(name) được chia cho \(rows.count) đơn vị nhưng có \(defaults) phần giữ trụ sở (cần đúng 1)"))
                }
                if rows.count < 2 {
                    problems.append(.succession("đơn vị cũ \(name) ghi là chia một phần nhưng chỉ có một đơn vị kế thừa"))
                }
            } else if rows.count > 1 {
                problems.append(.succession("đơn vị cũ \(name) có \(rows.count) đơn vị kế thừa toàn bộ"))
            }
        }
        if let cycle = firstCycle() {
            problems.append(.succession("phương án tạo thành vòng: " + cycle.map(\.rawValue).joined(separator: " → ")))
        }
        return problems
    }

    /// This succession, or the first of its ``problems(against:)``.
    public func validated(against newTopology: Topology) throws -> Succession {
        if let problem = problems(against: newTopology).first { throw problem }
        return self
    }

    /// A chain of distinct codes each going into the next and back to the first, if any.
    /// A unit continuing under its own code is no cycle.
    func firstCycle() -> [UnitCode]? {
        var next: [UnitCode: [UnitCode]] = [:]
        for link in links where link.former != link.successor { next[link.former, default: []].append(link.successor) }
        var done: Set<UnitCode> = []
        for start in next.keys.sorted() where !done.contains(start) {
            var path: [UnitCode] = []
            var onPath: Set<UnitCode> = []
            func visit(_ code: UnitCode) -> [UnitCode]? {
                if onPath.contains(code) { return Array(path[path.firstIndex(of: code)!...]) + [code] }
                if done.contains(code) { return nil }
                path.append(code)
                onPath.insert(code)
                for successor in next[code] ?? [] {
                    if let cycle = visit(successor) { return cycle }
                }
                path.removeLast()
                onPath.remove(code)
                done.insert(code)
                return nil
            }
            if let cycle = visit(start) { return cycle }
        }
        return nil
    }
}

extension ErrorCode where Domain == CoreDomain {
    public static let invalidSuccession = Self("invalidSuccession")
}

extension CoreError {
    public static func succession(_ reason: String) -> CoreError {
        CoreError(.invalidSuccession, message: "Phương án sắp xếp đơn vị không hợp lệ: \(reason).", log: "invalid succession: \(reason)")
    }
}
