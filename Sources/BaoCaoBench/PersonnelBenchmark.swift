import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// A province's staff — 40,000 synthetic records of 40 units — held at the Sở Nội vụ's node
/// (the copies of every unit's records): a search by name through the personnel service
/// (grant checked, audited) at p95 ≤ 20 ms, printed beside a plain SQL reference over the
/// same rows in the same run (`SELECT … WHERE searchKey LIKE ?`).
struct PersonnelBenchmark {
    static let authority: UnitCode = "17-SNV"
    let records: Int
    let searches: Int

    func run() throws -> [BenchmarkRow] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bench-personnel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        let units = try (1...40).map { try UnitCode(parsing: String(format: "04%03d", $0)) }
        let topology = try Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
            ReportingUnit(code: Self.authority, name: "Sở Nội vụ", kind: .department, parentCode: "17"),
            ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ] + units.map { ReportingUnit(code: $0, name: "Xã \($0)", kind: .commune, parentCode: "148") })
        _ = try store.initialize(homeUnit: Self.authority, topology: topology, catalog: Catalog(), at: Date())
        let reference: CivilDate = "2026-12-31"
        let now = VietnamTime.startOfDay(reference).addingTimeInterval(12 * 3600)
        let people = Self.syntheticStaff(count: records, units: units, at: now)
        try store.writer.write { db in
            for person in people {
                try NodeStore.storePersonnelRecord(person, holder: person.recruitment!.recruitment.unit, holding: .copy,
                                                   sourceBundleId: "bench", today: reference, at: now, in: db)
            }
        }
        let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        let account = try accounts.addUser(login: "khaithac", displayName: "Khai thác", roles: [.admin, .aggregator], password: "mat-khau-do-tai-2026",
                                           by: nil, at: now)
        let actor = StaffMember(userId: account.id, login: account.login, displayName: account.displayName, roles: account.roles)
        let work = NodeWork(runtime: NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: Self.authority, bootstrap: nil,
                                                 clockTolerance: 86_400), identity: nil)
        let service = PersonnelService(work: work, catalog: PersonnelCatalog(version: "bench", sources: [], authority: Self.authority, lists: [], ranks: [],
                                                                             statistics: Self.statistics))
        try service.grant(login: "khaithac", scope: .read, documentNumber: "01/QĐ-SNV", documentDate: "2026-01-05", by: actor, at: now)

        // Names searched: a given name, or a surname and given name, of people who exist, without diacritics.
        let queries = (0..<searches).map { index -> String in
            let words = VietnameseText.searchKey(people[(index * 7919) % people.count].identity.fullName).split(separator: " ")
            return index % 2 == 0 ? String(words.last!) : "\(words.first!) \(words.dropFirst().first!)"
        }
        var serviceTimes: [Double] = [], sqlTimes: [Double] = []
        var found = 0
        for query in queries + queries.prefix(20) {  // the first 20 again at the end: round 0 warms up, not counted
            let service = try measure { found += try service.search(PersonnelQuery(name: query), by: actor, at: now).count }
            let sql = try measure {
                try store.writer.read { db in
                    _ = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, fullName FROM personnelRecord WHERE searchKey LIKE ? ORDER BY searchKey LIMIT 200"),
                                         arguments: ["%" + query + "%"])
                }
            }
            serviceTimes.append(service)
            sqlTimes.append(sql)
        }
        guard found > 0 else { throw BenchmarkFailure("the personnel search found nobody") }

        // The yearly statistics tables for the whole province on the reference day: through the
        // service (spans on that day, the catalog's filters), beside one GROUP BY over the same spans.
        var tableTimes: [Double] = [], groupTimes: [Double] = []
        var counted = 0, grouped = 0
        for _ in 0..<6 {
            tableTimes.append(try measure { counted = try service.statistics(on: reference, by: actor, at: now).headcount })
            groupTimes.append(try measure {
                grouped = try store.writer.read { db in
                    try Int.fetchAll(db, sql: """
                        SELECT COUNT(*) FROM personnelSpan WHERE validFrom <= ?1 AND (validUntil IS NULL OR validUntil > ?1)
                        AND status IN ('working', 'movedWithinUnit') GROUP BY kind, sex, substr(birthDate, 1, 3)
                        """, arguments: [reference.description]).reduce(0, +)
                }
            })
        }
        guard counted == grouped, counted > 0 else { throw BenchmarkFailure("statistics counted \(counted), plain SQL \(grouped)") }
        let tableTime = tableTimes.dropFirst().min()! * 1000, groupTime = groupTimes.dropFirst().min()! * 1000
        let searchP95 = Self.percentile(serviceTimes.dropFirst(20), 0.95) * 1000, sqlP95 = Self.percentile(sqlTimes.dropFirst(20), 0.95) * 1000
        return [
            BenchmarkRow(name: "personnel search by name, p95 (\(records) records; grant checked, audited)", figure: searchP95, unit: "ms",
                         reference: 20, referenceName: "limit 20 ms", goalRatio: 0, lowerIsBetter: true, goalMaximum: 1, goalWording: "≤ 20 ms"),
            BenchmarkRow(name: "personnel search by name, p95, beside plain SQL", figure: searchP95, unit: "ms",
                         reference: sqlP95, referenceName: "SELECT … WHERE searchKey LIKE ? p95", goalRatio: 0, lowerIsBetter: true,
                         goalMaximum: 20 / Swift.max(sqlP95, 0.001), goalWording: "≤ 20 ms (shown beside)"),
            BenchmarkRow(name: "personnel statistics, whole province on 31/12 (\(records) records, \(Self.statistics.indicators.count) indicators)",
                         figure: tableTime, unit: "ms", reference: groupTime, referenceName: "one GROUP BY over the same spans",
                         goalRatio: 0, lowerIsBetter: true, goalMaximum: 1000 / Swift.max(groupTime, 0.001), goalWording: "≤ 1 s (shown beside)"),
        ]
    }

    /// The breakdowns the Sở Nội vụ reports (seed 003 art. 16): by kind, sex and age band.
    static let statistics: PersonnelStatisticsDefinition = {
        let bands: [(from: Int?, to: Int?)] = [(nil, 30), (31, 40), (41, 50), (51, 60), (61, nil)]
        var indicators = [PersonnelStatisticsIndicator(code: "NS.TONG", filter: PersonnelHeadcountFilter()),
                          PersonnelStatisticsIndicator(code: "NS.NU", filter: PersonnelHeadcountFilter(sex: .female))]
        for kind in PersonnelKind.allCases {
            for band in bands {
                let filter = PersonnelHeadcountFilter(kinds: [kind], ageFrom: band.from, ageTo: band.to)
                indicators.append(PersonnelStatisticsIndicator(code: "NS.\(kind.rawValue).\(band.from ?? 0)", filter: filter))
            }
        }
        return PersonnelStatisticsDefinition(regime: "CBCCVC-TK", form: "CBCCVC-TK", formVersion: 1, source: "bench", indicators: indicators)
    }()

    static func percentile(_ values: some Collection<Double>, _ fraction: Double) -> Double {
        let sorted = values.sorted()
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
    }

    /// `count` synthetic people (Vietnamese names drawn from common ones, no real person),
    /// recruited into `units` between 1990 and 2025, approved; a seeded draw, the same every run.
    static func syntheticStaff(count: Int, units: [UnitCode], at now: Date) -> [PersonnelRecord] {
        let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Hà", "Quách", "Sa"]
        let middles = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Thanh", "Quốc", "Xuân", "Kim", "Bảo"]
        let givens = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long",
                      "Mai", "Nam", "Nga", "Ngân", "Phong", "Phúc", "Quang", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tú", "Tuấn", "Yến"]
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let approval = PersonnelApproval(account: "lanhdao", name: "Thủ trưởng", approvedAt: now)
        return (0..<count).map { index in
            let name = "\(surnames[next(surnames.count)]) \(middles[next(middles.count)]) \(givens[next(givens.count)])"
            let born = CivilDate(julianDayNumber: (try! CivilDate(year: 1962, month: 1, day: 1)).julianDayNumber + next(40 * 365))
            let recruited = CivilDate(julianDayNumber: Swift.max(born.julianDayNumber + 20 * 365, (try! CivilDate(year: 1990, month: 1, day: 1)).julianDayNumber)
                                      + next(10 * 365))
            let unit = units[index % units.count]
            let kind: PersonnelKind = [.civilServant, .publicEmployee, .official, .contractStaff][next(4)]
            var generator = SeededGenerator(seed: UInt64(index) &* 2654435761 &+ 17)
            return PersonnelRecord(
                id: PersonnelID.random(using: &generator),
                identity: PersonIdentity(fullName: name, birthDate: born, sex: next(2) == 0 ? .male : .female),
                events: [PersonnelEvent(sequence: 1, effectiveOn: recruited,
                                        decision: DecisionReference(number: "\(index + 1)/QĐ-UBND", signedOn: recruited, issuer: "UBND", effectiveOn: recruited),
                                        change: .recruited(Recruitment(unit: unit, section: "P\(next(5) + 1)", kind: kind, form: "thi-tuyen")),
                                        recordedBy: unit, recordedByAccount: "hoso", recordedAt: now, approval: approval)])
        }
    }
}
