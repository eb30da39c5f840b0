/// The tree of units a province reports through: who reports to whom.
///
/// A `Topology` is only ever built valid: every parent exists, there are no cycles
/// and no duplicate codes, each unit hangs under a kind of unit it may hang under, and
/// administrative codes have the official shape. Build one with ``init(units:source:)``
/// or from a file with ``init(csv:fileName:)``.
public struct Topology: Sendable, Equatable {
    /// Units in the order they were given (the file's order).
    public let units: [ReportingUnit]
    private let index: [UnitCode: Int]
    private let childIndex: [UnitCode: [Int]]

    public static func == (lhs: Topology, rhs: Topology) -> Bool { lhs.units == rhs.units }

    /// Validates and indexes the units.
    ///
    /// - Parameter lines: for each unit, where it came from (a file line), used in errors.
    public init(units: [ReportingUnit], lines: [Int]? = nil, fileName: String = "topology") throws {
        let place: (Int) -> UnitPlace = { UnitPlace(fileName: fileName, line: lines?[$0]) }
        var index: [UnitCode: Int] = [:]
        for (position, unit) in units.enumerated() {
            try Self.checkShape(of: unit, at: place(position), units: units)
            if let first = index[unit.code] {
                throw CoreError.duplicateUnit(unit.code, at: place(position), firstAt: place(first))
            }
            index[unit.code] = position
        }
        var childIndex: [UnitCode: [Int]] = [:]
        for (position, unit) in units.enumerated() {
            guard let parentCode = unit.parentCode else {
                guard unit.kind.allowedParents.contains(nil) else {
                    throw CoreError.misplacedUnit(unit, parent: nil, at: place(position))
                }
                continue
            }
            guard let parentPosition = index[parentCode] else {
                throw CoreError.unknownParent(unit, at: place(position))
            }
            let parent = units[parentPosition]
            guard unit.kind.allowedParents.contains(parent.kind) else {
                throw CoreError.misplacedUnit(unit, parent: parent, at: place(position))
            }
            childIndex[parentCode, default: []].append(position)
        }
        // A cycle can only consist of units that all have parents; walk up from each.
        for (position, unit) in units.enumerated() {
            var seen: Set<UnitCode> = [unit.code]
            var current = unit
            while let parentCode = current.parentCode, let parentPosition = index[parentCode] {
                if !seen.insert(parentCode).inserted {
                    throw CoreError.topologyCycle(unit, at: place(position))
                }
                current = units[parentPosition]
            }
        }
        self.units = units
        self.index = index
        self.childIndex = childIndex
    }

    /// The unit with this code, if any.
    public func unit(code: UnitCode) -> ReportingUnit? {
        index[code].map { units[$0] }
    }

    /// The units directly under this one, in file order.
    public func children(of code: UnitCode) -> [ReportingUnit] {
        (childIndex[code] ?? []).map { units[$0] }
    }

    /// The unit's parent, grandparent and so on, nearest first.
    public func ancestors(of code: UnitCode) -> [ReportingUnit] {
        var result: [ReportingUnit] = []
        var current = unit(code: code)
        while let parentCode = current?.parentCode, let parent = unit(code: parentCode) {
            result.append(parent)
            current = parent
        }
        return result
    }

    /// The unit and everything below it, depth first, in file order among siblings.
    public func subtree(of code: UnitCode) -> [ReportingUnit] {
        guard let root = unit(code: code) else { return [] }
        var result: [ReportingUnit] = []
        var stack = [root]
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: children(of: next.code).reversed())
        }
        return result
    }

    /// How far below the top of the tree the unit stands: 0 for a root (the province).
    public func level(of code: UnitCode) -> Int? {
        guard unit(code: code) != nil else { return nil }
        return ancestors(of: code).count
    }

    /// The units at the top of the tree.
    public var roots: [ReportingUnit] { units.filter { $0.parentCode == nil } }

    /// How many units there are of each kind.
    public var countsByKind: [UnitKind: Int] {
        units.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }

    /// How many units stand at each level (0 = top).
    public var countsByLevel: [Int: Int] {
        var result: [Int: Int] = [:]
        for unit in units { result[level(of: unit.code)!, default: 0] += 1 }
        return result
    }

    /// The lowest unit that is an ancestor of both (or one of them), for routing.
    public func lowestCommonAncestor(of a: UnitCode, and b: UnitCode) -> ReportingUnit? {
        let chainA = [unit(code: a)].compactMap { $0 } + ancestors(of: a)
        let codesB = Set(([unit(code: b)].compactMap { $0 } + ancestors(of: b)).map(\.code))
        return chainA.first { codesB.contains($0.code) }
    }

    /// Checks the code and name of one unit on its own. The code's characters are
    /// ``UnitCode``'s to check; what depends on the unit's kind and parent is checked here.
    private static func checkShape(of unit: ReportingUnit, at place: UnitPlace, units: [ReportingUnit]) throws {
        guard !unit.name.trimmingSpaces().isEmpty else {
            throw CoreError.invalidUnitCode(unit.code.rawValue, reason: "thiếu tên đơn vị", at: place)
        }
        if let reason = kindProblem(code: unit.code.rawValue, kind: unit.kind, parentCode: unit.parentCode?.rawValue) {
            throw CoreError.invalidUnitCode(unit.code.rawValue, reason: reason, at: place)
        }
    }

    /// What is wrong with a code for a unit of this kind under this parent, or `nil`:
    /// province 2 digits, district 3, commune 5, department `<parent>-<short>`. Takes text
    /// so that the file reader can prefer this, the more precise reason, to ``UnitCode``'s.
    static func kindProblem(code: String, kind: UnitKind, parentCode: String?) -> String? {
        let digits = code.allSatisfy(\.isASCIIDigit)
        switch kind {
        case .province where !(digits && code.count == 2):
            return "mã tỉnh phải gồm 2 chữ số"
        case .district where !(digits && code.count == 3):
            return "mã huyện phải gồm 3 chữ số"
        case .commune where !(digits && code.count == 5):
            return "mã xã phải gồm 5 chữ số"
        case .department:
            guard let parentCode, code.hasPrefix(parentCode + "-"), code.count > parentCode.count + 1 else {
                return "mã sở, ban, ngành phải có dạng <mã cấp trên>-<tên viết tắt>, ví dụ 17-SKHDT"
            }
            return nil
        default:
            return nil
        }
    }
}

/// Where a unit was defined, for error messages: a file and, when known, its line.
public struct UnitPlace: Sendable, Hashable, CustomStringConvertible {
    public let fileName: String
    public let line: Int?
    public var description: String { line.map { "\(fileName), dòng \($0)" } ?? fileName }
}
