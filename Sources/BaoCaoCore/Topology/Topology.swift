/// The tree of units a province reports through: who reports to whom.
///
/// A `Topology` is only ever built valid: every parent exists, there are no cycles
/// and no duplicate codes, each unit hangs under a kind of unit it may hang under, and
/// administrative codes have the official shape. Build one with ``init(units:source:)``
/// or from a file with ``init(csv:fileName:)``.
public struct Topology: Sendable, Equatable {
    /// Units in the order they were given (the file's order).
    public let units: [ReportingUnit]
    private let index: [String: Int]
    private let childIndex: [String: [Int]]

    public static func == (lhs: Topology, rhs: Topology) -> Bool { lhs.units == rhs.units }

    /// Validates and indexes the units.
    ///
    /// - Parameter lines: for each unit, where it came from (a file line), used in errors.
    public init(units: [ReportingUnit], lines: [Int]? = nil, fileName: String = "topology") throws {
        let place: (Int) -> UnitPlace = { UnitPlace(fileName: fileName, line: lines?[$0]) }
        var index: [String: Int] = [:]
        for (position, unit) in units.enumerated() {
            try Self.checkShape(of: unit, at: place(position), units: units)
            if let first = index[unit.code] {
                throw CoreError.duplicateUnit(unit.code, at: place(position), firstAt: place(first))
            }
            index[unit.code] = position
        }
        var childIndex: [String: [Int]] = [:]
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
            var seen: Set<String> = [unit.code]
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
    public func unit(code: String) -> ReportingUnit? {
        index[code].map { units[$0] }
    }

    /// The units directly under this one, in file order.
    public func children(of code: String) -> [ReportingUnit] {
        (childIndex[code] ?? []).map { units[$0] }
    }

    /// The unit's parent, grandparent and so on, nearest first.
    public func ancestors(of code: String) -> [ReportingUnit] {
        var result: [ReportingUnit] = []
        var current = unit(code: code)
        while let parentCode = current?.parentCode, let parent = unit(code: parentCode) {
            result.append(parent)
            current = parent
        }
        return result
    }

    /// The unit and everything below it, depth first, in file order among siblings.
    public func subtree(of code: String) -> [ReportingUnit] {
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
    public func level(of code: String) -> Int? {
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
    public func lowestCommonAncestor(of a: String, and b: String) -> ReportingUnit? {
        let chainA = [unit(code: a)].compactMap { $0 } + ancestors(of: a)
        let codesB = Set(([unit(code: b)].compactMap { $0 } + ancestors(of: b)).map(\.code))
        return chainA.first { codesB.contains($0.code) }
    }

    /// Checks the code and name of one unit on its own.
    private static func checkShape(of unit: ReportingUnit, at place: UnitPlace, units: [ReportingUnit]) throws {
        guard !unit.code.isEmpty, unit.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw CoreError.invalidUnitCode(unit.code, reason: "mã chỉ gồm chữ, số, dấu - và _", at: place)
        }
        guard !unit.name.trimmingSpaces().isEmpty else {
            throw CoreError.invalidUnitCode(unit.code, reason: "thiếu tên đơn vị", at: place)
        }
        let digits = unit.code.allSatisfy(\.isASCIIDigit)
        switch unit.kind {
        case .province where !(digits && unit.code.count == 2):
            throw CoreError.invalidUnitCode(unit.code, reason: "mã tỉnh phải gồm 2 chữ số", at: place)
        case .district where !(digits && unit.code.count == 3):
            throw CoreError.invalidUnitCode(unit.code, reason: "mã huyện phải gồm 3 chữ số", at: place)
        case .commune where !(digits && unit.code.count == 5):
            throw CoreError.invalidUnitCode(unit.code, reason: "mã xã phải gồm 5 chữ số", at: place)
        case .department:
            guard let parentCode = unit.parentCode, unit.code.hasPrefix(parentCode + "-"), unit.code.count > parentCode.count + 1 else {
                throw CoreError.invalidUnitCode(unit.code, reason: "mã sở, ban, ngành phải có dạng <mã cấp trên>-<tên viết tắt>, ví dụ 17-SKHDT", at: place)
            }
        default:
            break
        }
    }
}

/// Where a unit was defined, for error messages: a file and, when known, its line.
public struct UnitPlace: Sendable, Hashable, CustomStringConvertible {
    public let fileName: String
    public let line: Int?
    public var description: String { line.map { "\(fileName), dòng \($0)" } ?? fileName }
}
