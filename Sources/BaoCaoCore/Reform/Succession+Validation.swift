/// Checking a succession against the new map before a node takes it: every problem at
/// once (``problems(against:)``), or the first as an error (``validated(against:)``).
extension Succession {
    /// What is wrong with this succession, given the topology published with it: codes
    /// that name no unit, former units left without a successor, a divided unit with no
    /// (or two) default pieces, rows that contradict each other, a cycle, a grace date
    /// before the reform.
    public func problems(against newTopology: Topology) -> [CoreError] {
        findings(against: newTopology).map(\.error)
    }

    /// The same problems as ``problems(against:)``, each with what it concerns (a row, a
    /// former unit), so that a table file can name the line.
    public func findings(against newTopology: Topology) -> [SuccessionProblem] {
        var problems: [SuccessionProblem] = []
        if graceUntil < effective {
            problems.append(.init("hạn nhận báo cáo muộn của đơn vị cũ (\(graceUntil.vietnameseText)) trước ngày sắp xếp có hiệu lực (\(effective.vietnameseText))",
                                  about: .succession))
        }
        if basis.trimmingSpaces().isEmpty {
            problems.append(.init("thiếu căn cứ pháp lý (số, ngày của nghị quyết sắp xếp)", about: .succession))
        }
        var formerCodes: Set<UnitCode> = []
        for unit in formerUnits where !formerCodes.insert(unit.code).inserted {
            problems.append(.init("đơn vị cũ \(unit.code) được kê hai lần", about: .formerUnit(unit.code)))
        }
        for unit in formerUnits {
            if let parent = unit.parentCode, !formerCodes.contains(parent), newTopology.unit(code: parent) == nil {
                problems.append(.init("đơn vị cấp trên \(parent) của đơn vị cũ \(unit.code) (\(unit.name)) không có trong danh sách đơn vị trước sắp xếp lẫn danh sách mới",
                                      about: .formerUnit(unit.code)))
            }
        }
        for (index, link) in links.enumerated() {
            if !formerCodes.contains(link.former) {
                problems.append(.init("mã \(link.former) không có trong danh sách đơn vị trước sắp xếp", about: .link(index)))
            }
            if newTopology.unit(code: link.successor) == nil {
                problems.append(.init("đơn vị kế thừa \(link.successor) (của \(link.former)) không có trong danh sách đơn vị mới", about: .link(index)))
            }
        }
        let byFormer = Dictionary(grouping: links, by: \.former)
        for unit in formerUnits {
            let rows = byFormer[unit.code] ?? []
            let name = "\(unit.code) (\(unit.name))"
            let subject = SuccessionProblem.Subject.formerUnit(unit.code)
            if rows.isEmpty {
                problems.append(.init("đơn vị cũ \(name) không có đơn vị kế thừa", about: subject))
                continue
            }
            let shares = Set(rows.map(\.share))
            if shares.count > 1 {
                problems.append(.init("đơn vị cũ \(name) vừa được chia vừa được nhập toàn bộ hoặc bàn giao", about: subject))
            } else if shares == [.part] {
                let defaults = rows.filter(\.isDefault).count
                if defaults != 1 {
                    problems.append(.init("đơn vị cũ \(name) được chia cho \(rows.count) đơn vị nhưng có \(defaults) phần giữ trụ sở (cần đúng 1)",
                                          about: subject))
                }
                if rows.count < 2 {
                    problems.append(.init("đơn vị cũ \(name) ghi là chia một phần nhưng chỉ có một đơn vị kế thừa", about: subject))
                }
            } else if rows.count > 1 {
                problems.append(.init("đơn vị cũ \(name) có \(rows.count) đơn vị kế thừa toàn bộ", about: subject))
            }
        }
        if let cycle = firstCycle() {
            let index = links.firstIndex { $0.former == cycle[0] && $0.successor == cycle[1] && $0.share == .whole }
            problems.append(.init("phương án tạo thành vòng: " + cycle.map(\.rawValue).joined(separator: " → "),
                                  about: index.map { .link($0) } ?? .formerUnit(cycle[0])))
        }
        return problems
    }

    /// This succession, or the first of its ``problems(against:)``.
    public func validated(against newTopology: Topology) throws -> Succession {
        if let problem = problems(against: newTopology).first { throw problem }
        return self
    }

    /// A chain of distinct codes each going wholly into the next and back to the first, if
    /// any: each would hold the other's history. A unit continuing under its own code is no
    /// cycle, and neither are the pieces of divided units: the official table has communes
    /// that exchanged seats (Hồ Chí Minh City's Tân Quý 27019 → 27022 and Tân Thành
    /// 27022 → 27019) and pieces going to a unit whose code another old unit had (Hà Nội's
    /// Xuân La 00103 → 00611, Phú Thượng 00091 → 00103): the new map reuses old codes for
    /// other units, so only whole merges can contradict each other.
    func firstCycle() -> [UnitCode]? {
        var next: [UnitCode: [UnitCode]] = [:]
        for link in links where link.former != link.successor && link.share == .whole { next[link.former, default: []].append(link.successor) }
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
