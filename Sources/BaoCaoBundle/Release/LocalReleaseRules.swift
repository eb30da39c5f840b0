import BaoCaoCore

/// What a unit's local release may contain (seed 002 art. 11.3–11.4): only regimes of
/// its own — with their forms and indicators — whose codes start with `<unit>.`, whose
/// receiver is the unit, and whose reporters lie in its scope (its subtree, or what the
/// province's release grants it). It never changes anything the province published.
struct LocalReleaseRules {
    let province: ReleaseContent

    func check(_ release: ReleaseContent) throws {
        let publisher = release.publisher
        let fail = { (reason: String) in BundleError.localReleaseOutOfBounds(publisher, reason) }
        let topology = try province.validatedTopology()
        guard let unit = topology.unit(code: publisher), unit.parentCode != nil else {
            throw fail("đơn vị \(publisher) không thuộc danh sách đơn vị của tỉnh, hoặc là cấp tỉnh")
        }
        guard release.topology == nil, release.trust == nil, release.revoked == nil, release.endpoints == nil,
              release.calendarOverrides == nil, release.localScopes == nil, release.personnel == nil, release.catalog.plans.isEmpty,
              release.catalog.dimensions.isEmpty
        else { throw fail("chỉ được bổ sung chế độ báo cáo, biểu mẫu và chỉ tiêu riêng") }

        let prefix = LocalNamespace.prefix(for: publisher)
        let catalog = release.catalog
        for code in catalog.indicators.map(\.code) + catalog.forms.map(\.code) + catalog.regimes.map(\.code.rawValue) where !code.hasPrefix(prefix) {
            throw fail("mã \(code) phải bắt đầu bằng \(prefix)")
        }
        for rule in catalog.rules {
            if let parsed = try? rule.parsed() {
                let codes = parsed.0.referencedIndicators.union(parsed.2.referencedIndicators)
                if codes.contains(where: { !$0.hasPrefix(prefix) }) {
                    throw fail("quy tắc \(rule.expression) chỉ được dùng chỉ tiêu riêng của đơn vị")
                }
            }
        }

        let granted = Set(province.localScope(of: publisher))
        let scope = Set(topology.subtree(of: publisher).map(\.code)).union(granted).subtracting([publisher])
        for regime in catalog.regimes {
            guard regime.receiver == publisher else {
                throw fail("chế độ báo cáo \(regime.code) phải do chính đơn vị \(publisher) nhận")
            }
            for reporter in regime.reporters.units where !scope.contains(reporter) {
                throw fail("chế độ báo cáo \(regime.code) yêu cầu đơn vị \(reporter) báo cáo, ngoài phạm vi của đơn vị")
            }
            let reachable = scope.compactMap { topology.unit(code: $0) }
            for kind in regime.reporters.kinds where !reachable.contains(where: { $0.kind == kind }) {
                throw fail("chế độ báo cáo \(regime.code) yêu cầu \(kind.vietnameseName) báo cáo nhưng phạm vi của đơn vị không có \(kind.vietnameseName) nào")
            }
        }

        // The merged catalog must still be consistent; local codes cannot shadow the province's.
        var merged = province.catalog
        let existing = Set(merged.indicators.map(\.code) + merged.forms.map(\.code) + merged.regimes.map(\.code.rawValue))
        if let clash = (catalog.indicators.map(\.code) + catalog.forms.map(\.code) + catalog.regimes.map(\.code.rawValue)).first(where: existing.contains) {
            throw fail("mã \(clash) trùng với mã của tỉnh")
        }
        merged.indicators += catalog.indicators
        merged.forms += catalog.forms
        merged.regimes += catalog.regimes
        merged.rules += catalog.rules
        if let problem = merged.problems(against: topology).first {
            throw BundleError.invalidRelease(problem.message)
        }
    }
}
