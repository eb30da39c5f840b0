import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoTesting
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
@testable import BaoCaoNode
@testable import BaoCaoSync

/// Partitions and time (issue 8, item 4): real nodes on loopback with real mutual TLS,
/// every `now:` driven by a ``SimulatedClock``.
///
/// Known limits of the injected clock, kept visible rather than papered over:
/// - `SyncClient` states its clock to the parent (`BaoCao-Clock`) from the real clock,
///   not from `round(now:)`; the tests state the simulated clock with
///   ``SimulatedClockNetwork/stateClock(of:as:)`` after each round, and
///   `aDayAheadAndBehind_acceptedAndJudgedByCorrectedSigningTime` pins the gap as a known issue.
/// - TLS (NIOSSL) checks node certificates against the real clock; the certificates are
///   valid across both the real and the simulated times.
@Suite("Partitions and time", .serialized)
struct PartitionAndClockTests {
    typealias Net = SimulatedClockNetwork
    static let communeA: UnitCode = "05290"
    static let communeB: UnitCode = "05293"
    static let communeC: UnitCode = "05296"

    /// The parent is unreachable for an hour around a deadline. The communes keep
    /// approving and sending; every round fails with a transport error and loses nothing
    /// (the bundles stay queued, nothing is acknowledged, the last sync stays as it was).
    /// When the parent is back, one round delivers each report once, and the parent judges
    /// timeliness by the arrival it recorded (seed 002 art. 14.4): both are late, and the
    /// one signed before the deadline is flagged so a reviewer may let its signing time
    /// stand (the link was down); the one signed after is not.
    @Test func parentUnreachableForAnHour_nothingLost_timelinessByArrival() async throws {
        let period = Net.period(0)
        let deadline = Net.deadline(period)
        let clock = SimulatedClock(deadline - 7200)
        try await Net.with(clock: clock) { net in
            let (a, b) = (Self.communeA, Self.communeB)
            let now: @Sendable () -> Date = { clock.now }
            let proxy = try FaultProxy(to: net.districtPort, faults: .init())
            try await proxy.start()
            // Both communes are in touch before the outage.
            for unit in [a, b] { #expect(try await net.client(unit, port: proxy.port).round(now: now) == SyncClient.Round()) }
            let lastSync = try #require(try net.runtime(a).store.value(of: .lastSync))

            // The link goes down 45 minutes before the deadline, for an hour.
            clock.set(deadline - 45 * 60)
            await proxy.stop()
            let unreachable = [a: net.client(a, port: proxy.port, http: try net.impatientHTTPClient(a)),
                               b: net.client(b, port: proxy.port, http: try net.impatientHTTPClient(b))]
            var ids: [UnitCode: String] = [:]
            for minute in stride(from: 0, through: 60, by: 5) {
                clock.set(deadline - 45 * 60 + TimeInterval(minute * 60))
                if clock.now == deadline - 30 * 60 { ids[a] = try net.approveAndSend(a, period: period, signedAt: clock.now) }
                if clock.now == deadline + 10 * 60 { ids[b] = try net.approveAndSend(b, period: period, signedAt: clock.now) }
                for unit in [a, b] {
                    do {
                        _ = try await unreachable[unit]!.round(now: now)
                        Issue.record("a round with the parent unreachable must fail")
                    } catch let error as SyncError {
                        Issue.record("an unreachable parent is not an answer from it: \(error)")
                    } catch {
                        // A transport failure (here: connection refused), which `SyncService`
                        // logs and retries with backoff.
                        #expect((error as? IOError)?.errnoCode == ECONNREFUSED, "\(error)")
                    }
                    // Nothing lost: what was sent waits, unacknowledged; the last sync is unchanged.
                    #expect(try net.runtime(unit).store.pendingCounts().up == (ids[unit] == nil ? 0 : 1))
                    #expect(try net.runtime(unit).store.pendingDeliveries(direction: .up, destination: Net.district).map(\.bundleId)
                            == (ids[unit].map { [$0] } ?? []))
                }
            }
            #expect(try net.runtime(a).store.value(of: .lastSync) == lastSync)
            #expect(try await net.copiesAtDistrict(ids[a]!) == 0)
            #expect(try await net.copiesAtDistrict(ids[b]!) == 0)

            // The parent is back, on another route (a new proxy).
            clock.set(deadline + 20 * 60)
            let back = try FaultProxy(to: net.districtPort, faults: .init())
            try await back.start()
            for unit in [a, b] {
                let round = try await net.client(unit, port: back.port).round(now: now)
                #expect(round.pushed == 1 && round.refused == 0, "\(unit): \(round)")
                #expect(round.pulled == 1, "the receipt comes down in the same round")
                #expect(try net.runtime(unit).store.pendingCounts().up == 0)
                #expect(try await net.client(unit, port: back.port).round(now: now) == SyncClient.Round())
                #expect(try await net.copiesAtDistrict(ids[unit]!) == 1)
                try await net.stateClock(of: unit, as: clock.now)   // after the last round: see the suite's note
            }
            #expect(try net.runtime(a).store.value(of: .lastSync) == clock.now.formatted(.iso8601))

            let judged = try net.completeness(period, now: clock.now)
            let signedInTime = try #require(judged[a])
            #expect(signedInTime.timeliness == .late && !signedInTime.bySigningTime && signedInTime.review == .signedInTimeArrivedLate)
            #expect(signedInTime.judgedAt == deadline + 20 * 60)
            let late = try #require(judged[b])
            #expect(late.timeliness == .late && !late.bySigningTime && late.review == nil)
            #expect(late.judgedAt == deadline + 20 * 60)
            let arrivals = try net.district.store.arrivals(regime: "R1", periods: [period])[period] ?? []
            #expect(arrivals.compactMap(\.bundleId).sorted() == [ids[a]!, ids[b]!].sorted())
            #expect(arrivals.map(\.receivedAt) == [deadline + 20 * 60, deadline + 20 * 60], "both arrived after the deadline: \(arrivals)")
            #expect(judged[Self.communeC]?.timeliness == .missing)
            await back.stop()
        }
    }

    /// Two communes cut off for 30 months, making a report each month as the clock moves
    /// month by month (some on time, some after the deadline), then catching up: one over
    /// HTTPS in batches, the other by USB export and import. Every report arrives once,
    /// all accepted (in no guaranteed order: revisions carry their number); the USB ones, offered
    /// again over HTTPS afterwards, take effect once. The district keeps each report's
    /// signing time; what it can trust of it follows DESIGN §4: a report signed more than
    /// the maximum transit (3 days) before it arrived is judged by its arrival and flagged
    /// for review, whatever it says; every report is judged by its arrival (seed 002 art.
    /// 14.4), so only the last period, arriving before its deadline, is on time.
    @Test func offlineForThirtyMonths_catchesUpOverHTTPSAndUSB() async throws {
        let months = 30
        let clock = SimulatedClock(Net.deadline(Net.period(0)) - 10 * 86_400)
        try await Net.with(clock: clock) { net in
            let (https, usb) = (Self.communeA, Self.communeB)
            var signed: [UnitCode: [(period: Period, id: String, at: Date)]] = [:]
            func signedLate(_ k: Int) -> Bool { k % 7 == 3 }
            for k in 0..<months {
                let period = Net.period(k)
                let due = Net.deadline(period)
                clock.set(signedLate(k) ? due + 2 * 86_400 : due - 2 * 86_400)
                for unit in [https, usb] {
                    let id = try net.approveAndSend(unit, period: period, value: "\(k).5", signedAt: clock.now)
                    signed[unit, default: []].append((period, id, clock.now))
                    clock.advance(by: 3600)
                }
            }
            #expect(try net.runtime(https).store.pendingCounts().up == months)

            // Back online the day after the last report was signed.
            clock.set(signed[https]!.last!.at + 86_400)
            let now: @Sendable () -> Date = { clock.now }
            var client = net.client(https)
            client.batchCount = 8   // several batches, two in flight (the default)
            let round = try await client.round(now: now)
            #expect(round.pushed == months && round.refused == 0 && round.pulledRejected == 0, "\(round)")
            #expect(round.pulled == months, "a receipt for each report")
            try await net.stateClock(of: https, as: clock.now)
            #expect(try net.runtime(https).store.pendingCounts().up == 0)
            let order = try await net.district.store.writer.read { db in
                try String.fetchAll(db, sql: "SELECT period FROM report WHERE unitCode = ? ORDER BY id", arguments: [https])
            }
            // Each period once. The order they were taken in is the signing order within a
            // batch only: two batches in flight may commit in either order.
            #expect(order.sorted() == signed[https]!.map(\.period.id), "\(order)")
            #expect(Set(order).count == months)

            // The other commune by USB stick, imported at the district.
            let stick = net.directory.appendingPathComponent("usb")
            let commune = net.runtime(usb)
            #expect(try USBTransfer(store: commune.store, files: commune.files).export(to: stick) == months)
            clock.advance(by: 1800)
            let files = try USBTransfer.candidates(in: stick)
            #expect(files.count == months)
            let lines = files.map { USBTransfer.importFile($0, into: net.district, now: clock.now) }
            #expect(lines.allSatisfy { $0.outcome == .accepted }, "\(lines.map(\.text))")
            let again = files.map { USBTransfer.importFile($0, into: net.district, now: clock.now) }
            #expect(again.allSatisfy { $0.outcome == .duplicate })
            // The commune's link comes back too: what went by USB is answered `duplicate`.
            let late = try await net.client(usb).round(now: now)
            #expect(late.pushed == months && late.refused == 0, "\(late)")
            try await net.stateClock(of: usb, as: clock.now)

            for unit in [https, usb] {
                for entry in signed[unit]! { #expect(try await net.copiesAtDistrict(entry.id) == 1) }
            }
            let receipts = try await net.district.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM bundle WHERE kind = 'receipt'") }
            #expect(receipts == 2 * months, "one receipt per report, none for a repeat")

            let arrivals = try net.district.store.arrivals(regime: "R1", periods: (0..<months).map { Net.period($0) })
            for (k, period) in (0..<months).map({ ($0, Net.period($0)) }) {
                let judged = try net.completeness(period, now: clock.now)
                for unit in [https, usb] {
                    let entry = signed[unit]![k]
                    let held = (arrivals[period] ?? []).filter { $0.unitCode == unit }
                    #expect(held.count == 1 && held.first?.revision == 1 && held.first?.bundleId == entry.id)
                    #expect(held.first?.signedAt == entry.at, "the signing time is kept for review")
                    let verdict = try #require(judged[unit])
                    #expect(verdict.received && verdict.revisions == 1)
                    if k == months - 1 {
                        #expect(verdict.timeliness == .onTime && !verdict.bySigningTime && verdict.review == nil, "\(unit) \(period.id)")
                    } else {
                        #expect(verdict.timeliness == .late && !verdict.bySigningTime && verdict.review == .signedLongBeforeArrival,
                                "\(unit) \(period.id): \(verdict)")
                        #expect(verdict.judgedAt == held.first?.receivedAt)
                        // What the signature alone would say, which a reviewer sees next to the flag.
                        #expect(Net.regime.deadline(for: period, senderKind: .commune, calendar: WorkingCalendar())!.isMet(at: entry.at) == !signedLate(k))
                    }
                }
            }
        }
    }

    /// One commune's clock a day ahead of the district's, another's a day behind: both
    /// reports are accepted (the node's default clock tolerance is 24 hours), the district
    /// records each skew, and judges each report by its arrival (seed 002 art. 14.4), the
    /// signing time corrected by the skew checked against it: the one signed before the
    /// deadline by the district's clock (after it by the commune's) arrived in time, the
    /// one signed after it (before it by the commune's) arrived late, and neither is flagged.
    /// A clock more than the tolerance ahead gets its report postponed, with the reason:
    /// it stays queued at the commune, and is offered again — and accepted — once the
    /// district's clock reaches its signing time less the tolerance.
    @Test func aDayAheadAndBehind_acceptedAndJudgedByArrival() async throws {
        #expect(Net.clockTolerance == 86_400)
        let period = Net.period(1)
        let deadline = Net.deadline(period)
        let clock = SimulatedClock(deadline - 6 * 3600)   // 18:00 on the due date, at the district
        try await Net.with(clock: clock) { net in
            let (ahead, behind, tooFar) = (Self.communeA, Self.communeC, Self.communeB)
            let aheadClock = clock.skewed(by: 86_400)
            let behindClock = clock.skewed(by: -86_400)
            let tooFarClock = clock.skewed(by: 86_400 + 7200)

            let aheadID = try net.approveAndSend(ahead, period: period, signedAt: aheadClock())   // "after the deadline" by its clock
            let tooFarID = try net.approveAndSend(tooFar, period: period, signedAt: tooFarClock())
            clock.advance(by: 3600)
            let round = try await net.client(ahead).round(now: aheadClock)
            #expect(round.pushed == 1 && round.refused == 0)
            let measuredByRound = try net.district.store.clockSkews()[ahead]
            // The client stamps BaoCao-Clock with the round's clock, so the district measures the day.
            #expect(measuredByRound == 86_400)
            try await net.stateClock(of: ahead, as: aheadClock())

            let postponed = try await net.client(tooFar).round(now: tooFarClock)
            #expect(postponed.pushed == 0 && postponed.refused == 0 && postponed.postponed == 1)
            #expect(try await net.copiesAtDistrict(tooFarID) == 0)
            let waiting = try #require(try net.runtime(tooFar).postponedBundles().first { $0.bundleId == tooFarID })
            #expect(waiting.unsettledSince == nil, "an answer the commune understands: not yet, and why")
            let verdict = try net.district.ingestor().trust.verifier.verify(try net.runtime(tooFar).files.read(tooFarID), now: clock.now)
            guard case .premature(let early, let acceptableFrom) = verdict else { Issue.record("\(verdict)"); return }
            #expect(early.code == .signingTimeInFuture)
            #expect(waiting.lastAnswer == "\(early.message) [signingTimeInFuture]", "the district's reason, kept at the commune")
            #expect(acceptableFrom == tooFarClock().addingTimeInterval(-3600 - Net.clockTolerance), "signed two hours over the tolerance, an hour ago")
            #expect(waiting.retryAt.map { $0 > tooFarClock() } == true, "offered again later, not at once")
            let rightAway = try await net.client(tooFar).round(now: tooFarClock)
            #expect(rightAway.pushed == 0 && rightAway.postponed == 0, "backed off: \(rightAway)")

            clock.set(deadline + 6 * 3600)                     // 06:00 the day after the deadline, at the district
            let behindID = try net.approveAndSend(behind, period: period, signedAt: behindClock())  // "before the deadline" by its clock
            clock.advance(by: 3600)
            #expect(try await net.client(behind).round(now: behindClock).pushed == 1)
            try await net.stateClock(of: behind, as: behindClock())

            let skews = try net.district.store.clockSkews()
            #expect(skews[ahead] == 86_400 && skews[behind] == -86_400, "\(skews)")
            let measured = try await net.district.store.writer.read { db in
                try Date.fetchOne(db, sql: "SELECT measuredAt FROM clockSkew WHERE unitCode = ?", arguments: [behind])
            }
            #expect(measured == clock.now, "measured by the district's clock")

            let judged = try net.completeness(period, now: clock.now)
            let onTime = try #require(judged[ahead])
            #expect(onTime.timeliness == .onTime && !onTime.bySigningTime && onTime.review == nil, "\(onTime)")
            #expect(onTime.judgedAt == deadline - 5 * 3600)
            let late = try #require(judged[behind])
            #expect(late.timeliness == .late && !late.bySigningTime && late.review == nil, "\(late)")
            #expect(late.judgedAt == deadline + 7 * 3600)
            // The staff see why: each sender's clock, as measured at its last sync.
            #expect(onTime.clockSkewNote == "đồng hồ nhanh 1 ngày" && late.clockSkewNote == "đồng hồ chậm 1 ngày")
            #expect(judged[tooFar]?.received == false)
            let arrivals = try net.district.store.arrivals(regime: "R1", periods: [period])[period] ?? []
            #expect(arrivals.first { $0.bundleId == aheadID }?.signedAt == deadline + 18 * 3600, "kept as the commune signed it")
            #expect(arrivals.first { $0.bundleId == behindID }?.signedAt == deadline - 18 * 3600)

            // Once the district's clock has caught up, the same report goes and is accepted.
            let offeredAgain = try await net.client(tooFar).round(now: clock.skewed(by: 1800))
            #expect(offeredAgain.pushed == 1 && offeredAgain.postponed == 0)
            #expect(try await net.copiesAtDistrict(tooFarID) == 1)
            #expect(try net.runtime(tooFar).postponedBundles().isEmpty)
        }
    }

    /// The skew that corrects a report's signing time is the one the district measured when
    /// the report arrived, not what the commune says of its clock afterwards: a commune
    /// that signed two hours late with a right clock, and at its next sync claims its clock
    /// runs a day fast (which would put its signing time a day earlier, before the
    /// deadline), is still judged late, and not flagged as signed in time.
    @Test func clockClaimedAfterArrival_doesNotMoveTheSigningTime() async throws {
        let period = Net.period(3)
        let deadline = Net.deadline(period)
        let clock = SimulatedClock(deadline + 2 * 3600)
        try await Net.with(clock: clock) { net in
            let unit = Self.communeA
            let id = try net.approveAndSend(unit, period: period, signedAt: clock.now)
            clock.advance(by: 600)
            #expect(try await net.client(unit).round(now: { clock.now }).pushed == 1)
            try await net.stateClock(of: unit, as: clock.now)
            #expect(try net.district.store.clockSkews()[unit] == 0)

            clock.advance(by: 3600)
            try await net.stateClock(of: unit, as: clock.now.addingTimeInterval(86_400))   // "my clock is a day fast"
            #expect(try net.district.store.clockSkews()[unit] == 86_400, "measured and shown beside the unit")

            let arrival = try #require(try net.district.store.arrivals(regime: "R1", periods: [period])[period]?.first { $0.bundleId == id })
            #expect(arrival.clockSkewAtArrival == 0, "fixed when it arrived")
            let judged = try #require(try net.completeness(period, now: clock.now)[unit])
            #expect(judged.timeliness == .late && judged.review == nil, "\(judged)")
            #expect(judged.judgedAt == deadline + 2 * 3600 + 600)
            #expect(judged.clockSkewNote == "đồng hồ nhanh 1 ngày")
        }
    }

    /// A commune whose clock is a day behind receives a signing certificate the province
    /// issued "now" by its own clock: by the commune's clock it is valid only from
    /// tomorrow. Signing with it is accepted, at the commune and at the district, because
    /// each certificate is checked at the signing time within the clock tolerance. A
    /// certificate valid from later than the tolerance allows is refused at the commune
    /// already (as `ReportService.approve` checks before recording), with the reason.
    @Test func certificateValidFromTomorrowByCommuneClock_acceptedWithinTolerance() async throws {
        let period = Net.period(2)
        let issuedAt = Net.deadline(period) - 5 * 86_400
        let pki = Net.sharedPKI
        func issue(validFrom start: Date) throws -> SigningIdentity {
            let key = try PrivateKey.generate(.ecP256)
            let certificate = try CertificateAuthority.issue(
                for: key, subject: DistinguishedName(commonName: "Xã Ngọc Sơn", unitCode: Self.communeC.rawValue), profile: .signing,
                validity: DateInterval(start: start, duration: 365 * 86_400), issuer: pki.root)
            return try SigningIdentity(key: key, certificate: certificate)
        }
        let fromTomorrow = try issue(validFrom: issuedAt)
        let tooLate = try issue(validFrom: issuedAt + 2 * 3600)
        let clock = SimulatedClock(issuedAt + 600)
        let signers = [Self.communeC: [fromTomorrow.certificate.fingerprint, tooLate.certificate.fingerprint]]
        try await Net.with(clock: clock, signers: signers) { net in
            let communeClock = clock.skewed(by: -86_400)
            #expect(VietnamTime.civilDate(at: fromTomorrow.certificate.notBefore).julianDayNumber
                    == VietnamTime.civilDate(at: communeClock()).julianDayNumber + 1, "valid from tomorrow by the commune's clock")

            let id = try net.approveAndSend(Self.communeC, period: period, signedAt: communeClock(), identity: fromTomorrow)
            clock.advance(by: 600)
            let round = try await net.client(Self.communeC).round(now: communeClock)
            #expect(round.pushed == 1 && round.refused == 0, "\(round)")
            #expect(try await net.copiesAtDistrict(id) == 1)
            let held = try #require(try net.district.store.bundle(id: id))
            #expect(held.signer == fromTomorrow.certificate.fingerprint)
            // The verifier measures how far outside the validity the signature lay.
            let data = try net.district.files.read(id)
            let verified = try #require(try net.district.ingestor().trust.verifier.verify(data, now: clock.now).bundle)
            #expect(verified.validitySkew == 86_400 - 600)

            // Beyond the tolerance: refused before it is recorded, with a precise reason.
            let (_, early) = try BundleWriter(identity: tooLate).write(
                kind: .report, sender: Self.communeC, recipient: .unit(Net.district),
                parts: [.init(path: ReportDocument.partPath, data: Data("{}".utf8))], at: communeClock())
            guard case .refused(let error) = try net.runtime(Self.communeC).ingestor().trust.verifier.verify(early, now: communeClock()) else {
                Issue.record("a certificate not valid until beyond the tolerance must be refused"); return
            }
            #expect(error.code == .certificateNotYetValid, "\(error)")
            let atCommune = #expect(throws: BundleError.self) {
                try net.approveAndSend(Self.communeC, period: Net.period(3), signedAt: communeClock(), identity: tooLate)
            }
            #expect(atCommune?.code == .certificateNotYetValid)
            #expect(atCommune?.message == error.message)
            // The district refuses it the same way.
            guard case .rejected(let atDistrict) = try net.district.ingest(early, from: .carrier, now: clock.now) else {
                Issue.record("the district must refuse it too"); return
            }
            #expect(atDistrict.code == .certificateNotYetValid)
        }
    }

    /// The district checks a calling commune's TLS certificate at its own clock — the
    /// simulated one here, months ahead of the real — within the clock tolerance: a
    /// certificate valid from an hour after the district's time (renewed by the province
    /// this morning) gets through, one valid only days later does not, and its reports
    /// stay queued at the commune.
    @Test func callerCertificates_areCheckedAtTheParentsClock_withinTheTolerance() async throws {
        let pki = Net.sharedPKI
        let period = Net.period(1)
        let clock = SimulatedClock(Net.deadline(period) - 86_400)
        #expect(clock.now > Date() + 30 * 86_400, "the simulated time is well ahead of the real one")
        func nodeIdentity(validFrom: Date) throws -> SigningIdentity {
            let key = try PrivateKey.generate(.ecP256)
            let certificate = try CertificateAuthority.issue(
                for: key, subject: DistinguishedName(commonName: "Xã A", unitCode: Self.communeA.rawValue), profile: .node(hosts: []),
                validity: DateInterval(start: validFrom, duration: 365 * 86_400), issuer: pki.root)
            return try SigningIdentity(key: key, certificate: certificate)
        }
        let renewedThisMorning = try nodeIdentity(validFrom: clock.now + 3600)
        let notYetValid = try nodeIdentity(validFrom: clock.now + 3 * 86_400)
        let registered = [Self.communeA: [renewedThisMorning, notYetValid].map(\.certificate.fingerprint)]
        try await Net.with(clock: clock, nodes: registered) { net in
            func http(_ identity: SigningIdentity) throws -> HTTPClient {
                try SyncClient.makeHTTPClient(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(), anchorsPEM: net.anchors,
                                              resolving: Net.loopback)
            }
            let first = try net.approveAndSend(Self.communeA, period: period, signedAt: clock.now)
            let refusedClient = try http(notYetValid)
            var failure: (any Error)?
            do { _ = try await net.client(Self.communeA, http: refusedClient).round(now: { clock.now }) } catch { failure = error }
            try? await refusedClient.shutdown()
            // Refused at the handshake: the district answers the certificate with the TLS alert "certificate unknown".
            #expect(failure is BoringSSLError, "\(String(describing: failure))")
            #expect(failure.map { "\($0)".contains("SSLV3_ALERT_CERTIFICATE_UNKNOWN") } == true, "\(String(describing: failure))")
            #expect(try net.runtime(Self.communeA).store.pendingDeliveries(direction: .up).map(\.bundleId) == [first], "nothing lost")

            let acceptedClient = try http(renewedThisMorning)
            let round = try await net.client(Self.communeA, http: acceptedClient).round(now: { clock.now })
            try? await acceptedClient.shutdown()
            #expect(round.pushed == 1 && round.refused == 0)
            #expect(try net.runtime(Self.communeA).store.pendingDeliveries(direction: .up).isEmpty)
        }
    }

    /// The commune's own check of the district's certificate uses this machine's real
    /// clock, without tolerance: AsyncHTTPClient offers no verification callback to put the
    /// injected clock into (swift-server/async-http-client#285). A district whose TLS
    /// certificate was issued an hour from now by the commune's real clock (as it is for a
    /// commune whose clock is behind, the day a certificate is renewed) cannot be reached,
    /// although the simulated time says the certificate is valid, and although a signing
    /// certificate with the same gap is accepted within the tolerance. What happens, as the
    /// person sees it: the round fails with a Vietnamese reason that points at the clock
    /// (`SyncError.parentCertificateRefused`), and nothing waiting is lost.
    @Test func tlsCertificateValidity_followsTheRealClockWithoutTolerance() async throws {
        let pki = Net.sharedPKI
        let validFrom = Date() + 3600
        func issue(_ unit: UnitCode, _ profile: CertificateProfile) throws -> SigningIdentity {
            let key = try PrivateKey.generate(.ecP256)
            let certificate = try CertificateAuthority.issue(
                for: key, subject: DistinguishedName(commonName: "Huyện Lạc Sơn", unitCode: unit.rawValue), profile: profile,
                validity: DateInterval(start: validFrom, duration: 365 * 86_400), issuer: pki.root)
            return try SigningIdentity(key: key, certificate: certificate)
        }
        let node = try issue(Net.district, .node(hosts: [DevelopmentPKI.hostName(of: Net.district)]))
        let signing = try issue(Self.communeA, .signing)
        let period = Net.period(1)
        let clock = SimulatedClock(Net.deadline(period) - 86_400)   // months after `validFrom`
        try await Net.with(clock: clock, signers: [Self.communeA: [signing.certificate.fingerprint, pki.units[Self.communeA]!.signing.certificate.fingerprint]],
                         districtNode: node) { net in
            #expect(node.certificate.notBefore < clock.now, "valid by the simulated clock")
            // A bundle signed an hour before its certificate's validity, by the real clock: accepted.
            let (_, early) = try BundleWriter(identity: signing).write(
                kind: .report, sender: Self.communeA, recipient: .unit(Net.district),
                parts: [.init(path: ReportDocument.partPath, data: Data("{}".utf8))], at: Date())
            #expect(try net.district.ingestor().trust.verifier.verify(early, now: Date()).bundle?.validitySkew ?? 0 > 3000)

            let id = try net.approveAndSend(Self.communeA, period: period, signedAt: clock.now)
            let client = net.client(Self.communeA, http: try net.impatientHTTPClient(Self.communeA))
            do {
                _ = try await client.round(now: { clock.now })
                Issue.record("the district must be unreachable while its certificate starts after this machine's clock")
            } catch SyncError.parentCertificateRefused(let checkedAt) {
                #expect(abs(checkedAt.timeIntervalSinceNow) < 60, "checked against the real clock, not the simulated one")
                let message = SyncError.parentCertificateRefused(checkedAt: checkedAt).description
                #expect(message.contains("đồng hồ của máy này") && message.contains("các gói tin vẫn được giữ"), "\(message)")
            }
            #expect(try net.runtime(Self.communeA).store.pendingDeliveries(direction: .up).map(\.bundleId) == [id], "nothing lost")
            #expect(try net.runtime(Self.communeA).postponedBundles().isEmpty, "no answer came, so none is kept")
        }
    }
}
