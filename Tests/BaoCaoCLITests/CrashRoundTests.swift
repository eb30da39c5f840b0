import BaoCaoCore
import BaoCaoTesting
import Foundation
import Testing

/// Issue 8, item 3: `kill -9` at random moments during sync, ingest, relay and USB import,
/// restarting each time; afterwards no acknowledged bundle is missing, none is applied
/// twice, every database passes `PRAGMA integrity_check` and every audit chain verifies.
///
/// `BAOCAO_CRASH_ROUNDS` sets the number of rounds (default 6, for the normal test run;
/// `Scripts/crash-test` runs 200), `BAOCAO_CRASH_SEED` replays a run. Lines starting with
/// `[crash-rounds]` are the record `Scripts/crash-test` summarises.
@Suite("Crash safety: kill -9 at random moments, many rounds", .serialized)
struct CrashRoundTests {
    enum Activity: String, CaseIterable {
        /// The commune pushes (and pulls) through `baocao sync`; the commune or the district dies.
        case sync
        /// The district relays to the province; the province dies while taking it in.
        case ingest
        /// The district relays to the province; the district dies while sending.
        case relay
        /// A USB stick imported at one node; the import dies.
        case usb
    }

    /// What one round did, for the record.
    struct Round {
        var activity: Activity
        var how = ""
        var victim = ""
        var killed = false
        var restarts = 0
        var pointReached: Bool?
    }

    static let clock = Date()

    static func log(_ line: String) {
        print("[crash-rounds] " + String(format: "%7.1fs ", Date().timeIntervalSince(clock)) + line)
        fflush(nil)
    }

    @Test func killedAtRandomMoments_nothingLost_nothingTwice_databasesSound() throws {
        let environment = ProcessInfo.processInfo.environment
        let rounds = environment["BAOCAO_CRASH_ROUNDS"].flatMap(Int.init) ?? 6
        let seed = environment["BAOCAO_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64(UInt32.max))
        Self.log("seed=\(seed) rounds=\(rounds) (replay with BAOCAO_CRASH_SEED=\(seed))")
        let started = Date()
        var generator = SeededGenerator(seed: seed)

        let net = try CrashRoundNetwork()
        net.network.workspace.keep = environment["BAOCAO_CRASH_KEEP"] != nil
        defer { net.shutdown() }
        Self.log("workspace \(net.root.path)")
        for unit in CrashRoundNetwork.served { try net.startServe(unit) }
        var runner = RoundRunner(net: net)

        var records: [Round] = []
        for index in 1...max(rounds, 1) where rounds > 0 {
            let activity = Activity.allCases.randomElement(using: &generator)!
            let record = try runner.run(activity, using: &generator)
            records.append(record)
            Self.log("round \(index)/\(rounds): \(activity.rawValue) \(record.how) → \(record.killed ? "killed" : "missed (already done)") "
                     + "\(record.victim), restarts \(record.restarts)")
            // A server may only die by our hand.
            for unit in CrashRoundNetwork.served where !net.isServing(unit) {
                let tail = (try? String(contentsOf: net.log(unit), encoding: .utf8))?.suffix(2000) ?? ""
                Issue.record("serve \(unit) died on its own in round \(index): \(tail)")
                try net.startServe(unit)
            }
        }

        // Let everything finish: each node syncs until nothing is pending anywhere.
        let converged = try Self.converge(net, seconds: 180)
        let pending = try CrashRoundNetwork.units.map { "\($0): \(try net.pendingDeliveries($0))" }.joined(separator: ", ")
        #expect(converged, "deliveries still pending after 3 minutes: \(pending)")

        var passed: [String] = []
        let checks = try Checks(net: net)
        passed += try checks.acknowledgedBundlesHeld()
        passed += try checks.everythingQueuedArrivedOnce()
        passed += try checks.nothingAppliedTwice()
        passed += try checks.bundleFilesPresent()
        // A last kill -9 of every server, then the databases and audit chains.
        for unit in CrashRoundNetwork.served { net.killServe(unit) }
        passed += try checks.integrityOK()
        passed += try checks.auditChainsVerify()

        let byActivity = Dictionary(grouping: records, by: \.activity).mapValues(\.count)
        let points = records.filter { $0.pointReached != nil }
        Self.log("summary: seed=\(seed) rounds=\(records.count) duration=\(Int(Date().timeIntervalSince(started)))s")
        Self.log("summary: by activity " + Activity.allCases.map { "\($0.rawValue)=\(byActivity[$0] ?? 0)" }.joined(separator: " "))
        Self.log("summary: kills=\(records.filter(\.killed).count) (named points reached \(points.filter { $0.pointReached == true }.count)"
                 + " of \(points.count) armed) restarts=\(records.map(\.restarts).reduce(0, +))")
        let victims = Dictionary(grouping: records.filter(\.killed), by: \.victim).mapValues(\.count)
        Self.log("summary: killed " + victims.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                 + "; \(records.filter { !$0.killed }.count) rounds' work had finished before the kill")
        Self.log("summary: queued at the commune " + net.queued.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        for check in passed { Self.log("check passed: \(check)") }
    }

    /// Syncs the commune and the district (their servers keep running) until no node has
    /// a delivery pending.
    static func converge(_ net: CrashRoundNetwork, seconds: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            _ = try net.sync(CrashRoundNetwork.commune)
            _ = try net.sync(CrashRoundNetwork.district)
            _ = try net.sync(CrashRoundNetwork.commune)
            if try CrashRoundNetwork.units.allSatisfy({ try net.pendingDeliveries($0) == 0 }) { return true }
            Thread.sleep(forTimeInterval: 0.3)
        }
        return false
    }
}

/// Plays one round of each activity.
struct RoundRunner {
    typealias Activity = CrashRoundTests.Activity
    let net: CrashRoundNetwork
    var stick = 0
    static let commune = CrashRoundNetwork.commune, district = CrashRoundNetwork.district, province = CrashRoundNetwork.province

    init(net: CrashRoundNetwork) { self.net = net }

    func config(_ unit: String) -> String { net.configs[unit]! }

    /// A moment up to 300 ms after the work started.
    static func delay(using generator: inout SeededGenerator) -> Int { Int.random(in: 0...300, using: &generator) }

    /// A payload; `large` forces one that goes by resumable upload, `small` one that does not.
    static func payload(large: Bool?, using generator: inout SeededGenerator) -> CrashRoundNetwork.Payload {
        switch large {
        case true?: return .largeTransfer
        case false?: return Bool.random(using: &generator) ? .report : .transfer
        case nil:
            let roll = Int.random(in: 0..<100, using: &generator)
            return roll < 55 ? .report : roll < 85 ? .transfer : .largeTransfer
        }
    }

    /// Named points a receiving server can die at, and whether each needs a large payload.
    static let receiverPoints = [("ingest-committed-not-answered", false), ("upload-written-not-flushed", true),
                                 ("upload-flushed-not-recorded", true)]

    mutating func run(_ activity: Activity, using generator: inout SeededGenerator) throws -> CrashRoundTests.Round {
        var round = CrashRoundTests.Round(activity: activity)
        // About one round in four dies at a named point rather than at a random moment.
        let atPoint = activity != .usb && Int.random(in: 0..<4, using: &generator) == 0
        switch activity {
        case .sync, .ingest:
            let receiver = activity == .sync ? Self.district : Self.province
            if atPoint {
                let (point, large) = Self.receiverPoints.randomElement(using: &generator)!
                round.how = "at point \(point)"
                round.victim = "\(receiver) serve"
                net.stopServe(receiver)
                try net.startServe(receiver, crashAt: point)
                try net.queue(Self.payload(large: large, using: &generator), using: &generator)
                if activity == .ingest { try mustSync(Self.commune, &round) }
                let command = try net.start(["sync", "--config", config(activity == .sync ? Self.commune : Self.district)])
                let died = net.waitForServeDeath(receiver, seconds: 10)
                round.pointReached = died
                round.killed = died || net.killServe(receiver)
                // Back at once: the client may be waiting to reconnect.
                try net.startServe(receiver)
                command.wait(seconds: 120)
            } else {
                try net.queue(Self.payload(large: nil, using: &generator), using: &generator)
                if activity == .ingest { try mustSync(Self.commune, &round) }
                let killsClient = activity == .sync && Bool.random(using: &generator)
                let delay = Self.delay(using: &generator)
                round.how = "after \(delay) ms"
                round.victim = killsClient ? "\(Self.commune) sync" : "\(receiver) serve"
                let command = try net.start(["sync", "--config", config(activity == .sync ? Self.commune : Self.district)])
                Thread.sleep(forTimeInterval: Double(delay) / 1000)
                round.killed = killsClient ? command.kill9() : net.killServe(receiver)
                if !killsClient { try net.startServe(receiver) }
                command.wait(seconds: 120)
            }
            if !net.isServing(receiver) { try net.startServe(receiver) }
            round.restarts += 1
            // The commune's sync, killed or refused, runs again until it succeeds.
            if activity == .sync { try mustSync(Self.commune, &round) }

        case .relay:
            try net.queue(Self.payload(large: nil, using: &generator), using: &generator)
            try mustSync(Self.commune, &round)
            if atPoint {
                round.how = "at point relay-sent-not-acknowledged"
                round.victim = "\(Self.district) sync"
                let command = try net.start(["sync", "--config", config(Self.district)], crashAt: "relay-sent-not-acknowledged")
                command.wait(seconds: 120)
                round.pointReached = command.wasKilled
                round.killed = command.wasKilled
            } else {
                let killsServer = Bool.random(using: &generator)
                let delay = Self.delay(using: &generator)
                round.how = "after \(delay) ms"
                round.victim = killsServer ? "\(Self.district) serve" : "\(Self.district) sync"
                let command = try net.start(["sync", "--config", config(Self.district)])
                Thread.sleep(forTimeInterval: Double(delay) / 1000)
                round.killed = killsServer ? net.killServe(Self.district) : command.kill9()
                if killsServer { try net.startServe(Self.district) }
                command.wait(seconds: 120)
            }
            // The district's sync, killed or not, runs again until it succeeds.
            try mustSync(Self.district, &round)
            round.restarts += 1

        case .usb:
            stick += 1
            let directory = "stick-\(stick)"
            // Where the stick goes: up from the commune, up from the district, or down.
            var routes: [(from: String, to: String, export: [String])] = [
                (Self.commune, Self.district, ["--to", directory]),
                (Self.province, Self.district, ["--for", Self.district, "--to", directory]),
                (Self.district, Self.commune, ["--for", Self.commune, "--to", directory]),
            ]
            if try net.count(Self.district, "SELECT COUNT(*) FROM delivery WHERE direction = 'up' AND state = 'pending'") > 0 {
                routes.append((Self.district, Self.province, ["--to", directory]))
            }
            var route = routes.randomElement(using: &generator)!
            if route.from == Self.commune { try net.queue(Self.payload(large: nil, using: &generator), using: &generator) }
            try net.must(["export", "--config", config(route.from)] + route.export, as: nil)
            if try FileManager.default.contentsOfDirectory(atPath: net.root.appendingPathComponent(directory).path).isEmpty {
                // Nothing was waiting that way: carry a fresh report up from the commune instead.
                route = routes[0]
                try net.queue(.report, using: &generator)
                try net.must(["export", "--config", config(route.from)] + route.export, as: nil)
            }
            let delay = Self.delay(using: &generator)
            round.how = "\(route.from)→\(route.to) after \(delay) ms"
            round.victim = "\(route.to) import"
            let command = try net.start(["import", "--config", config(route.to), directory])
            Thread.sleep(forTimeInterval: Double(delay) / 1000)
            round.killed = command.kill9()
            command.wait(seconds: 120)
            // The person runs the import again; every file is accepted or a duplicate now.
            let again = try net.retry(["import", "--config", config(route.to), directory])
            round.restarts += 1
            #expect(again.status == 0, "import again at \(route.to): \(again.output) \(again.error)")
            // One line per file carried, each taken now or already held before the kill.
            let carried = try FileManager.default.contentsOfDirectory(atPath: net.root.appendingPathComponent(directory).path)
                .filter { $0.hasSuffix(".bcb") }.sorted()
            let lines = again.output.split(separator: "\n").map(String.init)
            #expect(lines.map { $0.components(separatedBy: ": ")[0] }.sorted() == carried, "\(again.output)")
            #expect(lines.filter { !$0.hasSuffix(": accepted") && !$0.hasSuffix(": duplicate") } == [], "\(again.output)")
        }
        return round
    }

    /// Syncs a node until it succeeds (its parent may be coming back from a kill).
    func mustSync(_ unit: String, _ round: inout CrashRoundTests.Round) throws {
        let result = try net.retry(["sync", "--config", config(unit)])
        #expect(result.status == 0, "sync \(unit): \(result.output) \(result.error)")
    }
}

/// What must hold on every node after the rounds.
struct Checks {
    let net: CrashRoundNetwork
    typealias N = CrashRoundNetwork

    init(net: CrashRoundNetwork) throws { self.net = net }

    /// Every bundle a node recorded as acknowledged by its parent (pushed up), or by its
    /// child (read from its feed), is held by that parent or child.
    func acknowledgedBundlesHeld() throws -> [String] {
        var acknowledged = 0
        for (child, parent) in N.parents {
            let parentHolds = Set(try net.query(parent, "SELECT id FROM bundle"))
            let childHolds = Set(try net.query(child, "SELECT id FROM bundle"))
            let up = try net.query(child, "SELECT bundleId FROM delivery WHERE direction = 'up' AND state = 'acknowledged'")
            let down = try net.query(parent, "SELECT bundleId FROM delivery WHERE direction = 'down' AND destination = '\(child)' "
                                             + "AND state = 'acknowledged'")
            let missingUp = up.filter { !parentHolds.contains($0) }
            let missingDown = down.filter { !childHolds.contains($0) }
            #expect(missingUp.isEmpty, "\(child) → \(parent): acknowledged but not held: \(missingUp)")
            #expect(missingDown.isEmpty, "\(parent) → \(child): acknowledged but not held: \(missingDown)")
            acknowledged += up.count + down.count
            let refused = try net.query(child, "SELECT bundleId || ': ' || refusal FROM delivery WHERE state = 'refused'")
                + (try net.query(parent, "SELECT bundleId || ': ' || refusal FROM delivery WHERE state = 'refused'"))
            #expect(refused.isEmpty, "refused deliveries: \(refused)")
        }
        return ["no acknowledged bundle missing (\(acknowledged) acknowledgements checked), none refused"]
    }

    /// What the commune made is at its destination: each report at the district and its
    /// archive copy at the province, each transfer at the province; each has exactly one
    /// receipt back at the commune.
    func everythingQueuedArrivedOnce() throws -> [String] {
        let reports = try net.query(N.commune, "SELECT id FROM bundle WHERE sender = '\(N.commune)' AND kind = 'report' AND recipient = '\(N.district)' AND origin = 'local'")
        let transfers = try net.query(N.commune, "SELECT id FROM bundle WHERE sender = '\(N.commune)' AND kind = 'report' AND recipient = '\(N.province)' AND origin = 'local'")
        #expect(reports.count == net.queued["report", default: 0], "reports made \(reports.count), queued \(net.queued)")
        #expect(transfers.count == net.queued["transfer", default: 0], "transfers made \(transfers.count), queued \(net.queued)")
        let district = Set(try net.query(N.district, "SELECT id FROM bundle"))
        let province = Set(try net.query(N.province, "SELECT id FROM bundle"))
        #expect(reports.filter { !district.contains($0) }.isEmpty, "reports missing at the district")
        #expect((reports + transfers).filter { !province.contains($0) }.isEmpty, "bundles missing at the province")
        let receipts = try net.query(N.commune, "SELECT json_extract(about, '$.receiptFor') FROM bundle WHERE kind = 'receipt'")
        #expect(Set(receipts) == Set(reports + transfers),
                "receipts at the commune: \(receipts.count) for \(reports.count + transfers.count) bundles")
        #expect(receipts.count == Set(receipts).count, "a bundle has two receipts")
        let atDistrict = try net.count(N.district, "SELECT COUNT(*) FROM report WHERE unitCode = '\(N.commune)'")
        let atProvince = try net.count(N.province, "SELECT COUNT(*) FROM report WHERE unitCode = '\(N.commune)'")
        #expect(atDistrict == reports.count, "report revisions of the commune at the district: \(atDistrict), sent \(reports.count)")
        // At the province: the archive copy of each report to the district, and each report straight to it.
        #expect(atProvince == reports.count + transfers.count,
                "report revisions of the commune at the province: \(atProvince), sent \(reports.count) + \(transfers.count)")
        return ["all \(reports.count) reports and \(transfers.count) transfers arrived, each with exactly one receipt back"]
    }

    /// No bundle, report revision or arrival is recorded twice on any node.
    func nothingAppliedTwice() throws -> [String] {
        for unit in N.units {
            let revisions = try net.query(unit, """
                SELECT unitCode || ' ' || regimeCode || ' ' || period || ' lần ' || revision FROM report
                GROUP BY unitCode, regimeCode, period, revision HAVING COUNT(*) > 1
                """)
            let reportBundles = try net.query(unit, "SELECT bundleId FROM report WHERE bundleId IS NOT NULL GROUP BY bundleId HAVING COUNT(*) > 1")
            let arrivals = try net.query(unit, "SELECT object FROM auditEntry WHERE action = 'bundle.received' GROUP BY object HAVING COUNT(*) > 1")
            let deliveries = try net.query(unit, "SELECT bundleId FROM delivery GROUP BY bundleId, destination HAVING COUNT(*) > 1")
            let receipts = try net.query(unit, "SELECT json_extract(about, '$.receiptFor') FROM bundle WHERE kind = 'receipt' "
                                               + "GROUP BY 1 HAVING COUNT(*) > 1")
            #expect(revisions.isEmpty, "\(unit): revisions applied twice: \(revisions)")
            #expect(reportBundles.isEmpty, "\(unit): bundles applied to two report rows: \(reportBundles)")
            #expect(arrivals.isEmpty, "\(unit): arrivals recorded twice: \(arrivals)")
            #expect(deliveries.isEmpty, "\(unit): deliveries queued twice: \(deliveries)")
            #expect(receipts.isEmpty, "\(unit): two receipts for one bundle: \(receipts)")
        }
        return ["no report revision, bundle, arrival, delivery or receipt applied twice on any node"]
    }

    /// Every bundle row points at its bytes in the node's bundle pack, of the recorded size.
    func bundleFilesPresent() throws -> [String] {
        var checked = 0
        for unit in N.units {
            let pack = net.network.workspace.path("data/\(unit)/bundles/pack.sqlite")
            let stored = Dictionary(uniqueKeysWithValues: try net.query(database: pack, "SELECT id || '|' || length(bytes) FROM bundleBytes").map {
                let parts = $0.split(separator: "|")
                return (String(parts[0]), Int(parts[1]))
            })
            for row in try net.query(unit, "SELECT id || '|' || size FROM bundle") {
                let parts = row.split(separator: "|")
                let id = String(parts[0])
                let size = stored[id] ?? nil
                #expect(size == Int(parts[1]), "\(unit): bundle \(id) has \(size.map(String.init) ?? "no bytes"), row says \(parts[1])")
                checked += 1
            }
        }
        return ["every bundle row has its bytes, of its size (\(checked) bundles)"]
    }

    func integrityOK() throws -> [String] {
        for unit in N.units {
            let check = try net.query(unit, "PRAGMA integrity_check")
            #expect(check == ["ok"], "\(unit): \(check)")
        }
        return ["PRAGMA integrity_check ok on \(N.units.joined(separator: ", ")) after a last kill -9"]
    }

    func auditChainsVerify() throws -> [String] {
        for unit in N.units {
            let result = try net.run(["audit", "verify", "--config", net.configs[unit]!])
            #expect(result.status == 0 && result.output.contains("toàn vẹn"), "\(unit): \(result.output) \(result.error)")
        }
        return ["baocao audit verify passes on \(N.units.joined(separator: ", "))"]
    }
}
